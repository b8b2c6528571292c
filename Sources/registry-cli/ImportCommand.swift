import ArgumentParser
import Foundation
import Registry

/// `import entities|channels FILE`: upsert many rows at once, all or nothing.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Add or update entities or channels from a CSV, JSON or NDJSON file.",
    subcommands: [ImportEntitiesCommand.self, ImportChannelsCommand.self])
}

extension ImportFormat: ExpressibleByArgument {}

/// Options shared by the import subcommands.
struct ImportOptions: ParsableArguments {
  @Argument(help: "The file to read, or - for standard input.")
  var file: String

  @Option(name: .customLong("input-format"), help: "csv, json or ndjson (default: the extension).")
  var inputFormat: ImportFormat?

  @Flag(help: "Print what would be added, changed and left alone, and write nothing.")
  var dryRun = false

  @Option(help: "Output of the plan: table (text lines) or json.")
  var format: OutputFormat = .table

  func validate() throws {
    if inputFormat == nil && file == "-" {
      throw ValidationError("reading standard input needs --input-format csv|json|ndjson")
    }
    if inputFormat == nil && ImportFormat(fileName: file) == nil {
      throw ValidationError(
        "cannot tell the format of \(file) from its extension: give --input-format csv|json|ndjson")
    }
  }

  func run(_ target: ImportTarget, database: DatabaseOptions, change: ChangeOptions) throws {
    let context = try change.context(sourceOptional: true)
    let inputFormat = self.inputFormat ?? ImportFormat(fileName: file)!
    let records = try ImportReader.read(path: file, format: inputFormat, target: target)
    let registry = try database.open()
    let outcomes = try registry.importRecords(
      records, into: target, file: file == "-" ? "stdin" : file, context: context, dryRun: dryRun)
    if self.format == .json || self.format == .ndjson {
      let data = try JSONOutput.encoder(pretty: true).encode(outcomes)
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(ImportPlanText.render(outcomes), terminator: "")
    }
    let added = outcomes.filter { $0.outcome == "added" }.count
    let changed = outcomes.filter { $0.outcome == "changed" }.count
    let same = outcomes.count - added - changed
    Terminal.note(
      (dryRun ? "dry run, nothing written: would add " : "added ")
        + "\(added), \(dryRun ? "change" : "changed") \(changed), left \(same) unchanged")
  }
}

/// The plan or result of an import as readable lines: `add`, `change` with `field: old -> new`.
enum ImportPlanText {
  static func render(_ outcomes: [ImportOutcome]) -> String {
    var out = ""
    for o in outcomes {
      let verb = o.outcome == "added" ? "add" : o.outcome == "changed" ? "change" : "unchanged"
      out += "\(verb) \(o.table) \(TextTable.clean(o.key))\n"
      guard o.outcome == "changed" else { continue }
      for c in o.changes {
        out +=
          "  \(c.field): \(TextTable.clean(c.old ?? "(empty)")) -> "
          + "\(TextTable.clean(c.new ?? "(empty)"))\n"
      }
    }
    return out
  }
}

struct ImportEntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities", abstract: "Add or update entities (by id).",
    discussion: """
      Columns: those of data/seed/entities.csv (id, kind, code, code_source, country, region, \
      languages, population, population_year, parent_id, valid_from, valid_to, source, note) \
      plus name_fr, name_nl, name_de, name_en. A column left out is left as it is; an empty \
      cell clears the field. See docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.entities, database: database, change: change) }
}

struct ImportChannelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "channels", abstract: "Add or update channels (by key, else platform and handle).",
    discussion: """
      Columns: those of data/seed/channels.csv (key, entity_id, platform, handle, url, \
      platform_id, languages, purposes, status, opened_on, first_seen_on, closed_on, \
      emergency_disclaimer, disclaimer_seen_on, confidence, confidence_note, source, note) \
      plus verified_on. See docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.channels, database: database, change: change) }
}
