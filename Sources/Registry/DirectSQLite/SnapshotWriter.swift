import GRDB
import GRDBSQLite

/// The bulk import's writes as raw sqlite3 calls: values bound by position into prepared
/// statements, no row objects (the import's hot loop). `SnapshotImporter` validates the rows;
/// this only writes and reads back.
struct SnapshotWriter {
  private let connection: OpaquePointer?
  private let insert: Statement
  private let batchInsert: Statement
  private let existing: Statement
  private let spanRecompute: Statement
  /// Rows per `insertBatch` call: exactly this many.
  let batchSize: Int

  init(_ db: Database, batchSize: Int) throws {
    self.batchSize = batchSize
    connection = db.sqliteConnection
    insert = try db.makeStatement(
      sql: """
        INSERT INTO snapshot (channel_id, observed_at, followers, following, posts, engagements,
          engagement_window_days, source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (channel_id, observed_at, source_id) DO NOTHING
        """)
    // OR IGNORE, not ON CONFLICT DO NOTHING: with an abort possible (a CHECK) a multi-row
    // INSERT keeps a statement journal, the first change of each page copied to a temp file
    // (rows in date order: a page per row of the batch, much slower). Every value is validated
    // first, so only a repeated key is ignored; a row ignored for any other reason would show
    // when the importer reads the batch's rows back.
    let oneRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
    batchInsert = try db.makeStatement(
      sql: """
        INSERT OR IGNORE INTO snapshot (channel_id, observed_at, followers, following, posts,
          engagements, engagement_window_days, source_id, note) VALUES \
        \(Array(repeating: oneRow, count: batchSize).joined(separator: ", "))
        """)
    existing = try db.makeStatement(
      sql: """
        SELECT followers, following, posts, engagements, engagement_window_days FROM snapshot
        WHERE channel_id = ? AND observed_at = ? AND source_id = ?
        """)
    spanRecompute = try db.makeStatement(
      sql: """
        INSERT OR REPLACE INTO snapshot_span (\(Schema.spanColumns.joined(separator: ", ")))
        \(Schema.spanOfChannel("?1"))
        """)
  }

  /// Writes the `batchSize` rows `rows[batch[0]]`, `rows[batch[1]]`... in that order with one
  /// multi-row INSERT; returns how many were new (a repeated key is ignored: the importer
  /// compares those rows with what is stored).
  func insertBatch(
    _ rows: [SnapshotImporter.Values], notes: [[UInt8]?], batch: ArraySlice<Int32>
  ) throws -> Int {
    precondition(batch.count == batchSize, "a batch has exactly batchSize rows")
    let s = batchInsert.sqliteStatement
    for (k, row) in batch.enumerated() {
      let i = Int(row)
      let p = Int32(k * 9)
      Self.bind(s, p, rows[i])
      if let note = notes[i] {
        note.withUnsafeBufferPointer { Self.bindNote(s, p + 9, $0) }
      } else {
        sqlite3_bind_null(s, p + 9)
      }
    }
    let rc = sqlite3_step(s)
    sqlite3_reset(s)
    guard rc == SQLITE_DONE else {
      throw RegistryError.database(
        "cannot store snapshots: \(String(cString: sqlite3_errmsg(connection)))")
    }
    return Int(sqlite3_changes(connection))
  }

  /// Inserts one row; false when a row with its key is stored already (nothing written).
  /// `note`: bytes of the row (empty: none), bound as a copy, so no String per row.
  func insertOne(_ v: SnapshotImporter.Values, note: UnsafeBufferPointer<UInt8>) throws -> Bool {
    // Every parameter is bound on every row and the statement is reset after each step.
    let s = insert.sqliteStatement
    Self.bind(s, 0, v)
    Self.bindNote(s, 9, note)
    let rc = sqlite3_step(s)
    sqlite3_reset(s)
    guard rc == SQLITE_DONE else {
      throw RegistryError.database(
        "cannot store a snapshot: \(String(cString: sqlite3_errmsg(connection)))")
    }
    return sqlite3_changes(connection) == 1
  }

  /// The counts stored under `v`'s key (channel, time, source).
  func storedCounts(of v: SnapshotImporter.Values) throws -> SnapshotImporter.Counts {
    let s = existing.sqliteStatement
    sqlite3_reset(s)
    sqlite3_bind_int64(s, 1, v.channelId)
    sqlite3_bind_int64(s, 2, v.observedAt)
    sqlite3_bind_int64(s, 3, v.sourceId)
    defer { sqlite3_reset(s) }
    guard sqlite3_step(s) == SQLITE_ROW else {
      throw RegistryError.database("cannot read back a snapshot that should exist")
    }
    func column(_ i: Int32) -> Int64? {
      sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
    }
    return SnapshotImporter.Counts(column(0), column(1), column(2), column(3), column(4))
  }

  /// Recomputes the `snapshot_span` row of each channel (its first and latest snapshot with a
  /// follower count: two seeks each), for the bulk import, which writes without the span
  /// trigger (Schema v4).
  func recomputeSpans(_ channels: [Int64]) throws {
    let s = spanRecompute.sqliteStatement
    for id in channels {
      sqlite3_bind_int64(s, 1, id)
      let rc = sqlite3_step(s)
      sqlite3_reset(s)
      guard rc == SQLITE_DONE else {
        throw RegistryError.database(
          "cannot update snapshot_span: \(String(cString: sqlite3_errmsg(connection)))")
      }
    }
  }

  /// Binds a row's eight values at parameters offset + 1 ... offset + 8.
  @inline(__always) private static func bind(
    _ s: OpaquePointer?, _ offset: Int32, _ v: SnapshotImporter.Values
  ) {
    sqlite3_bind_int64(s, offset + 1, v.channelId)
    sqlite3_bind_int64(s, offset + 2, v.observedAt)
    bind(s, offset + 3, v.counts.followers)
    bind(s, offset + 4, v.counts.following)
    bind(s, offset + 5, v.counts.posts)
    bind(s, offset + 6, v.counts.engagements)
    bind(s, offset + 7, v.counts.engagementWindowDays)
    sqlite3_bind_int64(s, offset + 8, v.sourceId)
  }

  @inline(__always) private static func bind(_ s: OpaquePointer?, _ i: Int32, _ v: Int64?) {
    if let v {
      sqlite3_bind_int64(s, i, v)
    } else {
      sqlite3_bind_null(s, i)
    }
  }

  /// Binds the bytes of a note as text (copied by SQLite), or NULL when empty.
  @inline(__always) private static func bindNote(
    _ s: OpaquePointer?, _ i: Int32, _ note: UnsafeBufferPointer<UInt8>
  ) {
    if let p = note.baseAddress, !note.isEmpty {
      p.withMemoryRebound(to: CChar.self, capacity: note.count) {
        _ = sqlite3_bind_text(
          s, i, $0, Int32(note.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
      }
    } else {
      sqlite3_bind_null(s, i)
    }
  }
}
