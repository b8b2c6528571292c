import Foundation
import GRDB
import Vocabulary

/// Who makes a change, when, and on which evidence. Every curation call takes one.
public struct ChangeContext: Sendable {
  /// The source every change of this call cites; nil lets import rows name their own.
  public var source: SourceChoice?
  /// The person making the change (login name by default).
  public var by: String
  /// UTC epoch seconds of the change.
  public var at: Int64

  public init(source: SourceChoice?, by: String, at: Int64 = Int64(Date().timeIntervalSince1970)) {
    self.source = source
    self.by = by
    self.at = at
  }

  /// The login name from the environment (`USER`, then `LOGNAME`), or `unknown`.
  public static func loginName() -> String {
    let env = ProcessInfo.processInfo.environment
    for name in ["USER", "LOGNAME"] {
      if let v = env[name], !v.isEmpty { return v }
    }
    return "unknown"
  }

  /// The UTC day of the change.
  public var day: Day { Day(epochSeconds: at) }
}

/// One row of the change log: one field of one row changed by one action.
public struct ChangeLogEntry: Codable, Hashable, Sendable, FetchableRecord {
  public var id: Int64
  public var at: String
  public var action: String
  public var table: String
  public var rowKey: String
  public var entityId: String?
  public var field: String?
  public var oldValue: String?
  public var newValue: String?
  public var source: String?
  public var by: String

  enum CodingKeys: String, CodingKey {
    case id, at, action, field, source, by
    case table = "table_name"
    case rowKey = "row_key"
    case entityId = "entity_id"
    case oldValue = "old_value"
    case newValue = "new_value"
  }

  /// Encodes every column, missing values as null, so JSON keys are stable.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(at, forKey: .at)
    try c.encode(action, forKey: .action)
    try c.encode(table, forKey: .table)
    try c.encode(rowKey, forKey: .rowKey)
    try c.encode(entityId, forKey: .entityId)
    try c.encode(field, forKey: .field)
    try c.encode(oldValue, forKey: .oldValue)
    try c.encode(newValue, forKey: .newValue)
    try c.encode(source, forKey: .source)
    try c.encode(by, forKey: .by)
  }

  /// Output columns, in order.
  public static let columns = [
    "id", "at", "action", "table_name", "row_key", "field", "old_value", "new_value", "source",
    "by", "entity_id",
  ]

  public var values: [String: String?] {
    [
      "id": String(id), "at": at, "action": action, "table_name": table, "row_key": rowKey,
      "entity_id": entityId, "field": field, "old_value": oldValue, "new_value": newValue,
      "source": source, "by": by,
    ]
  }
}

/// Which change-log entries to list.
public struct ChangeLogFilter: Sendable {
  public var entityId: String?
  public var channelKey: String?
  public var since: Day?
  public init(entityId: String? = nil, channelKey: String? = nil, since: Day? = nil) {
    self.entityId = entityId
    self.channelKey = channelKey
    self.since = since
  }
}

/// Writes change-log rows inside the transaction that makes the change.
struct ChangeRecorder {
  let db: Database
  let context: ChangeContext
  /// The source cited by the changes being recorded.
  var sourceId: Int64

  /// Records every field that differs between `old` and `new` (nil = row absent).
  func diff(
    action: String, table: String, key: String, entityId: String?,
    old: [String: DatabaseValue]?, new: [String: DatabaseValue]?, skip: Set<String> = []
  ) throws {
    let columns = Set((old ?? [:]).keys).union((new ?? [:]).keys).subtracting(skip).sorted()
    for column in columns {
      let before = old.flatMap { $0[column] }.flatMap(Self.text)
      let after = new.flatMap { $0[column] }.flatMap(Self.text)
      if before != after {
        try record(
          action: action, table: table, key: key, entityId: entityId, field: column,
          old: before, new: after)
      }
    }
  }

  func record(
    action: String, table: String, key: String, entityId: String?, field: String?,
    old: String?, new: String?
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO change_log
          (at, action, table_name, row_key, entity_id, field, old_value, new_value, source_id,
           changed_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        Timestamp.format(context.at), action, table, key, entityId, field, old, new, sourceId,
        context.by,
      ])
  }

  /// A stored value as log text; NULL stays nil.
  static func text(_ value: DatabaseValue) -> String? {
    switch value.storage {
    case .null: return nil
    case .int64(let i): return String(i)
    case .double(let d): return String(d)
    case .string(let s): return s
    case .blob(let b): return b.map { String(format: "%02x", $0) }.joined()
    }
  }
}

extension ChangeContext {
  /// The id of the source this context cites, creating a web-page source on first use.
  /// `fallbackKey` (an import row's `source` column) is used when the context names none.
  func sourceId(_ db: Database, fallbackKey: String? = nil) throws -> Int64 {
    switch source {
    case .key(let key):
      return try Self.existingSource(db, key)
    case .url(let url, let title):
      let before = try Source.filter(Source.Columns.url == url).fetchCount(db)
      let id = try SourceChoice.source(db, url: url, title: title)
      if before == 0, let s = try Source.fetchOne(db, key: id) {
        let recorder = ChangeRecorder(db: db, context: self, sourceId: id)
        try recorder.diff(
          action: "add", table: "source", key: s.key, entityId: nil, old: nil,
          new: try s.databaseDictionary, skip: ["id"])
      }
      return id
    case nil:
      guard let key = fallbackKey else {
        throw RegistryError.invalid(
          "every change needs a source: give --source KEY or --source-url URL [--source-title T]")
      }
      return try Self.existingSource(db, key)
    }
  }

  static func existingSource(_ db: Database, _ key: String) throws -> Int64 {
    guard let s = try Source.filter(Source.Columns.key == key).fetchOne(db) else {
      throw RegistryError.notFound(
        "unknown source '\(key)'; use an existing source key, or --source-url URL "
          + "[--source-title T] to cite a web page")
    }
    return s.id!
  }
}

extension RegistryDatabase {
  /// Lists the change log, oldest first.
  public func changeLog(_ f: ChangeLogFilter) throws -> [ChangeLogEntry] {
    var q = SQLFilter()
    if let e = f.entityId {
      q.add(
        """
        (l.entity_id = ? OR (l.field = 'entity_id' AND (l.old_value = ? OR l.new_value = ?))
         OR (l.table_name = 'entity_lineage'
             AND (substr(l.row_key, 1, length(?)) = ? OR substr(l.row_key, -length(?)) = ?)))
        """, [e, e, e, e + ">", e + ">", ">" + e, ">" + e])
    }
    if let c = f.channelKey {
      // A snapshot's row key starts with its channel's key and a space (`retract`, `correct`).
      q.add(
        """
        ((l.table_name IN ('channel', 'channel_handle_history', 'channel_owner') AND l.row_key = ?)
         OR (l.table_name = 'snapshot' AND substr(l.row_key, 1, length(?) + 1) = ? || ' '))
        """, [c, c, c])
    }
    if let d = f.since { q.add("l.at >= ?", [d.description]) }
    let sql = """
      SELECT l.id, l.at, l.action, l.table_name, l.row_key, l.entity_id, l.field, l.old_value,
             l.new_value, s.key AS source, l.changed_by AS by
      FROM change_log l LEFT JOIN source s ON s.id = l.source_id
      \(q.whereSQL)
      ORDER BY l.id
      """
    return try writer.read { db in
      try ChangeLogEntry.fetchAll(db, sql: sql, arguments: q.arguments)
    }
  }
}
