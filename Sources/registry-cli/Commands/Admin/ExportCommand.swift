import ArgumentParser
import Registry

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write every table as seed CSV files into DIR (a text backup).",
    discussion: """
      The files are the seed format (docs/data.md) with ids, plus change_log.csv and \
      channel_handle_history.csv: registry-cli init --seed DIR --db copy.sqlite rebuilds the \
      same registry. Text is written verbatim, for re-import (not for spreadsheets).
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Directory to write the files into (created if needed).")
  var directory: String

  func run() throws {
    let registry = try database.openForReading()
    let counts = try Exporter.export(registry, to: directory)
    for (file, rows) in counts { print("\(directory)/\(file): \(rows) rows") }
  }
}
