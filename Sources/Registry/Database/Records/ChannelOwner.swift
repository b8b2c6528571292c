import GRDB

/// One period during which a channel belonged to an entity: from `validFrom` (inclusive; nil:
/// since the channel exists) to `validTo` (exclusive; nil: still). A channel without periods
/// belongs to `channel.entity_id` for its whole life; moving it on a day D closes the current
/// period at D and opens the new owner's from D (`ChannelOwnership`).
public struct ChannelOwner: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "channel_owner"
  public var id: Int64?
  public var channelId: Int64
  public var entityId: String
  public var validFrom: String?
  public var validTo: String?
  public var sourceId: Int64
  public var note: String?

  public init(
    id: Int64? = nil, channelId: Int64, entityId: String, validFrom: String?, validTo: String?,
    sourceId: Int64, note: String? = nil
  ) {
    self.id = id
    self.channelId = channelId
    self.entityId = entityId
    self.validFrom = validFrom
    self.validTo = validTo
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, note
    case channelId = "channel_id"
    case entityId = "entity_id"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case sourceId = "source_id"
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
