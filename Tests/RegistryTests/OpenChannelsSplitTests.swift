import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// `openChannels` with its upper half scanned on a second connection gives what one scan gives:
/// the same rows in the same order, the same open and other ids, the same sources.
@Suite struct OpenChannelsSplitTests {
  @Test(arguments: ["2025-06-30", "2021-06-30", "2016-01-01"])
  func aSplitScanEqualsOneScan(day: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path("r.sqlite")
    // The shipped seed: channels that changed hands (ownership periods), closed channels,
    // channels dated by their source.
    try SeedLoader.createDatabase(at: path, from: Fixtures.dataSeed)
    let registry = try RegistryDatabase(path: path)
    let pool = try #require(registry.writer as? DatabasePool)
    let on = try #require(Day(day))
    try pool.read { db in
      let loaded = try RegistryDatabase.scopeEntities(
        db, country: "BE", on: on, placeholders: .include)
      let entities = loaded.entities
      let existing = entities.map { RegistryDatabase.exists($0, on: on) }
      let one = try RegistryDatabase.openChannels(db, of: entities, existing: existing, on: on)
      let split = try RegistryDatabase.openChannels(
        db, of: entities, existing: existing, on: on, helper: pool, splitAt: 1)
      #expect(one.channels.count > 100)
      #expect(!one.openIds.isEmpty && !one.otherIds.isEmpty)
      #expect(split.channels == one.channels)
      #expect(split.openIds == one.openIds)
      #expect(split.otherIds == one.otherIds)
      #expect(split.openSources == one.openSources)
      // The loader's own result is the same as well.
      #expect(loaded.channels.channels == one.channels)
    }
  }
}
