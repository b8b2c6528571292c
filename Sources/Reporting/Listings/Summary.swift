import Registry
import Stats
import Vocabulary

/// What the per-region summary is asked for. It counts what the adoption report counts: per
/// country, the entities of the report's kinds existing on the day (placeholders left out), those
/// present that day on any social platform and on each platform, and the statuses on any social
/// platform (present, absent, unknown: docs/report.md).
public struct SummaryRequest: Sendable, Equatable {
  /// ISO 3166-1 alpha-2 codes; empty: every country of the registry.
  public var countries: [String]
  /// ISO 3166-2 codes; empty: every region.
  public var regions: [String]
  /// Empty: the report's default kinds of each country (`ScopeRequest.defaultKinds`).
  public var kinds: [EntityKind]
  /// Platform names or aliases; empty: each country's social platforms with a channel in scope.
  public var platforms: [String]
  public var asOf: Day
  /// Surveys below this confidence are not counted.
  public var minConfidence: Confidence

  public init(
    countries: [String] = [], regions: [String] = [], kinds: [EntityKind] = [],
    platforms: [String] = [], asOf: Day,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) {
    self.countries = countries.map { $0.uppercased() }
    self.regions = regions.map { $0.uppercased() }
    self.kinds = kinds
    self.platforms = platforms
    self.asOf = asOf
    self.minConfidence = minConfidence
  }

  /// What is counted, in one line for people (the command prints it on stderr).
  public var description: String {
    "summary as of \(asOf), the adoption report's counts: entities "
      + (kinds.isEmpty
        ? "of the report's kinds (BE: local_police; elsewhere: every police kind)"
        : "of kinds \(kinds.map(\.rawValue).joined(separator: ","))")
      + " existing on the day, placeholders left out; adopters_any and the platform columns: "
      + "those present that day on any social platform, on each platform (a channel open, or "
      + "a survey); present, absent, unknown: the statuses on any social platform (surveys of "
      + "confidence \(minConfidence.rawValue) or higher)"
  }
}

extension Listings {
  /// One row of the per-region summary.
  public struct SummaryRow: Encodable, Sendable {
    public var country: String
    public var region: String
    public var entities: Int
    public var adoptersAny: Int
    public var platforms: [String: Int]
    /// The statuses on any social platform of the entities counted (present + absent + unknown
    /// = entities).
    public var present = 0
    public var absent = 0
    public var unknown = 0

    /// Flat, as the CSV: one key per column, the platforms beside the counts.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(country, forKey: Key("country"))
      try c.encode(region, forKey: Key("region"))
      try c.encode(entities, forKey: Key("entities"))
      try c.encode(adoptersAny, forKey: Key("adopters_any"))
      for (p, n) in platforms { try c.encode(n, forKey: Key(p)) }
      try c.encode(present, forKey: Key("present"))
      try c.encode(absent, forKey: Key("absent"))
      try c.encode(unknown, forKey: Key("unknown"))
    }

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(_ s: String) { stringValue = s }
      init?(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
  }

  /// Per country and region: the entities, those present on any social platform and on each
  /// platform, and the statuses on any social platform, as the adoption report of that country
  /// counts them (one report per country, so the two cannot disagree).
  public static func summary(_ registry: RegistryDatabase, _ request: SummaryRequest) throws
    -> Listing<SummaryRow>
  {
    try AdoptionReportRequest(scope: ScopeRequest(asOf: request.asOf), platforms: request.platforms)
      .checkPlatforms()
    var countries = request.countries.isEmpty ? try registry.countries() : request.countries
    for r in request.regions where !countries.contains(where: { r.hasPrefix($0 + "-") }) {
      throw RequestError(
        "--region",
        "region '\(r)' is not in the countries asked for (\(countries.joined(separator: ", ")))")
    }
    if !request.regions.isEmpty {
      countries = countries.filter { c in request.regions.contains { $0.hasPrefix(c + "-") } }
    }
    var rows: [SummaryRow] = []
    var platforms = Set<String>()
    for country in countries {
      let scope = ScopeRequest(
        country: country, regions: request.regions.filter { $0.hasPrefix(country + "-") },
        kinds: request.kinds, asOf: request.asOf, minConfidence: request.minConfidence)
      let built = try AdoptionReporting.build(
        registry,
        AdoptionReportRequest(scope: scope, platforms: request.platforms, listsEntities: false)
      ).report
      platforms.formUnion(built.filters.platforms)
      var byRegion: [String: SummaryRow] = [:]
      var order: [String] = []
      for g in built.regions {
        if byRegion[g.region] == nil {
          byRegion[g.region] = SummaryRow(
            country: country, region: g.region, entities: 0, adoptersAny: 0, platforms: [:])
          order.append(g.region)
        }
        if g.platform == PlatformSelector.anySocial.name {
          byRegion[g.region]?.entities = g.entities
          byRegion[g.region]?.adoptersAny = g.adopters
          let counts = g.presence.counts
          byRegion[g.region]?.present = counts.present
          byRegion[g.region]?.absent = counts.absent
          byRegion[g.region]?.unknown = counts.unknown
        } else {
          byRegion[g.region]?.platforms[g.platform] = g.adopters
        }
      }
      rows += order.compactMap { byRegion[$0] }.filter { $0.entities > 0 }
    }
    let columns =
      ["country", "region", "entities", "adopters_any"]
      + Platform.allCases.map(\.rawValue).filter { platforms.contains($0) }
    let platformColumns = Array(columns.dropFirst(4))
    let statusColumns = ["present", "absent", "unknown"]
    // A platform without a channel in a country's scope has no column in its report: none.
    for i in rows.indices {
      for p in platformColumns where rows[i].platforms[p] == nil { rows[i].platforms[p] = 0 }
    }
    return Listing(columns: columns + statusColumns, rows: rows) { r in
      var c: [String: String?] = [
        "country": r.country, "region": r.region, "entities": String(r.entities),
        "adopters_any": String(r.adoptersAny), "present": String(r.present),
        "absent": String(r.absent), "unknown": String(r.unknown),
      ]
      for p in platformColumns { c[p] = String(r.platforms[p] ?? 0) }
      return c
    }
  }
}
