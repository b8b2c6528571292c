import ArgumentParser
import Registry
import Reporting
import Stats

struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per-region count of entities and of those present on each platform.",
    discussion: """
      The platform columns count entities with a channel on the platform; present, absent and \
      unknown are the statuses on any social platform on --as-of (default today) of the \
      entities existing then (docs/report.md).
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions
  @OptionGroup var presence: PresenceOptions

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: ListingFormat = .table

  func run() throws {
    let registry = try database.open()
    let listing = try Listings.summary(
      registry, try filters.filter(in: registry),
      rule: PresenceRule(minConfidence: presence.minConfidence))
    print(try listing.render(ListingShape(format: format)), terminator: "")
  }
}
