import ArgumentParser
import Foundation
import Registry

struct SnapshotImportCommand: ParsableCommand {
  /// The exit code of an import that wrote the good rows and refused others (--skip-invalid):
  /// done in part, as `collect` says with the same code when some channels failed.
  static let someRejectedExitCode: Int32 = 3

  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import snapshots from a CSV, JSON or NDJSON file (see docs/snapshots.md).",
    discussion: """
      Columns: platform,handle,observed_at,followers,following,posts,engagements,\
      engagement_window_days,source_url (or channel_id instead of platform+handle, source \
      instead of source_url). The whole file is refused at its first bad row and nothing is \
      written, unless --skip-invalid: then the good rows are written, the refused ones go to \
      the rejects file, and the exit code is 3 when any row was refused. Counts above \
      1,000,000,000 and times after tomorrow are refused. Re-importing a file adds nothing.
      Example: registry-cli snapshot import counts.csv --source-url https://example.org/survey
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "The file, or - for stdin.")
  var file: String

  @Option(help: "csv, json or ndjson (default: from the file extension, or sniffed).")
  var format: String?

  @Flag(help: "Import the good rows and write the refused ones to the rejects file.")
  var skipInvalid = false

  @Option(help: "Where refused rows go with --skip-invalid (default: FILE.rejects.csv).")
  var rejects: String?

  @OptionGroup var sourceOptions: SourceOptions

  func validate() throws {
    if let format, SnapshotFileFormat(rawValue: format.lowercased()) == nil {
      throw ValidationError("--format must be csv, json or ndjson (got '\(format)')")
    }
    if rejects != nil && !skipInvalid {
      throw ValidationError("--rejects goes with --skip-invalid")
    }
  }

  func run() throws {
    let registry = try database.open()
    let options = SnapshotImportOptions(
      format: format.flatMap { SnapshotFileFormat(rawValue: $0.lowercased()) }
        ?? (file == "-" ? nil : SnapshotFileFormat(path: file)),
      skipInvalid: skipInvalid, rejectsPath: rejects, defaultSource: sourceOptions.choice)
    let meter = ProgressMeter(enabled: Terminal.stderrIsTerminal)
    let result = try registry.importSnapshots(path: file, options: options, progress: meter.report)
    meter.finish()
    var message = "\(file): \(result.inserted) snapshots imported, \(result.unchanged) unchanged"
    if result.rejected > 0, let path = result.rejectsPath {
      message += ", \(result.rejected) rejected (written with their reasons to \(path))"
    }
    print(message)
    if result.rejected > 0 { throw ExitCode(Self.someRejectedExitCode) }
  }
}
