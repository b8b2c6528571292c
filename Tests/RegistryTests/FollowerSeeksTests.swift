import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// The seeks shared by two connections find the same rows, in the same order, as one by one.
struct FollowerSeeksTests {
  @Test func twoConnectionsFindTheSameSnapshotsAsOne() throws {
    let dir = try TemporaryDirectory().url
    defer { try? FileManager.default.removeItem(at: dir) }
    let registry = try RegistryDatabase(path: dir.appendingPathComponent("r.sqlite").path)
    let channels = RegistryDatabase.concurrentSeekThreshold + 101  // enough to split
    // Day 20000 = 2024-10-04; channel n has snapshots on days 20000 - 100 ... 20000 in steps of
    // (n % 7 + 1) * 10 days, followers n * 1000 + day offset; every 5th channel has none.
    try registry.writer.write { db in
      try db.execute(sql: "INSERT INTO source (id, key, title) VALUES (1, 's', 'S')")
      try db.execute(
        sql:
          "INSERT INTO entity (id, kind, country, source_id) VALUES ('e', 'local_police', 'BE', 1)")
      for n in 1...channels {
        try db.execute(
          sql: """
            INSERT INTO channel (id, key, entity_id, platform, handle, source_id)
            VALUES (?, ?, 'e', 'x', ?, 1)
            """, arguments: [n, "x/c\(n)", "c\(n)"])
        guard n % 5 != 0 else { continue }
        for offset in stride(from: 0, through: 100, by: (n % 7 + 1) * 10) {
          try db.execute(
            sql:
              "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (?, ?, ?, 1)",
            arguments: [n, Int64(19900 + offset) * 86_400, n * 1000 + offset])
        }
      }
    }
    // A channel added after the ids the job covers.
    let outside = Int64(channels + 1)
    try registry.writer.write { db in
      try db.execute(
        sql:
          "INSERT INTO entity (id, kind, country, source_id) VALUES ('f', 'local_police', 'NL', 1)")
      try db.execute(
        sql: """
          INSERT INTO channel (id, key, entity_id, platform, handle, source_id)
          VALUES (?, 'x/outside', 'f', 'x', 'outside', 1)
          """, arguments: [outside])
      try db.execute(
        sql:
          "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (?, ?, 7, 1)",
        arguments: [outside, Int64(19990) * 86_400])
    }
    // The open channels: every channel but each third, and the one outside.
    let ids = (1...channels).filter { $0 % 3 != 0 }.map(Int64.init) + [outside]
    let days: [Int64] = [20000, 20000 - 30, 20000 - 90]
    let bounds = days.map { $0 * 86_400 + 86_399 }
    let pool = try #require(registry.writer as? DatabasePool)
    let (shared, late, single): (FollowerSeeks, FollowerSeeks, FollowerSeeks) =
      try registry.writer.read { db in
        // The job covers the ids up to `channels`: the channel outside is sought by `finish`.
        let job = FollowerSeekJob(pool: pool, maxId: channels, bounds: bounds)
        // Every chunk sought whole before the open channels are known: the others' rows are
        // left out.
        let lateJob = FollowerSeekJob(pool: pool, maxId: channels, bounds: bounds)
        lateJob.waitForOtherThread()
        return (
          try job.finish(db, ids: ids), try lateJob.finish(db, ids: ids),
          try RegistryDatabase.seekFollowers(db, ids: ids[...], bounds: bounds)
        )
      }
    #expect(shared.snapshots == single.snapshots)
    #expect(late.snapshots == single.snapshots)
    #expect(shared.sources == [1])
    #expect(!late.snapshots.contains { $0.channelId == 3 })
    #expect(single.snapshots.contains { $0.channelId == outside })
    // Channel 1 (every 20 days: offsets 0, 20, ..., 100): at D offset 100, at D - 30 offset 60,
    // at D - 90 offset 0 → 3 rows; channel 5 has none.
    #expect(single.snapshots.filter { $0.channelId == 1 }.map(\.followers) == [1100, 1060, 1000])
    #expect(!single.snapshots.contains { $0.channelId == 5 })
    #expect(single.snapshots.map(\.channelId) == single.snapshots.map(\.channelId).sorted())
    #expect(try single.snapshots == Self.naive(registry, ids: ids, bounds: bounds))
  }

  /// The rows the seeks must find, by the definition in plain SQL (no span, no shortcut).
  static func naive(_ registry: RegistryDatabase, ids: [Int64], bounds: [Int64]) throws
    -> [ReportData.FollowerRow]
  {
    try registry.writer.read { db in
      var rows: [ReportData.FollowerRow] = []
      for id in ids {
        var previous: Int64?
        for bound in bounds {
          guard
            let r = try Row.fetchOne(
              db,
              sql: """
                SELECT observed_at, followers
                FROM snapshot WHERE channel_id = ? AND observed_at <= ? AND followers IS NOT NULL
                ORDER BY observed_at DESC, source_id DESC LIMIT 1
                """, arguments: [id, bound])
          else { break }
          let at: Int64 = r[0]
          if at == previous { continue }
          previous = at
          rows.append(
            ReportData.FollowerRow(channelId: id, observedAt: at, followers: r[1]))
        }
      }
      return rows
    }
  }

  /// Bounds after the latest snapshot (read from the span), before the first (none), and in
  /// between (a seek), with rows that have no follower count and two sources at one time.
  @Test func spansAnswerBoundsOutsideTheHistoryLikeSeeks() throws {
    let registry = try RegistryDatabase(inMemory: ())
    try registry.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title) VALUES (1, 's', 'S'), (2, 't', 'T');
          INSERT INTO entity (id, kind, country, source_id) VALUES ('e', 'local_police', 'BE', 1);
          INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
            (1, 'x/a', 'e', 'x', 'a', 1), (2, 'x/b', 'e', 'x', 'b', 1), (3, 'x/c', 'e', 'x', 'c', 1);
          INSERT INTO snapshot (channel_id, observed_at, followers, posts, source_id) VALUES
            (1, 1000, 10, 1, 1), (1, 2000, 20, 2, 1), (1, 2000, 21, 3, 2), (1, 3000, NULL, 4, 1),
            (2, 2500, 50, NULL, 1),
            (3, 1500, NULL, 9, 1);
          """)
    }
    for bounds: [Int64] in [
      [5000, 2500, 1500, 500], [3000, 2000, 1999], [2500, 2499], [999], [2000, 1000, 999],
    ] {
      let found = try registry.writer.read { db in
        try RegistryDatabase.seekFollowers(db, ids: [1, 2, 3], bounds: bounds)
      }
      #expect(
        try found.snapshots == Self.naive(registry, ids: [1, 2, 3], bounds: bounds), "\(bounds)")
    }
    let all = try registry.writer.read { db in
      try RegistryDatabase.seekFollowers(db, ids: [1, 2, 3], bounds: [5000, 2500, 1500, 500])
    }
    // Channel 1: at 5000 and 2500 the latest with followers is (2000, source 2): 21, once; at 1500
    // it is 1000: 10. Channel 2: 50 at 5000 and 2500. Channel 3 has no follower count.
    #expect(
      all.snapshots.map { "\($0.channelId):\($0.followers)" } == ["1:21", "1:10", "2:50"])
    #expect(all.sources == [1, 2])
  }
}
