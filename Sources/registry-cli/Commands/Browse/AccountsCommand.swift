import ArgumentParser
import Registry
import Reporting

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
    let listing = try Listings.accounts(registry, try filters.filter(in: registry))
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
