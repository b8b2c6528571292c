import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// The snapshots the adoption report reads, found by seeks on the snapshot key.
struct FollowerSeeks: Sendable {
  /// In channel id order, then newest first.
  var snapshots: [ReportData.FollowerRow] = []
  var sources = Set<Int64>()
}

/// A channel's `snapshot_span` row (Schema v4): its first and its latest snapshot with a follower
/// count.
struct FollowerSpan {
  var first: Int64
  var latest: ReportData.FollowerRow
  var source: Int64

  /// The columns `init(_:channelId:from:)` reads, of `snapshot_span sp`: only what the report
  /// reads (each column read is a library call, about 40 ns).
  static let columns = "sp.first_at, sp.last_at, sp.followers, sp.source_id"

  /// Reads `columns` from column `from` of the current row of `s` (a `snapshot_span` row: none
  /// is NULL).
  init(_ s: OpaquePointer?, channelId: Int64, from c: Int32) {
    first = sqlite3_column_int64(s, c)
    latest = ReportData.FollowerRow(
      channelId: channelId, observedAt: sqlite3_column_int64(s, c + 1),
      followers: sqlite3_column_int64(s, c + 2))
    source = sqlite3_column_int64(s, c + 3)
  }
}

/// One seek's result: a snapshot row and its source.
private struct SeekRow {
  var row: ReportData.FollowerRow
  var source: Int64
}

/// The report's seeks, started on a second reader connection before the loader knows which
/// channels are open, so they run while it reads entities and channels. The channel ids
/// 1...`maxId` are cut into chunks of consecutive ids; each thread claims the next chunk, reads
/// the spans of its channels with one range scan of `snapshot_span`, and seeks them. Until the
/// loader knows which channels are open (`finish`), a chunk is sought whole; after, only its open
/// channels are. The loader then keeps the rows of the open channels and seeks itself any the
/// chunks missed (an id above `maxId`, or a chunk the other thread failed). The rows are those
/// `RegistryDatabase.seekFollowers` finds one by one.
///
/// The second read transaction begins a moment after the loader's: a write committed in between
/// (another process importing at that moment) can show in the chunks it seeks, as if committed
/// before the report.
final class FollowerSeekJob: @unchecked Sendable {
  // Shared between the two threads: each chunk's rows and `done` flag are written by the one
  // thread that claimed it (`nextChunk`); `open` is written by the loader before it sets
  // `filtered` (release) and read by the other thread after seeing it set (acquire);
  // everything is read by the loader after `finished` is waited for.
  private let maxId: Int
  /// Per chunk, the rows found, in channel order.
  private let rows: UnsafeMutableBufferPointer<[SeekRow]>
  private let done: UnsafeMutableBufferPointer<Bool>
  /// Per channel id - 1: open on the report's date (valid once `filtered` is set).
  private let open: UnsafeMutableBufferPointer<Bool>
  private let filtered = Atomic<Bool>(false)
  private let nextChunk = Atomic<Int>(0)
  private let finished = DispatchGroup()
  private let bounds: [Int64]
  private static let chunk = 256

  /// Starts seeking, on another thread, the channels with ids 1...`maxId`.
  init(pool: DatabasePool, maxId: Int, bounds: [Int64]) {
    self.maxId = maxId
    self.bounds = bounds
    let chunks = (maxId + Self.chunk - 1) / Self.chunk
    rows = .allocate(capacity: chunks)
    rows.initialize(repeating: [])
    done = .allocate(capacity: chunks)
    done.initialize(repeating: false)
    open = .allocate(capacity: maxId)
    open.initialize(repeating: false)
    DispatchQueue.global(qos: .userInitiated).async(group: finished) {
      PhaseTimings.mark("seeks: thread started")
      // A failure leaves the chunks it did not finish not done: the loader seeks their channels.
      try? pool.read { db in
        PhaseTimings.mark("seeks: second connection open")
        try self.work(db)
        PhaseTimings.mark("seeks: second connection")
      }
    }
  }

  deinit {
    finished.wait()
    rows.deinitialize().deallocate()
    done.deallocate()
    open.deallocate()
  }

