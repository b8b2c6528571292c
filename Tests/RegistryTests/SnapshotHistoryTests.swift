import Foundation
import TestSupport
import Testing
import Vocabulary

@testable import Registry

@Test func isoWeekLabelsFollowThursdayRule() {
  // 2021-01-03 is a Sunday: its Thursday is 2020-12-31, so it is in 2020's week 53.
  #expect(HistoryPeriod.week.label(Day("2021-01-03")!.epochSeconds) == "2020-W53")
  // 2024-12-30 is a Monday whose Thursday is 2025-01-02: week 1 of 2025.
  #expect(HistoryPeriod.week.label(Day("2024-12-30")!.epochSeconds) == "2025-W01")
  // 2024-05-01 (Wednesday): Thursday 2024-05-02 is day 123 of 2024, (123 - 1) / 7 + 1 = 18.
  #expect(HistoryPeriod.week.label(Day("2024-05-01")!.epochSeconds + 86_399) == "2024-W18")
  #expect(HistoryPeriod.month.label(Day("2024-05-31")!.epochSeconds) == "2024-05")
  #expect(HistoryPeriod.day.label(Day("2024-05-31")!.epochSeconds + 3600) == "2024-05-31")
}

@Test func historyKeepsTheLastSnapshotOfEachMonthWithinRange() throws {
  let r = try RegistryDatabase(inMemory: ())
  try r.writer.write { db in
    try db.execute(
      sql: """
        INSERT INTO source (id, key, title) VALUES (1, 'a', 'A'), (2, 'b', 'B');
        INSERT INTO entity (id, kind, country, source_id) VALUES ('e', 'local_police', 'BE', 1);
        INSERT INTO channel (id, key, entity_id, platform, handle, source_id)
          VALUES (1, 'x/e', 'e', 'x', 'e', 1);
        """)
    // Epochs: 2024-04-30 = 1714435200, 2024-05-01 = 1714521600, 2024-05-20 = 1716163200,
    // 2024-06-01 = 1717200000.
    for (at, followers, source) in [
      (1_714_435_200, 90, 1), (1_714_521_600, 100, 1), (1_716_163_200, 120, 1),
      (1_716_163_200, 121, 2), (1_717_200_000, 150, 1),
    ] {
      try db.execute(
        sql:
          "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (1, ?, ?, ?)",
        arguments: [at, followers, source])
    }
  }
  let rows = try r.history(
    channelId: 1, from: Day("2024-05-01"), to: Day("2024-05-31"), every: .month)
  // May holds 100, 120 (a) and 121 (b) on the 20th: the last is the higher source id, 121.
  #expect(rows.map(\.period) == ["2024-05"])
  #expect(rows.map(\.followers) == [121] && rows.map(\.source) == ["b"])
  let all = try r.history(channelId: 1)
  #expect(all.map(\.followers) == [90, 100, 120, 121, 150])
}

@Test func syntheticDataIsDeterministicAndLabelled() throws {
  let tmp = try TemporaryDirectory(prefix: "syn")
  defer { tmp.remove() }
  let base = tmp.path
  let p = SyntheticData.Parameters(entities: 3, channelsPerEntity: 2, days: 4, seed: 11)
  let a = try SyntheticData.write(p, to: base + "/a")
  _ = try SyntheticData.write(p, to: base + "/b")
  #expect(a == SyntheticData.Summary(entities: 3, channels: 6, snapshots: 24))
  for f in ["entities.csv", "channels.csv", "snapshots-import.csv"] {
    #expect(
      FileManager.default.contents(atPath: base + "/a/" + f)
        == FileManager.default.contents(atPath: base + "/b/" + f))
  }
  // SplitMix64 with seed 0: first output 0xE220A8397B1DCDAF (reference value of the algorithm).
  var rng = SplitMix64(seed: 0)
  #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
  // The generated set loads as a seed and its series imports completely.
  let db = try RegistryDatabase(inMemory: ())
  try SeedLoader.load(into: db, from: base + "/a")
  let result = try db.importSnapshots(path: base + "/a/snapshots-import.csv")
  #expect(result.inserted == 24)
}
