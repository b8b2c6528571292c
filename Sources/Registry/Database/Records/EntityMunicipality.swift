import GRDB

/// A municipality served by an entity (NIS code in Belgium).
public struct EntityMunicipality: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_municipality"
  public var entityId: String
  public var nisCode: String
  public var name: String?
  public var population: Int64?
  public init(entityId: String, nisCode: String, name: String?, population: Int64?) {
    self.entityId = entityId
    self.nisCode = nisCode
    self.name = name
    self.population = population
  }
  enum CodingKeys: String, CodingKey {
    case name, population
    case entityId = "entity_id"
    case nisCode = "nis_code"
  }
}
