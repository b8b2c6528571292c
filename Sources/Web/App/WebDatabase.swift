import Foundation
import Registry

/// The one place the server opens the database, so that the way it is opened is one line.
enum WebDatabase {
  /// Opens the registry at `path` for the server. The server never creates a database (no seed
  /// is loaded: `registry-cli init` does that) and never writes through it.
  static func open(path: String) throws -> RegistryDatabase {
    guard FileManager.default.fileExists(atPath: path) else {
      throw RegistryError.notFound(
        "no database at \(path); create one with `registry-cli init --db \(path)` or give --db")
    }
    // TODO(issue 18): `RegistryDatabase.openForReading(path:)` once the read-only open lands:
    // until then a database at an older schema version is migrated here, and SQLite's WAL files
    // are created beside it; no route writes.
    return try RegistryDatabase(path: path)
  }

  /// What identifies the database's contents: the file's and its WAL's size and modification
  /// time. A write by another process (a curator's `registry-cli`) changes it, so cached pages
  /// built before it are not served after it.
  static func stamp(path: String) -> String {
    let fm = FileManager.default
    var parts: [String] = []
    for file in [path, path + "-wal"] {
      let a = try? fm.attributesOfItem(atPath: file)
      let size = (a?[.size] as? NSNumber)?.int64Value ?? -1
      let time = (a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      parts.append("\(size)@\(time)")
    }
    return parts.joined(separator: ",")
  }
}
