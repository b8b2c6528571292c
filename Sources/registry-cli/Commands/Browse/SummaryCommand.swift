import ArgumentParser
import Registry
import Reporting

struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per-region count of entities and of those present on each platform.")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: ListingFormat = .table

  func run() throws {
    let registry = try database.open()
    let listing = try Listings.summary(registry, try filters.filter(in: registry))
    print(try listing.render(ListingShape(format: format)), terminator: "")
  }
}
