import ArgumentParser
import Registry
import Reporting
import Stats
import Vocabulary

struct AccountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accounts",
    abstract: "List channels (accounts) with their entity, region and latest follower count.",
    discussion: """
      Example: registry-cli accounts --region BE-WAL --platform x --format json
      With --as-of, only channels open on that day at entities existing on that day are listed, \
      and followers are the latest snapshot on or before it.
      With --presence, one row per entity and platform instead: its status on --as-of (default \
      today): present (confirmed or carried forward), absent or unknown, with the evidence and \
      its date (docs/report.md); --platform chooses the platforms (default: every social \
      platform with a channel or a counted survey among the entities listed).
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions
  @OptionGroup var output: ListingOptions

  @Flag(help: "List each entity's status per platform (present, absent, unknown) instead.")
  var presence = false

  @OptionGroup var presenceOptions: PresenceOptions

  func run() throws {
    let registry = try database.open()
    let filter = try filters.filter(in: registry)
    if presence {
      let statuses = try PresenceListing.statuses(
        registry, filter, on: filter.asOf ?? Day.today(),
        platforms: filter.platforms.map(\.rawValue),
        rule: PresenceRule(minConfidence: presenceOptions.minConfidence))
      let listing = PresenceListing.listing(statuses.entities)
      print(try asUsageError { try listing.render(output.shape) }, terminator: "")
      return
    }
    let listing = try Listings.accounts(registry, filter)
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
