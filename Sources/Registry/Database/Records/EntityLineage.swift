import GRDB

/// A predecessor entity absorbed into a successor on a date (zone mergers).
public struct EntityLineage: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_lineage"
  public var predecessorId: String
  public var successorId: String
  public var onDate: String
  public var sourceId: Int64
  public var note: String?
  public init(
    predecessorId: String, successorId: String, onDate: String, sourceId: Int64, note: String? = nil
  ) {
    self.predecessorId = predecessorId
    self.successorId = successorId
    self.onDate = onDate
    self.sourceId = sourceId
    self.note = note
  }
  enum CodingKeys: String, CodingKey {
    case note
    case predecessorId = "predecessor_id"
    case successorId = "successor_id"
    case onDate = "on_date"
    case sourceId = "source_id"
  }
}
