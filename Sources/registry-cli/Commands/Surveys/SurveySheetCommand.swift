import ArgumentParser
import Registry
import Reporting
import Stats
import Vocabulary

struct SurveySheetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sheet",
    abstract:
      "Print a survey worksheet: one row per entity and platform, what is known, and empty result columns.",
    discussion: """
      Example: registry-cli survey sheet --region BE-WAL --format csv > wal.csv
      Fill in observed_on (or give --on to import surveys), result (present or absent), and as \
      known handle, method, confidence, source and note; give the file back to \
      `registry-cli import surveys wal.csv`, unchanged in shape: rows left without a result are \
      skipped. Default platforms: \(PresenceListing.sheetPlatforms.joined(separator: ", ")).
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Platform(s) (default: the six above).")
  var platform: [String] = []

  @Option(help: "Region code(s), ISO 3166-2.")
  var region: [String] = []

  @Option(help: "Entity kind(s) (default: local_police).")
  var kind: [String] = []

  @Option(help: "Country, ISO 3166-1 alpha-2.")
  var country = "BE"

  @Option(help: "Entity id(s).")
  var entity: [String] = []

  @Option(help: "The day the known statuses refer to (default: today, UTC).")
  var asOf: String?

  @OptionGroup var presence: PresenceOptions

  @Option(help: "Output format: csv, json or ndjson (table: for reading only).")
  var format: ListingFormat = .csv

  func validate() throws {
    for p in platform where Platform(userText: p) == nil {
      throw ValidationError("unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
  }

  func run() throws {
    let registry = try database.open()
    var f = RegistryFilter()
    f.countries = [country.uppercased()]
    f.regions = region.map { $0.uppercased() }
    try asUsageError { try f.checkRegions(in: registry) }
    f.kinds = kind.isEmpty ? [.localPolice] : kind.compactMap { EntityKind(rawValue: $0) }
    f.entityIds = entity
    let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today()
    let platforms =
      platform.isEmpty
      ? PresenceListing.sheetPlatforms : platform.compactMap { Platform(userText: $0)?.rawValue }
    let statuses = try PresenceListing.statuses(
      registry, f, on: day, platforms: platforms,
      rule: PresenceRule(minConfidence: presence.minConfidence))
    let listing = PresenceListing.sheet(statuses.entities)
    Terminal.note(
      "survey sheet as of \(day): \(statuses.entities.count) entities × \(platforms.count) "
        + "platforms = \(statuses.entities.count * platforms.count) rows")
    print(try listing.render(ListingShape(format: format)), terminator: "")
  }
}
