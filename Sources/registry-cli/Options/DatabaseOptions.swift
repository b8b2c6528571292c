import ArgumentParser
import Foundation
import Registry

/// `--db`: which database file to use; opening creates it from the seed when missing. The one
/// place commands open the database: `open()` for commands that change it, `openForReading()`
/// for the others.
struct DatabaseOptions: ParsableArguments {
  @Option(help: "Database file (default: $REGISTRY_DB or registry.sqlite).")
  var db: String?

  var path: String { db ?? DatabaseLocation.defaultPath() }

  /// Opens the registry for reading and writing, first creating it from the seed when the file
  /// does not exist. A file this process may not write is refused, saying so.
  func open() throws -> RegistryDatabase {
    try createFromSeedIfMissing()
    defer { PhaseTimings.mark("open") }
    return try RegistryDatabase(path: path, access: .readWrite)
  }

  /// Opens the registry read-only (nothing written on open or close; a read-only file, folder
  /// or mount is fine), first creating it from the seed when the file does not exist.
  func openForReading() throws -> RegistryDatabase {
    try createFromSeedIfMissing()
    defer { PhaseTimings.mark("open") }
    return try RegistryDatabase.openForReading(path: path)
  }

  private func createFromSeedIfMissing() throws {
    let p = path
    if !FileManager.default.fileExists(atPath: p) {
      let seed = SeedLoader.defaultDirectory()
      Terminal.note("\(p) does not exist: creating it from the seed data set in \(seed)")
      let counts = try SeedLoader.createDatabase(at: p, from: seed)
      Terminal.note("loaded \(counts)")
    }
  }
}
