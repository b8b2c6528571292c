import ArgumentParser
import Registry
import Stats
import Vocabulary

struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per-region count of entities and of those present on each platform.")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: OutputFormat = .table

  func run() throws {
    let registry = try database.open()
    let f = try filters.filter(in: registry)
    let entities = try registry.entities(f)
    let summaryInput = entities.map {
      SummaryEntity(
        group: $0.region ?? "(none)", platforms: Set(($0.platforms ?? "").semicolonList))
    }
    let used = Set(summaryInput.flatMap(\.platforms))
    let platforms = Platform.allCases.map(\.rawValue).filter { used.contains($0) }
    let summary = AccountSummary.compute(summaryInput, platforms: platforms)
    struct Out: Encodable {
      var region: String
      var entities: Int
      var withAnyChannel: Int
      enum CodingKeys: String, CodingKey {
        case region, entities, platforms
        case withAnyChannel = "with_any_channel"
      }
      var platforms: [String: Int]
    }
    let rows = summary.lines.map {
      Out(
        region: $0.group, entities: $0.entities, withAnyChannel: $0.withAny,
        platforms: $0.perPlatform)
    }
    let columns = ["region", "entities", "with_any_channel"] + platforms
    let listing = Listing(columns: columns, rows: rows) { r in
      var c: [String: String?] = [
        "region": r.region, "entities": String(r.entities),
        "with_any_channel": String(r.withAnyChannel),
      ]
      for p in platforms { c[p] = String(r.platforms[p] ?? 0) }
      return c
    }
    var options = try ListingOptions.parse([])
    options.format = format
    print(try listing.render(options), terminator: "")
  }
}
