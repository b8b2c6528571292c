import Foundation
import GRDB
import Testing
import Vocabulary

@testable import Registry

/// `channel merge`: a channel kept without a handle becomes the named one, on registries written
/// out by hand.
@Suite struct ChannelMergeTests {
  static let context = ChangeContext(source: .key("check"), by: "t", at: 1_790_000_000)

  /// Entities e1 and e2; sources `test` (1), `article` (2) and `check` (3); on e1: x/unknown:e1
  /// (no handle, first seen 2020-03-01 in the article, 30,000 followers that day, one retracted
  /// count, a survey naming no account) and x/named (first seen 2021-01-01: 31,000 then, 32,000
  /// on 2022-01-01); `more` runs SQL after.
  static func registry(_ more: String = "") throws -> RegistryDatabase {
    let registry = try RegistryDatabase(inMemory: ())
    try registry.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title) VALUES (1, 'test', 'Test'), (2, 'article', 'A'),
            (3, 'check', 'C');
          INSERT INTO entity (id, kind, country, region, languages, source_id) VALUES
            ('e1', 'local_police', 'ZZ', 'ZZ-A', 'fr', 1),
            ('e2', 'local_police', 'ZZ', 'ZZ-A', 'fr', 1);
          INSERT INTO channel (id, key, entity_id, platform, handle, status, first_seen_on,
                               source_id) VALUES
            (1, 'x/unknown:e1', 'e1', 'x', NULL, 'active', '2020-03-01', 2),
            (2, 'x/named', 'e1', 'x', 'named', 'active', '2021-01-01', 1);
          INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES
            (1, 1583020800, 30000, 2),
            (2, 1609459200, 31000, 1),
            (2, 1640995200, 32000, 1);
          INSERT INTO snapshot_retraction (channel_id, observed_at, followers, source_id,
                                           retracted_at, retracted_by, reason)
            VALUES (1, 1583020800, 3000, 2, '2024-01-01T00:00:00Z', 't', 'typo');
          INSERT INTO survey (entity_id, platform, observed_on, result, channel_id, method,
                              confidence, source_id)
            VALUES ('e1', 'x', '2020-03-01', 'present', 1, 'article', 'medium', 2);
          """ + more)
    }
    return registry
  }

  static func count(_ r: RegistryDatabase, _ sql: String) throws -> Int {
    try r.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }

  @Test func theUnnamedChannelsRowsBecomeTheNamedOnesAndItIsRemoved() throws {
    let r = try Self.registry()
    #expect(
      try r.validate(ValidationOptions(today: Day("2026-11-30")!)).contains {
        $0.check == "possible_duplicate_channel" && $0.subject == "x/unknown:e1"
      })
    let result = try r.mergeChannel("x/unknown:e1", into: "x/named", context: Self.context)
    #expect(result.from == "x/unknown:e1")
    #expect(result.snapshots == 1)
    #expect(result.retractions == 1)
    #expect(result.surveys == 1)
    // The earlier of the two first sightings (2020-03-01 < 2021-01-01); no opening day on
    // either.
    #expect(result.into.firstSeenOn == "2020-03-01")
    #expect(result.into.openedOn == nil)

    #expect(try Self.count(r, "SELECT count(*) FROM channel WHERE key = 'x/unknown:e1'") == 0)
    #expect(try Self.count(r, "SELECT count(*) FROM snapshot WHERE channel_id = 2") == 3)
    #expect(try Self.count(r, "SELECT count(*) FROM snapshot_retraction WHERE channel_id = 2") == 1)
    #expect(try Self.count(r, "SELECT count(*) FROM survey WHERE channel_id = 2") == 1)
    // The span of x/named: first 2020-03-01 (1583020800), latest 2022-01-01 (1640995200),
    // 32,000; none left for the removed channel.
    let span = try r.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT channel_id, first_at, last_at, followers FROM snapshot_span")
    }
    #expect(span.count == 1)
    #expect(span.first.map { $0["channel_id"] as Int64 } == 2)
    #expect(span.first.map { $0["first_at"] as Int64 } == 1_583_020_800)
    #expect(span.first.map { $0["last_at"] as Int64 } == 1_640_995_200)
    #expect(span.first.map { $0["followers"] as Int64 } == 32_000)

    // The removed channel is named in the errors of later lookups, and its history is listed.
    #expect(throws: RegistryError.self) { try r.resolveChannel("x/unknown:e1") }
    do {
      _ = try r.resolveChannel("x/unknown:e1")
    } catch {
      #expect("\(error)".contains("was merged into x/named at 2026-09-21T"))
    }
    #expect(try r.channelKeyForLog("x/unknown:e1") == "x/unknown:e1")
    let log = try r.changeLog(ChangeLogFilter(channelKey: "x/unknown:e1"))
    #expect(log.allSatisfy { $0.action == "merge" && $0.source == "check" && $0.by == "t" })
    #expect(
      log.contains {
        $0.table == "channel" && $0.field == "merged_into" && $0.newValue == "x/named"
      })
    // Its fields as they were: the source it cited (by key), its first sighting.
    #expect(
      log.contains {
        $0.table == "channel" && $0.field == "source" && $0.oldValue == "article"
          && $0.newValue == nil
      })
    #expect(!log.contains { $0.field == "source_id" })
    #expect(
      log.contains {
        $0.table == "channel" && $0.field == "first_seen_on" && $0.oldValue == "2020-03-01"
          && $0.newValue == nil
      })
    #expect(
      log.contains {
        $0.table == "snapshot" && $0.rowKey == "x/unknown:e1 2020-03-01T00:00:00Z article"
          && $0.oldValue == "x/unknown:e1" && $0.newValue == "x/named"
      })
    let intoLog = try r.changeLog(ChangeLogFilter(channelKey: "x/named"))
    #expect(
      intoLog.map { [$0.field, $0.oldValue, $0.newValue] } == [
        ["first_seen_on", "2021-01-01", "2020-03-01"]
      ])
    #expect(
      try r.changeLog(ChangeLogFilter(entityId: "e1")).contains {
        $0.table == "survey" && $0.rowKey == "e1/x/2020-03-01/article"
      })

    // validate: no duplicate left, nothing else wrong with the moved rows.
    let findings = try r.validate(ValidationOptions(today: Day("2026-11-30")!))
    #expect(!findings.contains { $0.check == "possible_duplicate_channel" })
    #expect(
      !findings.contains { $0.severity == .error }, "\(findings.filter { $0.severity == .error })")
  }

  @Test func anOpeningDayIsTakenFromTheUnnamedChannelWhenTheNamedOneHasNone() throws {
    let r = try Self.registry("UPDATE channel SET opened_on = '2019-06-01' WHERE id = 1;")
    let result = try r.mergeChannel("x/unknown:e1", into: "x/named", context: Self.context)
    #expect(result.into.openedOn == "2019-06-01")
    #expect(result.into.firstSeenOn == "2020-03-01")
  }

  @Test func aNamedChannelWithNeitherDateKeepsExistingFromTheStart() throws {
    let r = try Self.registry("UPDATE channel SET first_seen_on = NULL WHERE id = 2;")
    let result = try r.mergeChannel("x/unknown:e1", into: "x/named", context: Self.context)
    #expect(result.into.openedOn == nil)
    #expect(result.into.firstSeenOn == nil)
  }

  /// Each refusal names its reason and writes nothing: the channels, snapshots and change log as
  /// before.
  @Test(arguments: [
    ("", "x/named", "x/unknown:e1", "has a handle"),
    ("", "x/unknown:e1", "x/unknown:e1", "they are the same channel"),
    (
      "INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES (3, 'youtube/yt', 'e1', 'youtube', 'yt', 1);",
      "x/unknown:e1", "youtube/yt", "is on x, youtube/yt on youtube"
    ),
    (
      "INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES (3, 'x/other', 'e2', 'x', 'other', 1);",
      "x/unknown:e1", "x/other", "x/other is e2's"
    ),
    (
      "UPDATE channel SET status = 'closed', closed_on = '2023-01-01' WHERE id = 2;",
      "x/unknown:e1", "x/named", "x/named is closed (on 2023-01-01) and x/unknown:e1 is open"
    ),
    (
      "UPDATE channel SET opened_on = '2019-01-01' WHERE id = 1; UPDATE channel SET opened_on = '2018-01-01' WHERE id = 2;",
      "x/unknown:e1", "x/named", "their opening days differ (2019-01-01 and 2018-01-01)"
    ),
    (
      "UPDATE channel SET opened_on = '2020-06-01' WHERE id = 2;",
      "x/unknown:e1", "x/named", "was seen on 2020-03-01, before x/named opened (2020-06-01)"
    ),
    (
      "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (2, 1583020800, 29000, 2);",
      "x/unknown:e1", "x/named",
      "both have a snapshot at 2020-03-01T00:00:00Z from source article"
    ),
    (
      "INSERT INTO channel_owner (channel_id, entity_id, valid_from, source_id) VALUES (2, 'e1', '2021-01-01', 1);",
      "x/unknown:e1", "x/named", "changed hands"
    ),
  ])
  func refusals(more: String, from: String, into: String, reason: String) throws {
    let r = try Self.registry(more)
    let state = {
      try r.writer.read { db in
        try [
          "SELECT count(*) FROM channel", "SELECT count(*) FROM snapshot",
          "SELECT count(*) FROM change_log", "SELECT total(channel_id) FROM snapshot",
          "SELECT total(channel_id) FROM survey",
        ].map { try Double.fetchOne(db, sql: $0) ?? -1 }
      }
    }
    let before = try state()
    do {
      try r.mergeChannel(from, into: into, context: Self.context)
      Issue.record("merged \(from) into \(into)")
    } catch {
      #expect("\(error)".contains("cannot merge \(from) into \(into): "), "\(error)")
      #expect("\(error)".contains(reason), "\(error)")
    }
    #expect(try state() == before)
  }
}
