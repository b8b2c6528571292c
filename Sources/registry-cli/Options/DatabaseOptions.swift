import ArgumentParser
import Foundation
import Registry

/// `--db`: which database file to use; opening creates it from the seed when missing.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: "Database file (default: $REGISTRY_DB or registry.sqlite).")
  var db: String?

  var path: String { db ?? DatabaseLocation.defaultPath() }

  /// Opens the registry, first creating it from the seed when the file does not exist.
  func open() throws -> RegistryDatabase {
    let p = path
    if !FileManager.default.fileExists(atPath: p) {
      let seed = SeedLoader.defaultDirectory()
      Terminal.note("\(p) does not exist: creating it from the seed data set in \(seed)")
      let counts = try SeedLoader.createDatabase(at: p, from: seed)
      Terminal.note("loaded \(counts)")
    }
    defer { PhaseTimings.mark("open") }
    return try RegistryDatabase(path: p)
  }
}
