import GRDB
import Vocabulary

/// One check, on a day, of whether an entity is on a platform, with its method, confidence and
/// source.
public struct Survey: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "survey"
  public var id: Int64?
  public var entityId: String
  public var platform: Platform
  /// `YYYY-MM-DD`.
  public var observedOn: String
  public var result: SurveyResult
  /// The canonical handle found, when the source names one (present only).
  public var handle: String?
  /// The channel found, when linked (present only).
  public var channelId: Int64?
  /// A `SurveyMethod` name.
  public var method: String
  public var confidence: Confidence
  public var sourceId: Int64
  public var note: String?

  public init(
    id: Int64? = nil, entityId: String, platform: Platform, observedOn: String,
    result: SurveyResult, handle: String? = nil, channelId: Int64? = nil, method: String,
    confidence: Confidence, sourceId: Int64, note: String? = nil
  ) {
    self.id = id
    self.entityId = entityId
    self.platform = platform
    self.observedOn = observedOn
    self.result = result
    self.handle = handle
    self.channelId = channelId
    self.method = method
    self.confidence = confidence
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, platform, result, handle, method, confidence, note
    case entityId = "entity_id"
    case observedOn = "observed_on"
    case channelId = "channel_id"
    case sourceId = "source_id"
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  public enum Columns {
    public static let entityId = Column(CodingKeys.entityId)
    public static let platform = Column(CodingKeys.platform)
    public static let observedOn = Column(CodingKeys.observedOn)
    public static let sourceId = Column(CodingKeys.sourceId)
  }
}
