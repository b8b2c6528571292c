import GRDB

/// A published number with its scope and date, used as a benchmark.
public struct ReferenceFigure: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "reference_figure"
  public var id: String
  public var label: String
  /// What is measured, e.g. `entities_with_channel`, `adoption_rate`, `followers`, `entity_count`.
  public var metric: String
  public var value: Double
  public var denominator: Double?
  public var unit: String
  public var country: String?
  public var region: String?
  public var entityKind: String?
  public var platform: String?
  public var entityId: String?
  public var asOf: String
  public var asOfPrecision: String
  public var sourceId: Int64
  public var note: String?

  public init(
    id: String, label: String, metric: String, value: Double, denominator: Double? = nil,
    unit: String, country: String? = nil, region: String? = nil, entityKind: String? = nil,
    platform: String? = nil, entityId: String? = nil, asOf: String, asOfPrecision: String = "day",
    sourceId: Int64, note: String? = nil
  ) {
    self.id = id
    self.label = label
    self.metric = metric
    self.value = value
    self.denominator = denominator
    self.unit = unit
    self.country = country
    self.region = region
    self.entityKind = entityKind
    self.platform = platform
    self.entityId = entityId
    self.asOf = asOf
    self.asOfPrecision = asOfPrecision
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, label, metric, value, denominator, unit, country, region, platform, note
    case entityKind = "entity_kind"
    case entityId = "entity_id"
    case asOf = "as_of"
    case asOfPrecision = "as_of_precision"
    case sourceId = "source_id"
  }
}

extension ReferenceFigure {
  /// Why the value cannot be a count out of the denominator ("51 of 195 zones"): nil when there
  /// is no denominator or the value is within it.
  public var denominatorProblem: String? {
    guard let d = denominator else { return nil }
    guard value <= d else {
      return "\(Self.text(value)) is more than its denominator \(Self.text(d)) (\"x of n\" "
        + "needs x ≤ n); check the figures, or leave the denominator out"
    }
    return nil
  }

  static func text(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}
