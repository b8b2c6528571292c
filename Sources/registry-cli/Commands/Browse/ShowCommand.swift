import ArgumentParser
import Registry
import Reporting
import Stats
import Vocabulary

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one entity or channel in full: names, lineage, channels, history, sources.",
    discussion: """
      Accepts an entity id (be-pz-leuven), an official zone code (5388), a channel key \
      (x/zp5327), or a handle in any pasted form (@ZP5327, https://twitter.com/zp5327).
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Entity id or code, channel key, handle or URL.")
  var what: String

  @Option(help: "Output format: table (readable text) or json.")
  var format: ListingFormat = .table

  @Option(help: "The day an entity's statuses refer to (default: today, UTC).")
  var asOf: String?

  @OptionGroup var presence: PresenceOptions

  func validate() throws {
    if format == .csv || format == .ndjson {
      throw ValidationError("show prints one record: use --format table or json")
    }
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
  }

  func run() throws {
    let registry = try database.openForReading()
    let result = try registry.lookup(what)
    var statuses: EntityStatuses?
    if case .entity(let e) = result {
      let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today()
      statuses = try PresenceListing.entity(
        registry, id: e.entity.id, on: day,
        rule: PresenceRule(minConfidence: presence.minConfidence))
    }
    if format == .json {
      print(try Details.json(result, statuses: statuses), terminator: "")
      return
    }
    switch result {
    case .entity(let e): print(DetailText.entity(e, statuses: statuses!), terminator: "")
    case .channel(let c): print(DetailText.channel(c, indent: ""), terminator: "")
    }
  }
}
