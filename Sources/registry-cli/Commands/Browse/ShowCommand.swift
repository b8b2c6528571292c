import ArgumentParser
import Registry
import Reporting

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

  func validate() throws {
    if format == .csv || format == .ndjson {
      throw ValidationError("show prints one record: use --format table or json")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let result = try registry.lookup(what)
    if format == .json {
      print(try Details.json(result), terminator: "")
      return
    }
    switch result {
    case .entity(let e): print(DetailText.entity(e), terminator: "")
    case .channel(let c): print(DetailText.channel(c, indent: ""), terminator: "")
    }
  }
}
