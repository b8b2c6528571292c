import ArgumentParser
import Registry
import Reporting
import Vocabulary

struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per-region count of entities and of those present on each platform.",
    discussion: """
      Counts what the adoption report counts, one report per country: the entities of the \
      report's kinds (BE: local_police; elsewhere every police kind; --kind for others) existing \
      on the day (placeholders left out), those present that day on any social platform \
      (adopters_any) and on each platform, and their statuses on any social platform: present, \
      absent, unknown (docs/report.md; --min-confidence sets which surveys count). Websites, \
      mailing lists and SMS alerts are not social platforms. The line on stderr says what was \
      counted. Example: registry-cli summary --country BE --as-of 2014-01-01
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Country, ISO 3166-1 alpha-2 (default: every country).")
  var country: [String] = []

  @Option(help: "Region, ISO 3166-2 (e.g. BE-WAL).")
  var region: [String] = []

  @Option(help: "Entity kind: \(EntityKind.namesList) (default: the report's).")
  var kind: [String] = []

  @Option(help: "Platform: \(Platform.namesList) (default: the social platforms in use).")
  var platform: [String] = []

  @Option(help: "Day counted (YYYY-MM-DD; default: today, UTC).")
  var asOf: String?

  @OptionGroup var presence: PresenceOptions

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: ListingFormat = .table

  func validate() throws {
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
  }

  func run() throws {
    let registry = try database.openForReading()
    let request = SummaryRequest(
      countries: country, regions: region, kinds: kind.compactMap { EntityKind(rawValue: $0) },
      platforms: platform,
      asOf: try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today(),
      minConfidence: presence.minConfidence)
    let listing = try asUsageError { try Listings.summary(registry, request) }
    Terminal.note(request.description)
    print(try listing.render(ListingShape(format: format)), terminator: "")
  }
}
