import GRDB

/// A former handle of a channel, valid until (exclusive) the given day.
public struct ChannelHandleHistory: Codable, Hashable, Sendable, FetchableRecord,
  PersistableRecord
{
  public static let databaseTableName = "channel_handle_history"
  public var channelId: Int64
  public var handle: String
  public var validUntil: String
  public var sourceId: Int64?
  public init(channelId: Int64, handle: String, validUntil: String, sourceId: Int64?) {
    self.channelId = channelId
    self.handle = handle
    self.validUntil = validUntil
    self.sourceId = sourceId
  }
  enum CodingKeys: String, CodingKey {
    case handle
    case channelId = "channel_id"
    case validUntil = "valid_until"
    case sourceId = "source_id"
  }
}