  /// Seeks chunks of the channels on `db` until none is left.
  private func work(_ db: Database) throws {
    let seeker = try RegistryDatabase.Seeker(db)
    var spans: [(id: Int64, span: FollowerSpan)] = []
    spans.reserveCapacity(Self.chunk)
    while true {
      let c = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
      let first = c * Self.chunk + 1
      if first > maxId { return }
      let last = min(first + Self.chunk - 1, maxId)
      let onlyOpen = filtered.load(ordering: .acquiring)
      spans.removeAll(keepingCapacity: true)
      try seeker.spans(Int64(first)...Int64(last)) { id, span in
        if !onlyOpen || open[Int(id) - 1] { spans.append((id, span)) }
      }
      // (One row per channel on most days asked: more grow the array, rather than every chunk
      // holding room for two per channel until the report has read them.)
      var found: [SeekRow] = []
      found.reserveCapacity(spans.count)
      for (id, span) in spans {
        try seeker.seek(id, span: span, bounds: bounds) { row, source in
          found.append(SeekRow(row: row, source: source))
        }
      }
      rows[c] = found
      done[c] = true
    }
  }

  /// Waits until the other thread has no chunk left (tests: chunks all sought before `finish`
  /// tells which channels are open).
  func waitForOtherThread() { finished.wait() }

  /// Tells the other thread which channels are open (`ids`, ascending), helps with the remaining
  /// chunks on `db`, waits for the other thread, then returns the rows of `ids`, seeking on `db`
  /// those no chunk covered.
  func finish(_ db: Database, ids: [Int64]) throws -> FollowerSeeks {
    for id in ids where id >= 1 && id <= maxId { open[Int(id) - 1] = true }
    filtered.store(true, ordering: .releasing)
    try work(db)
    finished.wait()
    var result = FollowerSeeks()
    // The rows kept, counted first: the array is made at its size, not grown or over-reserved.
    var keep = 0
    for c in 0..<done.count where done[c] {
      for s in rows[c] where open[Int(s.row.channelId) - 1] { keep += 1 }
    }
    result.snapshots.reserveCapacity(keep)
    var missed: [Int64] = []
    for id in ids where id < 1 || id > maxId || !done[(Int(id) - 1) / Self.chunk] {
      missed.append(id)
    }
    // The chunks in order, each in channel order: the rows of the open channels ascend.
    // (A set insert hashes: done only when the source changes, which is rare.)
    var lastSource: Int64?
    for c in 0..<done.count where done[c] {
      for s in rows[c] where open[Int(s.row.channelId) - 1] {
        result.snapshots.append(s.row)
        if s.source != lastSource {
          result.sources.insert(s.source)
          lastSource = s.source
        }
      }
    }
    if !missed.isEmpty {
      // Rare (a channel added between the two transactions, or the other thread failed): the
      // rows must stay in channel order.
      let own = try RegistryDatabase.seekFollowers(db, ids: missed[...], bounds: bounds)
      result.sources.formUnion(own.sources)
      result.snapshots = (result.snapshots + own.snapshots).sorted {
        ($0.channelId, $1.observedAt) < ($1.channelId, $0.observedAt)
      }
    }
    return result
  }
}

extension RegistryDatabase {
  /// Below this many channels the seeks stay on one connection: a second one costs more to start.
  static let concurrentSeekThreshold = 2_000

  /// One prepared seek on one connection: per channel, the latest snapshot with a follower count
  /// on or before each bound. The channel's `snapshot_span` answers a bound on or after its
  /// latest snapshot (that snapshot) and one before its first (none); a bound in between is
  /// found by one seek on the primary key (channel_id, observed_at, source_id). The pages are
  /// read, not mapped: reading was as fast or faster on every benchmark database, and a map costs
  /// its unmapping at exit (docs/performance-history.md, "Chunked seeks, pages read").
  struct Seeker {
    private let statement: Statement
    private let spanStatement: Statement
    private let rangeStatement: Statement
    /// The page cache of a seeking connection, in KiB. Each seek reads about one leaf page no
    /// other seek reads: a large cache only fills fresh memory (page faults) and evicts less
    /// well from the CPU caches; smaller than SQLite's default was faster on every benchmark
    /// database (docs/performance-history.md).
    static let cacheKiB = 500

