import ArgumentParser
import Foundation
import Registry

/// `--db`: which database file to use; opening creates it from the seed when missing.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: "Database file (default: $REGISTRY_DB or registry.sqlite).")
  var db: String?

  var path: String {
    if let db { return db }
    if let env = ProcessInfo.processInfo.environment["REGISTRY_DB"], !env.isEmpty { return env }
    return "registry.sqlite"
  }

  /// Opens the registry, first creating it from the seed when the file does not exist.
  func open() throws -> RegistryDatabase {
    let p = path
    if !FileManager.default.fileExists(atPath: p) {
      let seed = SeedLoader.defaultDirectory()
      Terminal.note("\(p) does not exist: creating it from the seed data set in \(seed)")
      let counts = try SeedLoader.createDatabase(at: p, from: seed)
      Terminal.note("loaded \(counts)")
    }
    return try RegistryDatabase(path: p)
  }
}

/// Output format of listings.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json, ndjson
}

/// `--format`, `--limit`, `--sort` for listings.
struct ListingOptions: ParsableArguments {
  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: OutputFormat = .table

  // Unconditional, so `--limit -1` reaches validate() instead of reading as an option.
  @Option(parsing: .unconditional, help: "Print at most this many rows.")
  var limit: Int?

  @Option(help: "Sort by this column (stable; --sort=-COLUMN or --desc for descending).")
  var sort: String?

  @Flag(help: "With --sort: largest first.")
  var desc = false

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
  }
}

/// Parses `--as-of` style dates with a message a user understands.
func parseDay(_ text: String, option: String) throws -> Day {
  switch Day.parse(text) {
  case .success(let d) where text.count == 10: return d
  case .success: throw ValidationError("\(option) takes a day, YYYY-MM-DD (got '\(text)')")
  case .failure(let e): throw ValidationError("\(option): \(e.reason)")
  }
}

/// Messages for people on stderr.
enum Terminal {
  static func note(_ text: String) {
    FileHandle.standardError.write(Data(("registry-cli: " + text + "\n").utf8))
  }
  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
