import Foundation
import GRDB

/// Errors the registry reports to users; each message says what went wrong and what to do.
public enum RegistryError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A problem at a place in an input file: `file:line: field: reason`.
  case input(file: String, line: Int, field: String, reason: String)
  case notFound(String)
  case invalid(String)
  case newerSchema(found: Int, supported: Int, path: String)
  case database(String)

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
    }
  }
}

/// Owns the database connection and its schema. One per database file.
public final class RegistryDatabase: Sendable {
  /// The connection pool; reads and writes go through RegistryDatabase's methods (not public).
  let writer: any DatabaseWriter
  /// The file path, or `:memory:` for an in-memory database.
  public let path: String

  /// Opens (creating if needed) the database file at `path` and migrates it to the current schema.
  public init(path: String) throws {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(30)
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch let error as DatabaseError {
      throw RegistryError.database(
        "cannot open database \(path): \(error.message ?? error.description)")
    }
    self.writer = pool
    self.path = path
    try Self.migrate(writer, path: path)
  }

  /// An in-memory database with the current schema, for tests.
  public init(inMemory: Void = ()) throws {
    var config = Configuration()
    config.foreignKeysEnabled = true
    let queue = try DatabaseQueue(configuration: config)
    self.writer = queue
    self.path = ":memory:"
    try Self.migrate(writer, path: path)
  }

  private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
    let migrator = Schema.migrator()
    let applied: [String] = try writer.read { db in
      guard try db.tableExists("grdb_migrations") else { return [] }
      return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
    let known = Set(Schema.migrationNames)
    let unknown = applied.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw RegistryError.newerSchema(
        found: applied.count, supported: Schema.currentVersion, path: path)
    }
    if applied.isEmpty {
      let tables = try writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
      }
      if tables > 0 {
        throw RegistryError.database(
          "\(path) is not a registry database (it has tables but no schema version); "
            + "give another --db path")
      }
    }
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
