import ArgumentParser
import Registry

struct AccountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accounts",
    abstract: "List channels (accounts) with their entity, region and latest follower count.",
    discussion: """
      Example: registry-cli accounts --region BE-WAL --platform x --format json
      With --as-of, only channels open on that day at entities existing on that day are listed, \
      and followers are the latest snapshot on or before it.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions
  @OptionGroup var output: ListingOptions

  func run() throws {
    let registry = try database.open()
    let rows = try registry.accounts(try filters.filter(in: registry))
    let listing = Listing(
      columns: AccountRow.columns, rows: rows, cells: { $0.values },
      tableColumns: [
        "entity_code", "entity_name", "region", "platform", "handle", "status", "followers",
        "followers_observed_at", "source",
      ])
    print(try listing.render(output), terminator: "")
  }
}
