import Foundation

/// What the registry checks about a database file before SQLite opens it: that it is a SQLite
/// file at all, whether this process may write it, and its journal mode.
enum DatabaseFile {
  /// The first 16 bytes of every SQLite 3 database file.
  static let header = Array("SQLite format 3\0".utf8)

  /// Refuses what is not a SQLite database: a directory, an unreadable file, a zero-byte file
  /// (SQLite would take it for an empty database and the registry would fill it with an empty
  /// schema) or a file without SQLite's header. A missing file passes unless `mustExist`.
  static func check(_ path: String, mustExist: Bool) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      if mustExist { throw RegistryError.notFound("\(path) does not exist") }
      return
    }
    if isDirectory.boolValue {
      throw RegistryError.database("\(path) is a folder, not a database file; give a file path")
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw RegistryError.database("cannot read \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 100)
    let n = read(fd, &bytes, bytes.count)
    guard n >= 0 else {
      throw RegistryError.database("cannot read \(path): \(String(cString: strerror(errno)))")
    }
    if n == 0 {
      throw RegistryError.database(
        "\(path) is empty (0 bytes), not a registry database; give another --db, or remove the "
          + "file to have registry-cli create it from the seed data set")
    }
    guard n == bytes.count, Array(bytes[0..<header.count]) == header else {
      throw RegistryError.database(
        "\(path) is not a SQLite database (it does not start with SQLite's header); give the "
          + "path of a registry database")
    }
  }

  /// Whether the file is in WAL mode (header bytes 18 and 19 are 2): readers then need its
  /// `-shm` file, and create it when it is missing.
  static func isWAL(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 20), data.count == 20 else { return false }
    return data[18] == 2 && data[19] == 2
  }

  /// Why this process cannot change the database at `path` (nil when it can): the file, or its
  /// folder where SQLite keeps the `-wal` and `-shm` files (unless both exist and are writable),
  /// is not writable. A missing file needs a writable folder to be created in.
  static func writeProblem(_ path: String) -> String? {
    let fm = FileManager.default
    if fm.fileExists(atPath: path), let reason = problem(writing: path) {
      return reason
    }
    let folder = (path as NSString).deletingLastPathComponent
    let dir = folder.isEmpty ? "." : folder
    let sideFiles = [path + "-wal", path + "-shm"]
    if sideFiles.allSatisfy({ fm.fileExists(atPath: $0) && problem(writing: $0) == nil }) {
      return nil
    }
    if let reason = problem(writing: dir) {
      return "its folder \(dir) is not writable (\(reason)), and SQLite keeps "
        + "\((path as NSString).lastPathComponent)-wal and -shm there"
    }
    return nil
  }

  /// Why `path` cannot be written (nil when it can), from access(2).
  private static func problem(writing path: String) -> String? {
    guard access(path, W_OK) != 0 else { return nil }
    switch errno {
    case EROFS: return "it is on a read-only file system"
    case EACCES, EPERM: return "its permissions do not let this user write it"
    default: return String(cString: strerror(errno))
    }
  }

  /// Whether both side files of a WAL database exist (a connection has it open, or one left
  /// them), so that a reader can use them instead of creating them.
  static func hasSideFiles(_ path: String) -> Bool {
    let fm = FileManager.default
    return fm.fileExists(atPath: path + "-wal") && fm.fileExists(atPath: path + "-shm")
  }

  /// An SQLite URI that opens `path` as immutable: no lock, no `-wal` or `-shm` file created or
  /// read. For reading a file nobody may be changing through this process's eyes: one it cannot
  /// write, in a folder where it cannot create the side files.
  static func immutableURI(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    return "file:\(encoded)?immutable=1"
  }
}
