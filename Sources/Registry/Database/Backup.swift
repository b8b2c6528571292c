import Foundation
import GRDB

extension RegistryDatabase {
  /// Writes a consistent copy of the database to `path` while others may be writing: one read
  /// transaction's snapshot (`VACUUM INTO`), written to a temporary file that is renamed into
  /// place only when complete. Refuses an existing `path` unless `replace`.
  public func backup(to path: String, replace: Bool = false) throws {
    let fm = FileManager.default
    try AtomicFile.checkTarget(path, replace: replace, advice: "give another path or use --force")
    let tmp = AtomicFile.temporarySibling(of: path, tag: "backup")
    try? fm.removeItem(atPath: tmp)
    do {
      // VACUUM cannot run inside a transaction; it reads one snapshot and takes no write lock,
      // so a read-only connection does it (a read-only database can be backed up).
      try writer.unsafeRead { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [tmp])
      }
    } catch let error as DatabaseError {
      try? fm.removeItem(atPath: tmp)
      throw RegistryError.database(
        "cannot back up \(self.path) to \(path): \(error.message ?? error.description)")
    }
    if rename(tmp, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? fm.removeItem(atPath: tmp)
      throw RegistryError.database("cannot move the backup to \(path): \(reason)")
    }
  }
}
