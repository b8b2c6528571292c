import CSQLiteShim
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Errors the registry reports to users; each message says what went wrong and what to do.
public enum RegistryError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A problem at a place in an input file: `file:line: field: reason`.
  case input(file: String, line: Int, field: String, reason: String)
  case notFound(String)
  case invalid(String)
  case newerSchema(found: Int, supported: Int, path: String)
  case database(String)
  /// A change asked of a database file this process may not write, and why.
  case readOnly(path: String, reason: String)

  public var description: String {
    switch self {
    case .input(let file, let line, let field, let reason):
      return "\(file):\(line): \(field): \(reason)"
    case .notFound(let what): return what
    case .invalid(let what): return what
    case .newerSchema(let found, let supported, let path):
      return
        "\(path) has schema version \(found), but this registry-cli supports up to version "
        + "\(supported); use a newer registry-cli, or open a copy made by this version"
    case .database(let what): return what
    case .readOnly(let path, let reason):
      return
        "\(path) is read-only: \(reason). This command changes the registry; commands that "
        + "only read it work. To change it, copy it somewhere you can write "
        + "(cp \(path) mine.sqlite) and use --db mine.sqlite"
    }
  }
}

/// How a database file is opened.
public enum DatabaseAccess: Sendable, Equatable {
  /// Reads and writes; the schema is migrated on open.
  case readWrite
  /// Reads only: nothing is written to the file on open or close, and a file this process may
  /// not write (mode 0444, another user's, a read-only mount) can be read.
  case readOnly
}

/// Owns the database connection and its schema. One per database file.
public final class RegistryDatabase: Sendable {
  /// The connection pool; reads and writes go through RegistryDatabase's methods (not public).
  let writer: any DatabaseWriter
  /// The file path, or `:memory:` for an in-memory database.
  public let path: String
  public let access: DatabaseAccess
  /// Read-only: this open created the WAL side files (`-wal`, `-shm`), which a read-only
  /// connection leaves behind; they are removed at close (`close()`, else `deinit`).
  private let removeSideFiles: Bool
  /// `close()` has run.
  private let closed = Atomic<Bool>(false)

  /// Opens (creating if needed) the database file at `path` for reading and writing, and
  /// migrates it to the current schema. A file this process may not write is refused with the
  /// reason (`RegistryError.readOnly`); so is a file that is not a SQLite database.
  public convenience init(path: String) throws {
    try self.init(path: path, access: .readWrite)
  }

  /// Opens the database at `path` for reading only: what every command that does not change the
  /// registry uses, and the web server. See `init(path:access:)`.
  public static func openForReading(path: String) throws -> RegistryDatabase {
    try RegistryDatabase(path: path, access: .readOnly)
  }

  /// Opens the database at `path`.
  ///
  /// `.readWrite` creates a missing file and migrates the schema. `.readOnly` never writes: the
  /// file must exist and hold a registry; a file at an older schema version is first migrated
  /// by a read-write open when this process may write it, and refused (with what to do)
  /// otherwise. A WAL file that this process cannot write, in a folder where its `-wal` and
  /// `-shm` files do not exist, is read as immutable (no side file is created, no lock taken:
  /// a change made meanwhile by its owner may be missed, or fail the read). Zero-byte and
  /// non-SQLite files are refused in both modes.
  public init(path: String, access: DatabaseAccess) throws {
    try DatabaseFile.check(path, mustExist: access == .readOnly)
    self.path = path
    self.access = access
    switch access {
    case .readWrite:
      if let reason = DatabaseFile.writeProblem(path) {
        throw RegistryError.readOnly(path: path, reason: reason)
      }
      var config = Self.configuration()
      config.prepareDatabase { db in
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
      }
      self.writer = try Self.pool(path, path: path, config)
      self.removeSideFiles = false
      try Self.migrate(writer, path: path)
    case .readOnly:
      let writeProblem = DatabaseFile.writeProblem(path)
      let hadSideFiles = DatabaseFile.hasSideFiles(path)
      var config = Self.configuration()
      config.readonly = true
      let immutable = writeProblem != nil && DatabaseFile.isWAL(path) && !hadSideFiles
      let target = immutable ? DatabaseFile.immutableURI(path) : path
      var pool = try Self.pool(target, path: path, config)
      if try Self.pendingMigrations(pool, path: path) {
        if let writeProblem {
          throw RegistryError.database(
            "\(path) has schema version \(try Self.version(pool)); this registry-cli reads "
              + "version \(Schema.currentVersion), and upgrading the file needs write access, "
              + "which is not there (\(writeProblem)); copy it somewhere you can write "
              + "(cp \(path) mine.sqlite) and use the copy")
        }
        try pool.close()
        // Upgraded once by a read-write open (closed at once), then read as asked.
        _ = try RegistryDatabase(path: path, access: .readWrite)
        pool = try Self.pool(target, path: path, config)
      }
      self.writer = pool
      self.removeSideFiles = writeProblem == nil && !hadSideFiles && DatabaseFile.isWAL(path)
    }
  }

  deinit { close() }

