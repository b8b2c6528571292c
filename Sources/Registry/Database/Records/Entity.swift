import GRDB
import Vocabulary

/// An organisation that can own channels.
public struct Entity: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity"
  public var id: String
  public var kind: EntityKind
  public var code: String?
  public var codeSourceId: Int64?
  public var country: String
  public var region: String?
  /// `;`-separated BCP 47 codes, first is the main one.
  public var languages: String
  public var population: Int64?
  public var populationYear: Int?
  public var parentId: String?
  public var validFrom: String?
  /// Exclusive: the day the entity ceased (e.g. the merger date).
  public var validTo: String?
  public var sourceId: Int64
  public var note: String?
  /// Stands for an owner the sources do not identify (e.g. the zone behind @zp5327): listed,
  /// but excluded from entity counts and rates, since it may duplicate a real entity.
  public var placeholder: Bool

  public init(
    id: String, kind: EntityKind, code: String? = nil, codeSourceId: Int64? = nil,
    country: String, region: String? = nil, languages: String = "", population: Int64? = nil,
    populationYear: Int? = nil, parentId: String? = nil, validFrom: String? = nil,
    validTo: String? = nil, sourceId: Int64, note: String? = nil, placeholder: Bool = false
  ) {
    self.id = id
    self.kind = kind
    self.code = code
    self.codeSourceId = codeSourceId
    self.country = country
    self.region = region
    self.languages = languages
    self.population = population
    self.populationYear = populationYear
    self.parentId = parentId
    self.validFrom = validFrom
    self.validTo = validTo
    self.sourceId = sourceId
    self.note = note
    self.placeholder = placeholder
  }

  enum CodingKeys: String, CodingKey {
    case id, kind, code, country, region, languages, population, note, placeholder
    case codeSourceId = "code_source_id"
    case populationYear = "population_year"
    case parentId = "parent_id"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case sourceId = "source_id"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let kind = Column(CodingKeys.kind)
    public static let country = Column(CodingKeys.country)
    public static let region = Column(CodingKeys.region)
    public static let validFrom = Column(CodingKeys.validFrom)
    public static let validTo = Column(CodingKeys.validTo)
  }

  /// Whether the entity existed on the given day (valid_from inclusive, valid_to exclusive).
  public func exists(on day: Day) -> Bool {
    let d = day.description
    if let from = validFrom, from > d { return false }
    if let to = validTo, to <= d { return false }
    return true
  }
}
