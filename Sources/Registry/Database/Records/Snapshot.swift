import GRDB

/// One observation of a channel's counts at one time.
public struct Snapshot: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "snapshot"
  public var channelId: Int64
  /// UTC epoch seconds.
  public var observedAt: Int64
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var engagements: Int64?
  public var engagementWindowDays: Int64?
  public var sourceId: Int64
  public var note: String?

  public init(
    channelId: Int64, observedAt: Int64, followers: Int64?, following: Int64? = nil,
    posts: Int64? = nil, engagements: Int64? = nil, engagementWindowDays: Int64? = nil,
    sourceId: Int64, note: String? = nil
  ) {
    self.channelId = channelId
    self.observedAt = observedAt
    self.followers = followers
    self.following = following
    self.posts = posts
    self.engagements = engagements
    self.engagementWindowDays = engagementWindowDays
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case followers, following, posts, engagements, note
    case channelId = "channel_id"
    case observedAt = "observed_at"
    case engagementWindowDays = "engagement_window_days"
    case sourceId = "source_id"
  }

  public enum Columns {
    public static let channelId = Column(CodingKeys.channelId)
    public static let observedAt = Column(CodingKeys.observedAt)
    public static let sourceId = Column(CodingKeys.sourceId)
  }
}
