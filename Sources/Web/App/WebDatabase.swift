import Foundation
import Registry

#if canImport(Glibc)
  import Glibc
#endif

/// The one place the server opens the database, so that the way it is opened is one line.
enum WebDatabase {
  /// Opens the registry at `path` for the server, read-only (`RegistryDatabase.openForReading`):
  /// nothing is written to the file, and a file this user may not write is served. The server
  /// never creates a database (no seed is loaded: `registry-cli init` does that).
  static func open(path: String) throws -> RegistryDatabase {
    guard FileManager.default.fileExists(atPath: path) else {
      throw RegistryError.notFound(
        "no database at \(path); create one with `registry-cli init --db \(path)` or give --db")
    }
    return try RegistryDatabase.openForReading(path: path)
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
