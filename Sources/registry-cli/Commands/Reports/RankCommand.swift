import ArgumentParser
import Foundation
import Registry
import Stats
import Vocabulary

/// `rank --metric M`: a league table of entities.
struct RankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank",
    abstract: "League table of entities by one metric, ties shared, missing values listed apart.",
    discussion: """
      Examples:
        registry-cli rank --metric followers --platform x
        registry-cli rank --metric followers_per_1000 --region BE-VLG --top 10 --format csv
      Ranking is competition ranking (1, 2, 2, 4). Entities without a value are not ranked; they \
      are listed apart with the reason. Default kind: local_police for BE, every police kind \
      elsewhere. Definitions: docs/compare.md.
      """)

  enum RankMetric: String, ExpressibleByArgument, CaseIterable {
    case followers
    case followersPer1000 = "followers_per_1000"
    case growth90d = "growth_90d"
    case growth365d = "growth_365d"
    case engagementRate = "engagement_rate"
    case postsPerWeek = "posts_per_week"

    /// Growth ranks by percent, so a large account does not win by size alone.
    var metric: CompareMetric {
      switch self {
      case .followers: return .followers
      case .followersPer1000: return .followersPer1000
      case .growth90d: return .growth90dPct
      case .growth365d: return .growth365dPct
      case .engagementRate: return .engagementRate
      case .postsPerWeek: return .postsPerWeek
      }
    }
  }

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Metric: \(RankMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
  var metric: RankMetric

  @Option(help: "Region code(s), ISO 3166-2 (default: every region).")
  var region: [String] = []

  @Option(help: "Platform (default: any social platform).")
  var platform: String?

  @Option(help: "Entity kind(s): \(EntityKind.namesList).")
  var kind: [String] = []

  @Option(help: "Country, ISO 3166-1 alpha-2.")
  var country = "BE"

  @Option(help: "Date, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @Option(help: "Snapshots older than this many days before a date are stale (not used).")
  var stalenessDays = SnapshotSelection.defaultStalenessDays

  @Option(help: "Show the entities ranked N or better (ties at the cut are all kept).")
  var top: Int?

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: OutputFormat = .table

  func validate() throws {
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
    _ = try CompareInputMapping.selector(platform)
    guard country.count == 2 else {
      throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as BE")
    }
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
    if let top, top < 1 { throw ValidationError("--top must be 1 or more") }
    if stalenessDays < 0 { throw ValidationError("--staleness-days must be 0 or more") }
  }

  var kinds: [String] {
    if !kind.isEmpty { return kind }
    if country.uppercased() == "BE" { return [EntityKind.localPolice.rawValue] }
    return [EntityKind.localPolice, .federalPolice, .nationalPolice, .foreignPolice].map(\.rawValue)
  }

  func run() throws {
    let registry = try database.open()
    let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today()
    let selector = try CompareInputMapping.selector(platform)
    let code = country.uppercased()
    let regions = region.map { $0.uppercased() }
    let known = try registry.regions(country: code)
    for r in regions where !known.contains(where: { $0.code == r }) {
      throw ValidationError(
        "unknown region '\(r)' for \(code); valid codes are: "
          + known.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))
    }
    let input = CompareInputMapping.input(
      try registry.compareData(country: code, asOf: day), asOf: day, stalenessDays: stalenessDays)
    let inScope = input.entities.filter {
      kinds.contains($0.entity.kind) && (regions.isEmpty || regions.contains($0.entity.region))
        && $0.entity.exists(on: input.asOf)
    }
    let byChannel = input.snapshotsByChannel()
    let figures = inScope.filter { !$0.placeholder }.map {
      EntityFigures.compute(
        $0.entity, channels: input.channels, snapshots: byChannel, platform: selector,
        on: input.asOf, stalenessDays: stalenessDays)
    }
    let table = LeagueTable.build(
      figures, metric: metric.metric, platform: selector, asOf: input.asOf, top: top,
      placeholdersExcluded: inScope.filter(\.placeholder).count)
    let scope =
      "\(code), kinds \(kinds.joined(separator: ",")), regions "
      + (regions.isEmpty ? "all" : regions.joined(separator: ",")) + ", existing on \(day)"
    Terminal.note(
      "rank \(metric.rawValue) (\(metric.metric.rawValue)) as of \(day): \(scope); "
        + "\(table.entries.count) ranked, \(table.missing.count) missing")
    switch format {
    case .table:
      print(SideBySideText.render(table, scope: scope, markdown: false), terminator: "")
    case .json:
      print(ScorecardJSON.render(table, scope: scope), terminator: "")
    case .ndjson:
      for e in table.entries { print(ScorecardJSON.entry(table, e).compact()) }
      for m in table.missing { print(ScorecardJSON.missingEntry(table, m).compact()) }
    case .csv:
      let inputs = LeagueTable.inputColumns(table.metric)
      let columns = ["rank", "entity_id", "name", "region", "value"] + inputs + ["missing_reason"]
      func number(_ v: Double?) -> String? { v.map { JSONValue.number($0).compact() } }
      var rows: [[String?]] = []
      for e in table.entries {
        var row: [String?] = [String(e.rank), e.entity.id, e.entity.name, e.entity.region]
        row.append(number(e.value))
        for k in inputs { row.append(number(e.inputs[k]?.value)) }
        row.append(nil)
        rows.append(row)
      }
      for m in table.missing {
        var row: [String?] = [nil, m.entity.id, m.entity.name, m.entity.region, nil]
        row += Array(repeating: nil, count: inputs.count)
        row.append(m.reason.rawValue)
        rows.append(row)
      }
      print(CSVOutput.render(columns: columns, rows: rows), terminator: "")
    }
  }
}
