import Registry
import Reporting
import Stats
import Vocabulary

/// What each page and API route reads from its query, with the command line's names (`as_of`
/// for `--as-of`) and the command line's checks.
enum PageRequests {
  /// The filters of `accounts` and `entities`.
  static func filter(_ q: inout Query) throws -> RegistryFilter {
    var f = RegistryFilter()
    f.countries = try q.list("country").map { $0.uppercased() }
    f.regions = try q.list("region").map { $0.uppercased() }
    f.platforms = try q.list("platform").map { p in
      guard let platform = Platform(userText: p) else {
        throw RequestError(
          "platform", "unknown platform '\(p)'; use one of: \(Platform.namesList)")
      }
      return platform
    }
    f.kinds = try kinds(&q)
    f.languages = try q.list("language").map { $0.lowercased() }
    f.statuses = try q.list("status").map { s in
      guard let status = ChannelStatus(rawValue: s) else {
        throw RequestError(
          "status", "unknown status '\(s)'; use one of: \(ChannelStatus.namesList)")
      }
      return status
    }
    f.entityIds = try q.list("entity")
    f.search = try q.text("search")
    f.asOf = try q.day("as_of")
    return f
  }

  /// What `registry-cli summary` takes: countries, regions, kinds, platforms and the day.
  static func summary(_ q: inout Query) throws -> SummaryRequest {
    SummaryRequest(
      countries: try q.list("country"), regions: try q.list("region"), kinds: try kinds(&q),
      platforms: try reportPlatforms(&q), asOf: try q.day("as_of") ?? Day.today(),
      minConfidence: try minConfidence(&q))
  }

  /// `min_confidence`: the surveys counted by a status (`--min-confidence`).
  static func minConfidence(_ q: inout Query) throws -> Confidence {
    try q.choice("min_confidence", Confidence.self) ?? PresenceRule.defaultMinConfidence
  }

  /// An entity's page and its API answer: the day its statuses are for, and the surveys counted.
  static func entity(_ q: inout Query) throws -> (asOf: Day, rule: PresenceRule) {
    let asOf = try q.day("as_of") ?? Day.today()
    return (asOf, PresenceRule(minConfidence: try minConfidence(&q)))
  }

  /// `kind`: repeatable entity kinds.
  static func kinds(_ q: inout Query) throws -> [EntityKind] {
    try q.list("kind").map { k in
      guard let kind = EntityKind(rawValue: k) else {
        throw RequestError("kind", "unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
      }
      return kind
    }
  }

  /// `with_channels` / `without_channels` of the entities listing.
  static func presence(_ q: inout Query) throws -> ChannelPresence {
    let with = try q.flag("with_channels")
    let without = try q.flag("without_channels")
    if with && without {
      throw RequestError(
        "without_channels", "with_channels and without_channels exclude each other")
    }
    return with ? .with : without ? .without : .any
  }

  /// Rows per page of an HTML listing, and its largest.
  static let perPage = 50
  static let maxPerPage = 500
  /// Rows of a download or an API listing when `limit` is not given, and its largest.
  static let downloadLimit = 10_000
  static let maxDownloadLimit = 50_000
  static let maxOffset = 10_000_000

  /// `sort` and `desc`, as `--sort` and `--desc`.
  static func order(_ q: inout Query) throws -> (sort: String?, desc: Bool) {
    (try q.text("sort"), try q.flag("desc"))
  }

  /// An HTML page of a listing: `page` (from 1) and `per_page`.
  static func page(_ q: inout Query) throws -> (page: Int, perPage: Int) {
    let page = try q.int("page", in: 1...100_000) ?? 1
    let perPage = try q.int("per_page", in: 1...maxPerPage) ?? Self.perPage
    return (page, perPage)
  }

  /// A download or an API listing: `limit` and `offset`.
  static func window(_ q: inout Query) throws -> (limit: Int, offset: Int) {
    let limit = try q.int("limit", in: 0...maxDownloadLimit) ?? downloadLimit
    let offset = try q.int("offset", in: 0...maxOffset) ?? 0
    return (limit, offset)
  }

  /// `as_of` (default: today, UTC) and `staleness_days`.
  static func date(_ q: inout Query) throws -> (asOf: Day, stalenessDays: Int) {
    let asOf = try q.day("as_of") ?? Day.today()
    let staleness =
      try q.int("staleness_days", in: 0...3650) ?? SnapshotSelection.defaultStalenessDays
    return (asOf, staleness)
  }

  /// `country`, `region`, `kind` and the date: the scope of a report or a league table.
  static func scope(_ q: inout Query) throws -> ScopeRequest {
    let country = try q.text("country") ?? "BE"
    guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      throw RequestError(
        "country", "country takes an ISO 3166-1 alpha-2 code such as BE (got '\(country)')")
    }
    let kinds = try kinds(&q)
    let regions = try q.list("region")
    let (asOf, staleness) = try date(&q)
    return ScopeRequest(
      country: country, regions: regions, kinds: kinds, asOf: asOf, stalenessDays: staleness,
      minConfidence: try minConfidence(&q))
  }

  /// `platform` of a report: repeatable platform names.
  static func reportPlatforms(_ q: inout Query) throws -> [String] {
    let platforms = try q.list("platform")
    for p in platforms where Platform(userText: p) == nil {
      throw RequestError("platform", "unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
    return platforms
  }

  /// One `platform`: `any` (the default) or a platform name.
  static func selector(_ q: inout Query) throws -> PlatformSelector {
    try PlatformSelector.parse(try q.text("platform"))
  }

  /// What the league table ranks.
  static func rank(_ q: inout Query) throws -> RankRequest {
    let metric = try q.choice("metric", RankMetric.self) ?? .followers
    let platform = try selector(&q)
    let top = try q.int("top", in: 1...100_000)
    return RankRequest(scope: try scope(&q), metric: metric.metric, platform: platform, top: top)
  }

  /// One entity's scorecard.
  static func compare(_ q: inout Query, id: String) throws -> CompareRequest {
    let peers = try q.choice("peers", PeerBasis.self) ?? .region
    let platform = try selector(&q)
    let (asOf, staleness) = try date(&q)
    return CompareRequest(
      entityIds: [id], peers: peers, platform: platform, asOf: asOf, stalenessDays: staleness,
      minConfidence: try minConfidence(&q))
  }
}
