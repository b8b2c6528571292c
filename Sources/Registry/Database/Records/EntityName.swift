import GRDB

/// An entity's name in one language.
public struct EntityName: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_name"
  public var entityId: String
  public var lang: String
  public var name: String
  public init(entityId: String, lang: String, name: String) {
    self.entityId = entityId
    self.lang = lang
    self.name = name
  }
  enum CodingKeys: String, CodingKey {
    case lang, name
    case entityId = "entity_id"
  }
}
