import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// The snapshots the adoption report reads, found by seeks on the snapshot key.
struct FollowerSeeks: Sendable {
  /// In channel id order, then newest first.
  var snapshots: [ReportData.SnapshotRow] = []
  var sources = Set<Int64>()
}

/// A channel's `snapshot_span` row (Schema v4): its first and its latest snapshot with a follower
/// count.
struct FollowerSpan {
  var first: Int64
  var latest: ReportData.SnapshotRow
  var source: Int64

  /// The columns `init(_:channelId:from:)` reads, of `snapshot_span sp`.
  static let columns = """
    sp.first_at, sp.last_at, sp.followers, sp.posts, sp.engagements, sp.engagement_window_days, \
    sp.source_id
    """

  /// Reads `columns` from column `from` of the current row of `s`; nil when they are NULL (a
  /// LEFT JOIN that found no span).
  init?(_ s: OpaquePointer?, channelId: Int64, from c: Int32) {
    guard sqlite3_column_type(s, c) != SQLITE_NULL else { return nil }
    first = sqlite3_column_int64(s, c)
    latest = ReportData.SnapshotRow(
      channelId: channelId, observedAt: sqlite3_column_int64(s, c + 1),
      followers: sqlite3_column_int64(s, c + 2), posts: RegistryDatabase.int(s, c + 3),
      engagements: RegistryDatabase.int(s, c + 4), windowDays: RegistryDatabase.int(s, c + 5))
    source = sqlite3_column_int64(s, c + 6)
  }
}

/// One seek's result: a snapshot row and its source.
private struct SeekRow {
  var row: ReportData.SnapshotRow
  var source: Int64
}

/// The report's seeks, started on a second reader connection before the loader knows which
/// channels are open, so they run while it reads entities and channels. The second connection
/// seeks the candidates (every channel of the entities in scope, in id order) in chunks; the
/// loader's connection takes chunks too once it is done, then keeps the rows of the channels
/// that are open and seeks any open channel the candidates missed itself. The rows are those
/// `RegistryDatabase.seekFollowers` finds one by one.
///
/// The second read transaction begins a moment after the loader's: a write committed in between
/// (another process importing at that moment) can show in the chunks it seeks, as if committed
/// before the report.
final class FollowerSeekJob: @unchecked Sendable {
  // Shared between the two threads: `candidates`, `spans`, `slots` and `done` are written by the
  // background thread before `ready` is signalled and only read by the other after; each
  // chunk's slots are written by the one thread that claimed it (`nextChunk`); everything is
  // read by the loader after `finished` is waited for.
  private var candidates: [Int64] = []
  /// Per candidate, its `snapshot_span` row (nil: no snapshot with a follower count).
  private var spans: [FollowerSpan?] = []
  private var slots: UnsafeMutableBufferPointer<SeekRow?> = .init(start: nil, count: 0)
  private var done: UnsafeMutableBufferPointer<Bool> = .init(start: nil, count: 0)
  private var published = false
  private let nextChunk = Atomic<Int>(0)
  private let ready = DispatchSemaphore(value: 0)
  private let finished = DispatchGroup()
  private let bounds: [Int64]
  private static let chunk = 256

  /// Starts seeking, on another thread, the channels of the entities `entityFilter` selects
  /// (an SQL condition on `entity e`, with its arguments).
  init(pool: DatabasePool, entityFilter: String, arguments: StatementArguments, bounds: [Int64]) {
    self.bounds = bounds
    DispatchQueue.global(qos: .userInitiated).async(group: finished) {
      do {
        try pool.read { db in
          var ids: [Int64] = []
          var spans: [FollowerSpan?] = []
          let statement = try db.makeStatement(
            sql: """
              SELECT c.id, \(FollowerSpan.columns) FROM channel c
              JOIN entity e ON e.id = c.entity_id
              LEFT JOIN snapshot_span sp ON sp.channel_id = c.id
              WHERE \(entityFilter) ORDER BY c.id
              """)
          try statement.setArguments(arguments)
          try RegistryDatabase.step(statement) { s in
            let id = sqlite3_column_int64(s, 0)
            ids.append(id)
            spans.append(FollowerSpan(s, channelId: id, from: 1))
          }
          self.publish((ids, spans))
          PhaseTimings.mark("seeks: candidates")
          try self.work(db)
          PhaseTimings.mark("seeks: second connection")
        }
      } catch {
        // Unseeked chunks stay not done: the loader seeks their channels itself.
      }
      self.publish(nil)
    }
  }