  /// Closes the connections now and, when this read-only open created the WAL side files,
  /// removes them: what `deinit` does, for an owner that must not wait for it (a server that
  /// stops: a task still holding the registry can outlive the process, and the files stayed
  /// beside the database, about one stop in fifteen on a loaded machine). Runs once; the
  /// registry is not to be used after.
  public func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    guard removeSideFiles, let pool = writer as? DatabasePool else { return }
    // A read-only connection neither checkpoints nor removes the side files when it closes;
    // a read-write connection that closes last does both, and with nothing in the WAL it
    // writes nothing to the database file. Another connection still open keeps them.
    guard (try? pool.close()) != nil else { return }
    var db: OpaquePointer?
    if sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK {
      sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nil, nil, nil)
    }
    sqlite3_close(db)
  }

  /// SQLite's memory statistics, turned off once per process before the first connection opens
  /// (`csqlite_disable_memory_statistics`): their process-wide mutex, taken on every allocation,
  /// serialized the report's two reading threads (2,232 and 1,647 futex calls in two reports on
  /// 30k accounts x 330 days, 19 without; docs/performance-history.md). SQLITE_OK, or SQLITE_MISUSE
  /// when something in the process had already used SQLite (the statistics then stay on: slower
  /// only). sqlite3_config is not thread-safe; if another thread initializes SQLite at the same
  /// moment, the worst outcome is statistics counted for some allocations and not others, which
  /// nothing here reads.
  /// With `REGISTRY_TIMINGS=1` the outcome is printed (`timing note:`).
  static let memoryStatisticsOff: Int32 = {
    let rc = csqlite_disable_memory_statistics()
    PhaseTimings.note(
      rc == SQLITE_OK
        ? "SQLite memory statistics off"
        : "SQLite memory statistics on (SQLite was in use before the first registry opened)")
    return rc
  }()

  private static func configuration() -> Configuration {
    _ = memoryStatisticsOff
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(30)
    return config
  }

  /// A pool on `target` (the path, or an SQLite URI for it); errors name `path`.
  private static func pool(_ target: String, path: String, _ config: Configuration) throws
    -> DatabasePool
  {
    do {
      return try DatabasePool(path: target, configuration: config)
    } catch let error as DatabaseError {
      throw RegistryError.database(
        "cannot open database \(path): \(error.message ?? error.description)")
    }
  }

  /// An in-memory database with the current schema, for tests.
  public init(inMemory: Void = ()) throws {
    _ = Self.memoryStatisticsOff
    var config = Configuration()
    config.foreignKeysEnabled = true
    let queue = try DatabaseQueue(configuration: config)
    self.writer = queue
    self.path = ":memory:"
    self.access = .readWrite
    self.removeSideFiles = false
    try Self.migrate(writer, path: path)
  }

  /// The migrations applied to the file; refuses a newer schema and a database with tables but
  /// no schema version.
  private static func applied(_ reader: any DatabaseReader, path: String) throws -> [String] {
    let applied: [String]
    do {
      applied = try reader.read { db in
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
      }
    } catch let error as DatabaseError {
      throw RegistryError.database(
        "cannot read database \(path): \(error.message ?? error.description)")
    }
    let known = Set(Schema.migrationNames)
    let unknown = applied.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw RegistryError.newerSchema(
        found: applied.count, supported: Schema.currentVersion, path: path)
    }
    if applied.isEmpty {
      let tables = try reader.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
      }
      if tables > 0 {
        throw RegistryError.database(
          "\(path) is not a registry database (it has tables but no schema version); "
            + "give another --db path")
      }
    }
    return applied
  }

  /// Read-only: whether the file needs migrations. A SQLite file with no table at all holds no
  /// registry: refused, rather than read as an empty one.
  private static func pendingMigrations(_ reader: any DatabaseReader, path: String) throws
    -> Bool
  {
    let done = try applied(reader, path: path)
    if done.isEmpty {
      throw RegistryError.database(
        "\(path) is an empty SQLite database, not a registry; give another --db, or remove the "
          + "file to have registry-cli create it from the seed data set")
    }
    return done.count < Schema.migrationNames.count
  }

  private static func version(_ reader: any DatabaseReader) throws -> Int {
    try reader.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0
    }
  }

  private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
    let migrator = Schema.migrator()
    _ = try applied(writer, path: path)
    do {
      try migrator.migrate(writer)
    } catch let error as DatabaseError {
      throw RegistryError.database("cannot migrate \(path): \(error.message ?? error.description)")
    }
  }

  /// The schema version of the open database (number of migrations applied).
  public func schemaVersion() throws -> Int {
    try writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0
    }
  }

  /// Whether the registry holds no entity yet (a fresh file that still needs its seed).
  public func isEmpty() throws -> Bool {
    try writer.read { db in try Entity.fetchCount(db) == 0 }
  }
}

extension RegistryDatabase {
  /// Whether the registry holds generated data: a source whose URL is under
  /// `SyntheticData.sourceURLPrefix` (what `generate` writes).
  static func holdsSyntheticData(_ db: Database) throws -> Bool {
    let prefix = SyntheticData.sourceURLPrefix
    return try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM source WHERE substr(url, 1, ?) = ?)",
      arguments: [prefix.count, prefix]) ?? false
  }

  /// `holdsSyntheticData` in a read transaction of its own.
  public func holdsSyntheticData() throws -> Bool {
    try writer.read { db in try Self.holdsSyntheticData(db) }
  }
}
