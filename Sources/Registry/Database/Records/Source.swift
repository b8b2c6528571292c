import GRDB

/// Where a fact comes from. Every entity, channel, snapshot and reference figure points to one.
public struct Source: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "source"
  public var id: Int64?
  /// Stable human-readable identifier (e.g. `doc-001-jan-2013`).
  public var key: String
  public var title: String
  public var publisher: String?
  public var url: String?
  public var publishedOn: String?
  public var retrievedOn: String?
  public var note: String?

  public init(
    id: Int64? = nil, key: String, title: String, publisher: String? = nil, url: String? = nil,
    publishedOn: String? = nil, retrievedOn: String? = nil, note: String? = nil
  ) {
    self.id = id
    self.key = key
    self.title = title
    self.publisher = publisher
    self.url = url
    self.publishedOn = publishedOn
    self.retrievedOn = retrievedOn
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, key, title, publisher, url, note
    case publishedOn = "published_on"
    case retrievedOn = "retrieved_on"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let key = Column(CodingKeys.key)
    public static let url = Column(CodingKeys.url)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
