import ArgumentParser
import Foundation
import Registry
import Reporting

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
  var format: ListingFormat = .table

  func validate() throws {
    if inputFormat == nil && file == "-" {
      throw ValidationError("reading standard input needs --input-format csv|json|ndjson")
    }
    if inputFormat == nil && ImportFormat(fileName: file) == nil {
      throw ValidationError(
        "cannot tell the format of \(file) from its extension: give --input-format csv|json|ndjson")
    }
  }

  /// Reads the file, lets `prepare` complete the records (an import's defaults), and imports
  /// them all or nothing.
  func run(
    _ target: ImportTarget, database: DatabaseOptions, change: ChangeOptions,
    prepare: ([ImportRecord]) -> [ImportRecord] = { $0 }
  ) throws {
    let context = try change.context(sourceOptional: true)
    let inputFormat = self.inputFormat ?? ImportFormat(fileName: file)!
    let records = prepare(try ImportReader.read(path: file, format: inputFormat, target: target))
    let registry = try database.open()
    let outcomes = try registry.importRecords(
      records, into: target, file: file == "-" ? "stdin" : file, context: context, dryRun: dryRun)
    if self.format == .json || self.format == .ndjson {
      print(try JSONOutput.pretty(outcomes))
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
