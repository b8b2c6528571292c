import Dispatch
import GRDB
import GRDBSQLite

/// The snapshots the adoption report reads, found by seeks on the snapshot key.
struct FollowerSeeks: Sendable {
  /// In channel id order, then newest first.
  var snapshots: [ReportData.SnapshotRow] = []
  var sources = Set<Int64>()
}

/// Where the second half's result lands; written by one thread, read after it is done.
private final class SeekResultBox: @unchecked Sendable {
  var result: Result<FollowerSeeks, any Error> = .success(FollowerSeeks())
}

extension RegistryDatabase {
  /// Below this many channels the seeks stay on one connection: a second one costs more to start.
  static let concurrentSeekThreshold = 2_000

  /// Per channel of `ids` (ascending), the latest snapshot with a follower count on or before each
  /// of `bounds` (epoch seconds, descending), each found by one seek on the primary key
  /// (channel_id, observed_at, source_id). With a pool and enough channels, the second half of
  /// the channels is sought on a second reader connection on another thread while this one does
  /// the first half; the halves are joined in order, so the rows are the same as sought one by one.
  /// That second read transaction begins after `db`'s: a write committed in between (another
  /// process importing at that moment) can show in its half, as if committed before the report.
  func seekFollowers(_ db: Database, ids: [Int64], bounds: [Int64]) throws -> FollowerSeeks {
    guard ids.count >= Self.concurrentSeekThreshold, let pool = writer as? DatabasePool else {
      return try Self.seekFollowers(db, ids: ids[...], bounds: bounds)
    }
    let half = ids.count / 2
    let second = Array(ids[half...])
    let box = SeekResultBox()
    let group = DispatchGroup()
    DispatchQueue.global(qos: .userInitiated).async(group: group) {
      box.result = Result {
        try pool.read { db in try Self.seekFollowers(db, ids: second[...], bounds: bounds) }
      }
      PhaseTimings.mark("seeks, second half")
    }
    let first: FollowerSeeks
    do {
      first = try Self.seekFollowers(db, ids: ids[..<half], bounds: bounds)
    } catch {
      group.wait()
      throw error
    }
    PhaseTimings.mark("seeks, first half")
    group.wait()
    var all = first
    let rest = try box.result.get()
    all.snapshots.append(contentsOf: rest.snapshots)
    all.sources.formUnion(rest.sources)
    return all
  }

  /// The seeks of `seekFollowers` on one connection: one prepared statement, reset and rebound
  /// per seek; the file mapped (no pread copy per page).
  static func seekFollowers(_ db: Database, ids: ArraySlice<Int64>, bounds: [Int64]) throws
    -> FollowerSeeks
  {
    try db.execute(sql: "PRAGMA mmap_size = 1073741824")
    let seek = try db.makeStatement(
      sql: """
        SELECT observed_at, followers, posts, engagements, engagement_window_days, source_id
        FROM snapshot
        WHERE channel_id = ? AND observed_at <= ? AND followers IS NOT NULL
        ORDER BY observed_at DESC, source_id DESC LIMIT 1
        """)
    let ss = seek.sqliteStatement
    defer { sqlite3_reset(ss) }
    var result = FollowerSeeks()
    result.snapshots.reserveCapacity(ids.count * 2)
    for id in ids {
      var previous: Int64?
      for bound in bounds {
        sqlite3_reset(ss)
        sqlite3_bind_int64(ss, 1, id)
        sqlite3_bind_int64(ss, 2, bound)
        let rc = sqlite3_step(ss)
        if rc == SQLITE_DONE { break }
        guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
        let at = sqlite3_column_int64(ss, 0)
        // Bounds go back in time: the same snapshot can only repeat the previous one.
        if at == previous { continue }
        previous = at
        result.snapshots.append(
          ReportData.SnapshotRow(
            channelId: id, observedAt: at, followers: Self.int(ss, 1), posts: Self.int(ss, 2),
            engagements: Self.int(ss, 3), windowDays: Self.int(ss, 4)))
        result.sources.insert(sqlite3_column_int64(ss, 5))
      }
    }
    return result
  }
}
