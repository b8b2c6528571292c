import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// `snapshot_span` (schema v4) holds, per channel, the first and the latest snapshot with a
/// follower count, whoever writes the snapshots: the bulk import (trigger dropped, spans
/// recomputed), `addSnapshot`, and plain SQL (the triggers).
struct SnapshotSpanTests {
  let registry: RegistryDatabase
  let dir: String

  init() throws {
    registry = try RegistryDatabase(inMemory: ())
    dir = try TemporaryDirectory(prefix: "snapshot-span").path
    try registry.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title) VALUES (1, 'a', 'A'), (2, 'b', 'B');
          INSERT INTO entity (id, kind, country, source_id) VALUES ('zone-a', 'local_police', 'BE', 1);
          INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
            (1, 'x/one', 'zone-a', 'x', 'one', 1),
            (2, 'x/two', 'zone-a', 'x', 'two', 1),
            (3, 'x/three', 'zone-a', 'x', 'three', 1);
          """)
    }
  }

  func importFile(_ text: String) throws {
    let path = dir + "/s-\(UUID().uuidString).csv"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    _ = try registry.importSnapshots(path: path)
  }

  /// The spans stored: "channel first last source followers posts" (posts "-" when NULL).
  func stored() throws -> [String] {
    try registry.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT channel_id || ' ' || first_at || ' ' || last_at || ' ' || source_id || ' '
                 || followers || ' ' || coalesce(posts, '-')
          FROM snapshot_span ORDER BY channel_id
          """)
    }
  }

  /// The spans computed here from every snapshot, independently of the triggers and the SQL.
  func expected() throws -> [String] {
    let rows = try registry.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT channel_id, observed_at, source_id, followers, posts
          FROM snapshot WHERE followers IS NOT NULL
          """)
    }
    var byChannel: [Int64: [Row]] = [:]
    for r in rows { byChannel[r["channel_id"], default: []].append(r) }
    return byChannel.keys.sorted().map { id in
      let rs = byChannel[id]!
      let first = rs.map { $0["observed_at"] as Int64 }.min()!
      let key = { (r: Row) in (r["observed_at"] as Int64, r["source_id"] as Int64) }
      let latest = rs.max { key($0) < key($1) }!
      return [
        "\(id)", "\(first)", "\(latest["observed_at"] as Int64)",
        "\(latest["source_id"] as Int64)", "\(latest["followers"] as Int64)",
        (latest["posts"] as Int64?).map(String.init) ?? "-",
      ].joined(separator: " ")
    }
  }

  /// 2024-05-01 plus `n` days, as an ISO date.
  static func day(_ n: Int) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    return f.string(from: Date(timeIntervalSince1970: 1_714_521_600 + Double(n) * 86_400))
  }

  func triggerExists() throws -> Bool {
    try registry.writer.read { db in
      try Int.fetchOne(
        db,
        sql:
          "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'snapshot_span_insert'"
      ) == 1
    }
  }

  @Test func spansFollowImportsAddsAndPlainSQL() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Out of order, a row without followers (newest for channel 2: not its latest), two sources
    // at one time (the higher source id is the latest), channel 3 with no follower count at all.
    try importFile(
      """
      channel_id,observed_at,followers,posts,source
      2,2024-05-02,200,20,a
      1,2024-05-01,100,10,a
      1,2024-05-03,130,,a
      2,2024-05-04,,25,a
      1,2024-05-03,131,11,b
      2,2024-04-30,190,19,a
      3,2024-05-01,,5,a
      """)
    #expect(
      try stored() == ["1 1714521600 1714694400 2 131 11", "2 1714435200 1714608000 1 200 20"])
    #expect(try stored() == expected())
    #expect(try triggerExists())

    // Re-importing the same rows changes nothing; a later row moves the latest, an earlier the
    // first, and an unchanged row is counted but moves nothing.
    try importFile(
      """
      channel_id,observed_at,followers,posts,source
      1,2024-05-01,100,10,a
      3,2024-05-05,7,,a
      2,2024-04-29,180,,b
      """)
    #expect(try stored() == expected())
    #expect(try stored().last == "3 1714867200 1714867200 1 7 -")

    // addSnapshot and plain SQL go through the triggers.
    _ = try registry.addSnapshot(
      channelId: 1, observedAt: 1_714_953_600, followers: 140, following: nil, posts: 12,
      engagements: nil, engagementWindowDays: nil, source: .key("a"))
    try registry.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO snapshot (channel_id, observed_at, followers, source_id)
            VALUES (2, 1714262400, 170, 1);
          INSERT INTO snapshot (channel_id, observed_at, posts, source_id)
            VALUES (2, 1715040000, 30, 1);
          """)
    }
    #expect(try stored()[0] == "1 1714521600 1714953600 1 140 12")
    #expect(try stored() == expected())
    // Deleting the latest (and the first) falls back to the next ones; an update that removes
    // the follower count does too; deleting every row with followers removes the span.
    try registry.writer.write { db in
      try db.execute(
        sql: """
          DELETE FROM snapshot WHERE channel_id = 1 AND observed_at = 1714953600;
          DELETE FROM snapshot WHERE channel_id = 2 AND observed_at = 1714262400;
          UPDATE snapshot SET followers = NULL WHERE channel_id = 2 AND observed_at = 1714608000;
          """)
    }
    #expect(try stored()[0] == "1 1714521600 1714694400 2 131 11")
    #expect(try stored() == expected())
    try registry.writer.write { db in
      try db.execute(sql: "DELETE FROM snapshot WHERE channel_id = 3")
    }
    #expect(try stored() == expected())
    #expect(try stored().count == 2)
  }

  /// `validate` finds a span that no longer matches (triggers dropped, then a write), and only
  /// that one.
  @Test func validateFindsAStaleSpan() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try importFile(
      "channel_id,observed_at,followers,source\n1,2024-05-01,100,a\n2,2024-05-01,5,a\n")
    func findings() throws -> [String] {
      try registry.writer.read { db in
        try Validation.snapshotSpans(db, ValidationOptions(today: Day("2024-06-01")!)).map(
          \.subject)
      }
    }
    #expect(try findings().isEmpty)
    try registry.writer.write { db in
      try db.execute(
        sql: """
          DROP TRIGGER snapshot_span_insert;
          INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (2, 1714608000, 6, 1);
          INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (3, 1714608000, 7, 1);
          """)
    }
    #expect(try findings() == ["trigger snapshot_span_insert", "x/three", "x/two"])
  }

  @Test func aRefusedImportLeavesSpansAndTrigger() throws {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try importFile("channel_id,observed_at,followers,source\n1,2024-05-01,100,a\n")
    let before = try stored()
    #expect(throws: RegistryError.self) {
      try importFile(
        "channel_id,observed_at,followers,source\n1,2024-05-03,150,a\n1,2024-05-04,-3,a\n")
    }
    #expect(try stored() == before)
    #expect(try triggerExists())
    // A conflict found when a full batch is written refuses the file too.
    let rows = (0..<70).map { "2,\(Self.day($0)),\($0),a" }
    try importFile("channel_id,observed_at,followers,source\n" + rows.joined(separator: "\n"))
    let conflict = rows + ["2,2024-05-01,999,a"]
    #expect(throws: RegistryError.self) {
      try importFile(
        "channel_id,observed_at,followers,source\n" + conflict.joined(separator: "\n")
          + "\n3,2024-05-01,5,a")
    }
    #expect(try stored() == expected())
    #expect(try stored().count == 2)
    #expect(try triggerExists())
  }
}