    init(_ db: Database) throws {
      try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
      statement = try db.makeStatement(
        sql: """
          SELECT observed_at, followers, source_id
          FROM snapshot
          WHERE channel_id = ? AND observed_at <= ? AND followers IS NOT NULL
          ORDER BY observed_at DESC, source_id DESC LIMIT 1
          """)
      spanStatement = try db.makeStatement(
        sql: "SELECT \(FollowerSpan.columns) FROM snapshot_span sp WHERE sp.channel_id = ?")
      rangeStatement = try db.makeStatement(
        sql: """
          SELECT sp.channel_id, \(FollowerSpan.columns) FROM snapshot_span sp
          WHERE sp.channel_id BETWEEN ? AND ? ORDER BY sp.channel_id
          """)
    }

    /// Calls `found` with each channel of `ids` that has a span, and its span, in id order: one
    /// range scan.
    func spans(_ ids: ClosedRange<Int64>, _ found: (Int64, FollowerSpan) throws -> Void) throws {
      let rs = rangeStatement.sqliteStatement
      defer { sqlite3_reset(rs) }
      sqlite3_bind_int64(rs, 1, ids.lowerBound)
      sqlite3_bind_int64(rs, 2, ids.upperBound)
      while true {
        let rc = sqlite3_step(rs)
        if rc == SQLITE_DONE { return }
        guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
        let id = sqlite3_column_int64(rs, 0)
        try found(id, FollowerSpan(rs, channelId: id, from: 1))
      }
    }

    /// The span of channel `id`; nil when it has no snapshot with a follower count.
    func span(_ id: Int64) throws -> FollowerSpan? {
      let ss = spanStatement.sqliteStatement
      defer { sqlite3_reset(ss) }
      sqlite3_bind_int64(ss, 1, id)
      let rc = sqlite3_step(ss)
      if rc == SQLITE_DONE { return nil }
      guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
      return FollowerSpan(ss, channelId: id, from: 0)
    }

    /// Calls `found` with each distinct row for `bounds` (epoch seconds, descending), newest
    /// first; `span` is the channel's (`span(_:)`).
    func seek(
      _ id: Int64, span: FollowerSpan?, bounds: [Int64],
      _ found: (ReportData.FollowerRow, Int64) -> Void
    ) throws {
      guard let span else { return }
      let ss = statement.sqliteStatement
      defer { sqlite3_reset(ss) }
      var previous: Int64?
      for bound in bounds {
        // Bounds go back in time: once before the first snapshot, every later one is too.
        if bound < span.first { break }
        var row = span.latest
        var source = span.source
        if bound < span.latest.observedAt {
          sqlite3_reset(ss)
          sqlite3_bind_int64(ss, 1, id)
          sqlite3_bind_int64(ss, 2, bound)
          let rc = sqlite3_step(ss)
          if rc == SQLITE_DONE { break }
          guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
          row = ReportData.FollowerRow(
            channelId: id, observedAt: sqlite3_column_int64(ss, 0),
            followers: sqlite3_column_int64(ss, 1))
          source = sqlite3_column_int64(ss, 2)
        }
        // The same snapshot can only repeat the previous one.
        if row.observedAt == previous { continue }
        previous = row.observedAt
        found(row, source)
      }
    }
  }

  /// Per channel of `ids` (ascending), the latest snapshot with a follower count on or before each
  /// of `bounds` (epoch seconds, descending), sought one by one on `db`.
  static func seekFollowers(_ db: Database, ids: ArraySlice<Int64>, bounds: [Int64]) throws
    -> FollowerSeeks
  {
    let seeker = try Seeker(db)
    var result = FollowerSeeks()
    result.snapshots.reserveCapacity(ids.count * 2)
    for id in ids {
      try seeker.seek(id, span: seeker.span(id), bounds: bounds) { row, source in
        result.snapshots.append(row)
        result.sources.insert(source)
      }
    }
    return result
  }
}
