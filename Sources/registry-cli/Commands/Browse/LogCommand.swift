import ArgumentParser
import Registry
import Reporting

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show the change log: who changed which field when, on which source.",
    discussion: "Example: registry-cli log --entity be-pz-5327 --since 2025-01-01 --format json")

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Only changes to this entity (its fields, names, lineage and channels).")
  var entity: String?

  @Option(help: "Only changes to this channel (key, handle or URL).")
  var channel: String?

  @Option(help: "Only changes on or after this day (YYYY-MM-DD, UTC).")
  var since: String?

  @OptionGroup var output: ListingOptions

  func validate() throws {
    if let since { _ = try parseDay(since, option: "--since") }
  }

  func run() throws {
    let registry = try database.openForReading()
    var f = ChangeLogFilter()
    f.entityId = entity
    f.channelKey = try channel.map { try registry.channelKeyForLog($0) }
    f.since = try since.map { try parseDay($0, option: "--since") }
    let listing = Listings.changeLog(try registry.changeLog(f))
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
