import ArgumentParser
import Foundation
import GRDB
import Registry
import Stats
import Vocabulary

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
      Peer groups: region = same region and kind; size = same kind, population half to double \
      the entity's; kind = same kind in the country; all = every entity of the country. Peers \
      exist on the date; placeholders and the entity itself are left out. Definitions: \
      docs/compare.md.
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Entity id; give two or more to compare them side by side.")
  var entities: [String]

  @Option(help: "Peer group: region, size, kind or all (one entity only).")
  var peers: PeerBasis = .region

  @Option(help: "Platform (default: any social platform).")
  var platform: String?

  @Option(help: "Date, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @Option(help: "Snapshots older than this many days before a date are stale (not used).")
  var stalenessDays = SnapshotSelection.defaultStalenessDays

  @Option(help: "Output format: table, markdown, json or html (html: one entity).")
  var format: CompareFormat = .table

  @Option(help: "Write to this file instead of stdout.")
  var out: String?

  func validate() throws {
    guard !entities.isEmpty else { throw ValidationError("give an entity id") }
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
    _ = try CompareInputMapping.selector(platform)
    if stalenessDays < 0 { throw ValidationError("--staleness-days must be 0 or more") }
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
    let registry = try database.open()
    let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today()
    let selector = try CompareInputMapping.selector(platform)
    var countries: [String] = []
    for id in entities {
      guard
        let country = try registry.writer.read({ db in
          try String.fetchOne(db, sql: "SELECT country FROM entity WHERE id = ?", arguments: [id])
        })
      else {
        throw RegistryError.notFound(
          "no entity '\(id)'; see `registry-cli entities` for ids or `registry-cli search TEXT`")
      }
      if !countries.contains(country) { countries.append(country) }
    }
    var input: CompareInput?
    for c in countries {
      let part = CompareInputMapping.input(
        try registry.compareData(country: c, asOf: day), asOf: day, stalenessDays: stalenessDays)
      if var i = input {
        i.entities += part.entities
        i.channels += part.channels
        i.snapshots += part.snapshots
        i.references += part.references.filter { !i.references.contains($0) }
        i.regionNames.merge(part.regionNames) { a, _ in a }
        input = i
      } else {
        input = part
      }
    }
    let text: String
    if entities.count == 1 {
      let card: Scorecard
      switch Scorecard.build(input!, entityId: entities[0], basis: peers, platform: selector) {
      case .success(let s): card = s
      case .failure(let e): throw RegistryError.invalid(e.message)
      }
      Terminal.note(
        "compare \(card.entity.id) as of \(day): \(card.group.description); "
          + "\(input!.snapshots.count) snapshots read")
      switch format {
      case .table: text = ScorecardText.render(card, markdown: false)
      case .markdown: text = ScorecardText.render(card, markdown: true)
      case .json: text = ScorecardJSON.render(card)
      case .html: text = ScorecardHTML.render(card)
      }
    } else {
      let side: SideBySide
      switch SideBySide.build(input!, ids: entities, platform: selector) {
      case .success(let s): side = s
      case .failure(let e): throw RegistryError.invalid(e.message)
      }
      switch format {
      case .table: text = SideBySideText.render(side, markdown: false)
      case .markdown: text = SideBySideText.render(side, markdown: true)
      case .json, .html: text = ScorecardJSON.render(side)
      }
    }
    try CompareInputMapping.emit(text, out: out)
  }
}

extension PeerBasis: ExpressibleByArgument {}
