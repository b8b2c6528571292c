import ArgumentParser
import Reporting
import Stats

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

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Metric: \(RankMetric.namesList).")
  var metric: RankMetric

  @Option(help: "Platform (default: any social platform).")
  var platform: String?

  @OptionGroup var scope: ScopeOptions

  @Option(help: "Show the entities ranked N or better (ties at the cut are all kept).")
  var top: Int?

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: ListingFormat = .table

  func validate() throws {
    _ = try asUsageError { try PlatformSelector.parse(platform) }
    if let top, top < 1 { throw ValidationError("--top must be 1 or more") }
  }

  func run() throws {
    let registry = try database.openForReading()
    let request = RankRequest(
      scope: try scope.request, metric: metric.metric,
      platform: try asUsageError { try .parse(platform) }, top: top)
    let table = try asUsageError { try Comparing.rank(registry, request) }
    let described = request.scope.summary
    Terminal.note(
      "rank \(metric.rawValue) (\(metric.metric.rawValue)) as of \(request.scope.asOf): "
        + "\(described); \(table.entries.count) ranked, \(table.missing.count) missing")
    // CSV and NDJSON have no place for a banner: the warning goes to the terminal.
    if table.synthetic && (format == .csv || format == .ndjson) {
      Terminal.note(SyntheticBanner.text)
    }
    print(Comparing.render(table, scope: described, as: format), terminator: "")
  }
}

extension RankMetric: ExpressibleByArgument {}
