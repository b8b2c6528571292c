import ArgumentParser
import Registry

struct BackupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Write a consistent copy of the database to FILE, even while others write to it.",
    discussion: """
      The copy is one moment's snapshot (an import running meanwhile is in it entirely or not \
      at all) and appears only when complete. Example: registry-cli backup registry-2025-06-30.sqlite
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "The new database file.")
  var file: String

  @Flag(help: "Replace FILE if it exists.")
  var force = false

  func run() throws {
    let registry = try database.openForReading()
    try registry.backup(to: file, replace: force)
    Terminal.note("backed up \(registry.path) to \(file)")
  }
}