  deinit {
    finished.wait()
    if slots.baseAddress != nil { slots.deinitialize().deallocate() }
    if done.baseAddress != nil { done.deallocate() }
  }

  /// Makes the candidates and their spans (none when the query failed) and their result slots
  /// visible to the loader, once.
  private func publish(_ found: (ids: [Int64], spans: [FollowerSpan?])?) {
    guard !published else { return }
    published = true
    if let (ids, spans) = found {
      candidates = ids
      self.spans = spans
      slots = .allocate(capacity: ids.count * bounds.count)
      slots.initialize(repeating: nil)
      done = .allocate(capacity: (ids.count + Self.chunk - 1) / Self.chunk)
      done.initialize(repeating: false)
    }
    ready.signal()
  }

  /// Seeks chunks of the candidates on `db` until none is left.
  private func work(_ db: Database) throws {
    let seeker = try RegistryDatabase.Seeker(db)
    while true {
      let c = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
      let start = c * Self.chunk
      if start >= candidates.count { return }
      for n in start..<min(start + Self.chunk, candidates.count) {
        var k = 0
        try seeker.seek(candidates[n], span: spans[n], bounds: bounds) { row, source in
          slots[n * bounds.count + k] = SeekRow(row: row, source: source)
          k += 1
        }
      }
      done[c] = true
    }
  }

  /// Helps with the remaining chunks on `db`, waits for the other thread, then returns the rows
  /// of the channels `ids` (ascending), seeking on `db` those no chunk covered.
  func finish(_ db: Database, ids: [Int64]) throws -> FollowerSeeks {
    ready.wait()
    try work(db)
    finished.wait()
    var result = FollowerSeeks()
    result.snapshots.reserveCapacity(ids.count * 2)
    var missed: [Int64] = []
    var n = 0
    for id in ids {
      // Both lists ascend: walk the candidates.
      while n < candidates.count && candidates[n] < id { n += 1 }
      guard n < candidates.count, candidates[n] == id, done[n / Self.chunk] else {
        missed.append(id)
        continue
      }
      for k in 0..<bounds.count {
        guard let s = slots[n * bounds.count + k] else { break }
        result.snapshots.append(s.row)
        result.sources.insert(s.source)
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
  /// found by one seek on the primary key (channel_id, observed_at, source_id), the file mapped or
  /// read page by page (see `init`).
  struct Seeker {
    private let statement: Statement
    private let spanStatement: Statement
    /// Up to this many pages of the file per channel, the file is mapped (the kernel maps 16 pages,
    /// 64 KiB, around each page fault).
    static let mappedPagesPerChannel = 16

    init(_ db: Database) throws {
      // The file is mapped when the channels' histories are short (a few pages each): a page
      // fault then maps the neighbouring pages too, which the next seeks use. With long
      // histories the pages a channel's seeks need lie far apart and the neighbours mapped are
      // wasted; reading each page (pread into the page cache) costs less, and keeps the cost
      // from growing with the length of the history (the 10x-days check: 1.4-1.6 with the map
      // at 3,300 days, measured).
      let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
      let channels = try Int.fetchOne(db, sql: "SELECT count(*) FROM channel") ?? 0
      let mapped = pages <= channels * Self.mappedPagesPerChannel
      try db.execute(sql: "PRAGMA mmap_size = \(mapped ? 1_073_741_824 : 0)")
      statement = try db.makeStatement(
        sql: """
          SELECT observed_at, followers, posts, engagements, engagement_window_days, source_id
          FROM snapshot
          WHERE channel_id = ? AND observed_at <= ? AND followers IS NOT NULL
          ORDER BY observed_at DESC, source_id DESC LIMIT 1
          """)
      spanStatement = try db.makeStatement(
        sql: "SELECT \(FollowerSpan.columns) FROM snapshot_span sp WHERE sp.channel_id = ?")
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
      _ found: (ReportData.SnapshotRow, Int64) -> Void
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
          row = ReportData.SnapshotRow(
            channelId: id, observedAt: sqlite3_column_int64(ss, 0),
            followers: RegistryDatabase.int(ss, 1), posts: RegistryDatabase.int(ss, 2),
            engagements: RegistryDatabase.int(ss, 3), windowDays: RegistryDatabase.int(ss, 4))
          source = sqlite3_column_int64(ss, 5)
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
