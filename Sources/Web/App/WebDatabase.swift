import Foundation

#if canImport(Glibc)
  import Glibc
#endif
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
    var parts: [String] = []
    for file in [path, path + "-wal"] {
      var info = stat()
      if stat(file, &info) == 0 {
        parts.append("\(info.st_size)@\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
      } else {
        parts.append("-")
      }
    }
    return parts.joined(separator: ",")
  }
}
