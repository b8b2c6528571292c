import ArgumentParser
import Foundation
import Registry
import Stats

/// `reference list|add|show`: published figures trainers compare against.
struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "List, add or show reference figures (published benchmarks with date and source).",
    subcommands: [ReferenceListCommand.self, ReferenceAddCommand.self, ReferenceShowCommand.self])

  static let columns = [
    "id", "label", "metric", "value", "denominator", "unit", "country", "region", "entity_kind",
    "platform", "entity_id", "as_of", "as_of_precision", "source", "source_title", "source_url",
    "note",
  ]

  static func cells(_ r: ReferenceListing) -> [String: String?] {
    let f = r.figure
    return [
      "id": f.id, "label": f.label, "metric": f.metric,
      "value": JSONValue.number(f.value).compact(),
      "denominator": f.denominator.map { JSONValue.number($0).compact() }, "unit": f.unit,
      "country": f.country, "region": f.region, "entity_kind": f.entityKind, "platform": f.platform,
      "entity_id": f.entityId, "as_of": f.asOf, "as_of_precision": f.asOfPrecision,
      "source": r.sourceKey, "source_title": r.sourceTitle, "source_url": r.sourceURL,
      "note": f.note,
    ]
  }

  static func listing(_ rows: [ReferenceListing]) -> Listing<ReferenceRowOutput> {
    Listing(
      columns: columns, rows: rows.map(ReferenceRowOutput.init), cells: { cells($0.listing) },
      tableColumns: [
        "id", "metric", "value", "denominator", "unit", "platform", "region", "as_of",
        "as_of_precision", "source",
      ])
  }
}

/// A reference listing as an encodable row (every column, null when unset).
struct ReferenceRowOutput: Encodable {
  let listing: ReferenceListing
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    let cells = ReferenceCommand.cells(listing)
    for name in ReferenceCommand.columns {
      let key = Key(stringValue: name)!
      if name == "value" {
        try c.encode(listing.figure.value, forKey: key)
      } else if name == "denominator" {
        try c.encode(listing.figure.denominator, forKey: key)
      } else {
        try c.encode((cells[name] ?? nil), forKey: key)
      }
    }
  }
  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

struct ReferenceListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List reference figures; a filter keeps figures whose scope is unset or equal.")

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Country, ISO 3166-1 alpha-2.") var country: String?
  @Option(help: "Platform.") var platform: String?
  @Option(help: "Entity kind: \(EntityKind.namesList).") var kind: String?
  @OptionGroup var listing: ListingOptions

  func validate() throws {
    if let platform, Platform(userText: platform) == nil {
      throw ValidationError("unknown platform '\(platform)'; use one of: \(Platform.namesList)")
    }
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; use one of: \(EntityKind.namesList)")
    }
  }

  func run() throws {
    let rows = try database.open().referenceFigures(
      ReferenceFilter(
        country: country, platform: platform.flatMap { Platform(userText: $0)?.rawValue },
        kind: kind))
    print(try ReferenceCommand.listing(rows).render(listing), terminator: "")
  }
}

struct ReferenceShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show one reference figure with its source.")

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "Reference figure id.") var id: String
  @Option(help: "Output format: table or json.") var format: OutputFormat = .table

  func run() throws {
    guard let r = try database.open().referenceFigure(id: id) else {
      throw RegistryError.notFound("no reference figure '\(id)'; see `registry-cli reference list`")
    }
    switch format {
    case .table:
      let cells = ReferenceCommand.cells(r)
      let width = ReferenceCommand.columns.map(\.count).max()!
      for c in ReferenceCommand.columns {
        let v = (cells[c] ?? nil).map(TextTable.clean) ?? ""
        print(c.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v)
      }
    case .json:
      let listing = ReferenceCommand.listing([r])
      let text = try listing.jsonObject(ReferenceRowOutput(listing: r), pretty: true)
      print(text.replacingOccurrences(of: "\n  ", with: "\n"))
    case .ndjson, .csv:
      let options = try ListingOptions.parse(["--format", format.rawValue])
      let text = try ReferenceCommand.listing([r]).render(options)
      print(text, terminator: "")
    }
  }
}

struct ReferenceAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a reference figure citing its source; the change is logged.",
    discussion: """
      Example: registry-cli reference add be-twitter-2013-gent "Gent zone Twitter followers \
      (c. 2013)" followers 2100 --unit followers --country BE --region BE-VLG --kind local_police \
      --platform x --entity be-pz-gent --as-of 2013-01-01 --precision circa \
      --source vtm-kwart-politiezones-twitter
      """)

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "Id (a slug, e.g. be-twitter-2013-gent).") var id: String
  @Argument(help: "Label: what the figure says, with its date.") var label: String
  @Argument(
    help:
      "Metric: followers, followers_sum, posts, entities_with_channel, entity_count, channel_count, share_of_agencies, ..."
  ) var metric: String
  @Argument(help: "Value.") var value: Double
  @Option(help: "Denominator (e.g. 195 for '51 of 195 zones').") var denominator: Double?
  @Option(help: "Unit (followers, zones, percent, accounts, ...).") var unit: String
  @Option(help: "Country scope, ISO 3166-1 alpha-2 (unset: any).") var country: String?
  @Option(help: "Region scope, ISO 3166-2 (unset: any).") var region: String?
  @Option(help: "Entity-kind scope (unset: any).") var kind: String?
  @Option(help: "Platform scope (unset: any).") var platform: String?
  @Option(help: "The entity the figure is about, if one.") var entity: String?
  @Option(help: "Date of the figure, YYYY-MM-DD.") var asOf: String
  @Option(help: "Precision of the date: day, month, year or circa.") var precision = "day"
  @Option(help: "Note.") var note: String?
  @OptionGroup var change: ChangeOptions

  func validate() throws {
    guard id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
      throw ValidationError("id must be a slug: lowercase letters, digits and '-' (got '\(id)')")
    }
    if label.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("label cannot be empty")
    }
    guard metric.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
      throw ValidationError("metric must be lowercase letters, digits and '_' (got '\(metric)')")
    }
    guard value.isFinite else { throw ValidationError("value must be a finite number") }
    if let d = denominator, !(d.isFinite && d > 0) {
      throw ValidationError("--denominator must be a number above 0")
    }
    if unit.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--unit cannot be empty")
    }
    if let country, country.count != 2 {
      throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as BE")
    }
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; use one of: \(EntityKind.namesList)")
    }
    if let platform, Platform(userText: platform) == nil {
      throw ValidationError("unknown platform '\(platform)'; use one of: \(Platform.namesList)")
    }
    _ = try parseDay(asOf, option: "--as-of")
    guard ["day", "month", "year", "circa"].contains(precision) else {
      throw ValidationError("--precision takes day, month, year or circa (got '\(precision)')")
    }
  }

  func run() throws {
    let context = try change.context()
    let figure = ReferenceFigure(
      id: id, label: label, metric: metric, value: value, denominator: denominator, unit: unit,
      country: country?.uppercased(), region: region?.uppercased(), entityKind: kind,
      platform: platform.flatMap { Platform(userText: $0)?.rawValue }, entityId: entity,
      asOf: try parseDay(asOf, option: "--as-of").description, asOfPrecision: precision,
      sourceId: 0, note: note)
    try database.open().addReferenceFigure(figure, context: context)
    Terminal.note("added reference figure \(id); see `registry-cli reference show \(id)`")
  }
}
