import ArgumentParser
import Registry
import Reporting

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "A channel's snapshots over time, optionally the last one per day, week or month.",
    discussion: """
      Weeks are ISO weeks (Monday to Sunday, labelled 2024-W18).
      Example: registry-cli history x/zp5327 --from 2024-01-01 --every week --format csv
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Channel key, numeric id, handle or URL.")
  var channel: String

  @Option(help: "First day (YYYY-MM-DD), inclusive.") var from: String?
  @Option(help: "Last day (YYYY-MM-DD), inclusive.") var to: String?
  @Option(help: "Keep the last snapshot of each: day, week or month.") var every: String?
  @Flag(help: "List the channel's retracted snapshots (taken out of every figure) instead.")
  var retracted = false
  @OptionGroup var output: ListingOptions

  func validate() throws {
    let f = try from.map { try parseDay($0, option: "--from") }
    let t = try to.map { try parseDay($0, option: "--to") }
    if let f, let t, t < f { throw ValidationError("--to \(t) is before --from \(f)") }
    if let every, HistoryPeriod(rawValue: every) == nil {
      throw ValidationError("--every must be day, week or month (got '\(every)')")
    }
    if retracted && (from != nil || to != nil || every != nil) {
      throw ValidationError("--retracted lists every retracted snapshot: no --from, --to, --every")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let c = try registry.resolveChannel(channel)
    let retractions = try registry.retractions(channelId: c.id!)
    if retracted {
      let listing = Listings.retractions(retractions)
      print(try asUsageError { try listing.render(output.shape) }, terminator: "")
      return
    }
    if !retractions.isEmpty {
      Terminal.note(
        "\(retractions.count) retracted snapshot(s) of \(c.key) not listed: "
          + "`registry-cli history \(c.key) --retracted`")
    }
    let rows = try registry.history(
      channelId: c.id!, from: try from.map { try parseDay($0, option: "--from") },
      to: try to.map { try parseDay($0, option: "--to") },
      every: every.flatMap(HistoryPeriod.init(rawValue:)))
    let listing = Listings.history(rows)
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
