import ArgumentParser
import Registry
import Reporting
import Stats

/// `compare ENTITY [ENTITY...]`: one entity against its peers, or several side by side.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Scorecard of an entity against its peers and reference figures; or A B side by side.",
    discussion: """
      Examples:
        registry-cli compare be-pz-leuven --peers region
        registry-cli compare be-pz-leuven --peers size --platform x --format html --out leuven.html
        registry-cli compare be-pz-leuven be-pz-gent be-pz-antwerpen
        registry-cli compare politiemechelen 5388 "Lier"
      An entity is given as `show` takes it: id, official code, name, or the key, handle or URL \
      of one of its channels (its owner on the date).
      Peer groups: region = same region and kind; size = same kind, population half to double \
      the entity's; kind = same kind in the country; all = every entity of the country. Peers \
      exist on the date; placeholders and the entity itself are left out. Definitions: \
      docs/compare.md.
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(
    help: "Entity (id, code, name, or a channel's handle or URL); two or more side by side.")
  var entities: [String]

  @Option(help: "Peer group: region, size, kind or all (one entity only).")
  var peers: PeerBasis = .region

  @Option(help: "Platform (default: any social platform).")
  var platform: String?

  @OptionGroup var date: AsOfOptions

  @Option(help: "Output format: table, markdown, json or html (html: one entity).")
  var format: ScorecardFormat = .table

  @OptionGroup var output: OutputFileOptions

  func validate() throws {
    guard !entities.isEmpty else { throw ValidationError("give an entity") }
    _ = try asUsageError { try PlatformSelector.parse(platform) }
    if entities.count > 1 && format == .html {
      throw ValidationError(
        "--format html is the one-page scorecard of one entity; "
          + "use table, markdown or json to compare several")
    }
    if Set(entities).count != entities.count {
      throw ValidationError("an entity is given twice; give each entity once")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let request = CompareRequest(
      entityIds: entities, peers: peers, platform: try asUsageError { try .parse(platform) },
      asOf: try date.day, stalenessDays: date.stalenessDays,
      minConfidence: date.presence.minConfidence)
    let comparison = try asUsageError { try Comparing.compare(registry, request) }
    if case .scorecard(let card, let snapshotsRead) = comparison {
      Terminal.note(
        "compare \(card.entity.id) as of \(request.asOf): \(card.group.description); "
          + "\(snapshotsRead) snapshots read")
    }
    try output.emit(Comparing.render(comparison, as: format))
  }
}

extension PeerBasis: ExpressibleByArgument {}
