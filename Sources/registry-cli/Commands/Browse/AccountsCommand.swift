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
      By default the channels of the entities existing today, each under its owner today; \
      entity_valid_to shows when an entity ceases. With --as-of, only channels open on that day \
      at entities existing on that day, each under its owner that day, and followers are the \
      latest snapshot on or before it. --include-ceased adds the entities that no longer exist \
      (with the channels they still own: a channel moved at a merger is listed under its new \
      owner).
      With --presence, one row per entity and platform instead: its status on --as-of (default \
      today): present (confirmed or carried forward), absent or unknown, with the evidence and \
      its date (docs/report.md); --platform chooses the platforms (default: every social \
      platform with a channel or a counted survey among the entities listed).
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions
  @OptionGroup var output: ListingOptions

  @Flag(help: "Also list entities that ceased (merged or closed) and the channels they own.")
  var includeCeased = false

  @Flag(help: "List each entity's status per platform (present, absent, unknown) instead.")
  var presence = false

  @OptionGroup var presenceOptions: PresenceOptions

  func validate() throws {
    if includeCeased && filters.asOf != nil {
      throw ValidationError(
        "--as-of lists the entities existing on that day; --include-ceased is for today's list")
    }
    if includeCeased && presence {
      throw ValidationError(
        "--presence gives the statuses of the entities existing on --as-of; --include-ceased "
          + "lists channels")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let filter = try filters.filter(in: registry)
    if presence {
      let listing = try PresenceListing.accounts(
        registry, filter, rule: PresenceRule(minConfidence: presenceOptions.minConfidence))
      print(try asUsageError { try listing.render(output.shape) }, terminator: "")
      return
    }
    let listing = try asUsageError {
      try Listings.accounts(registry, filter, includeCeased: includeCeased)
    }
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
