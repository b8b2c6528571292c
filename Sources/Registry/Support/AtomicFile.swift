import Foundation

/// A database file written whole or not at all: built under a temporary name beside its final
/// path (same directory, so the rename is atomic), then renamed into place.
enum AtomicFile {
  /// Refuses an existing `path` unless `replace`, with `advice` saying what to do instead.
  static func checkTarget(_ path: String, replace: Bool, advice: String) throws {
    if FileManager.default.fileExists(atPath: path) && !replace {
      throw RegistryError.invalid("\(path) already exists; \(advice)")
    }
  }

  /// A hidden temporary name beside `path`, unique to this process: `.NAME.TAG-PID`.
  static func temporarySibling(of path: String, tag: String) -> String {
    let dir = (path as NSString).deletingLastPathComponent
    return (dir.isEmpty ? "." : dir)
      + "/.\((path as NSString).lastPathComponent).\(tag)-\(getpid())"
  }
}
