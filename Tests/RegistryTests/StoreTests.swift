import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

@Suite struct StoreTests {
  @Test func newDatabaseHasCurrentSchemaVersion() throws {
    let db = try RegistryDatabase(inMemory: ())
    #expect(try db.schemaVersion() == Schema.currentVersion)
  }

  @Test func foreignKeysAreEnforced() throws {
    let db = try Fixtures.miniRegistry()
    #expect(throws: DatabaseError.self) {
      try db.writer.write { db in
        var c = Channel(
          key: "x/ghost", entityId: "no-such-entity", platform: .x, handle: "ghost", sourceId: 1)
        try c.insert(db)
      }
    }
  }

  @Test func checkConstraintsRefuseNegativeCountsAndUnknownPlatforms() throws {
    let db = try Fixtures.miniRegistry()
    #expect(throws: DatabaseError.self) {
      try db.writer.write { db in
        try db.execute(
          sql:
            "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (1, 0, -1, 1)"
        )
      }
    }
    #expect(throws: DatabaseError.self) {
      try db.writer.write { db in
        try db.execute(
          sql: """
            INSERT INTO channel (key, entity_id, platform, handle, source_id)
            VALUES ('myspace/a', 'be-pz-leuven', 'myspace', 'a', 1)
            """)
      }
    }
  }

  @Test func snapshotIsUniquePerChannelTimeAndSource() throws {
    let db = try Fixtures.miniRegistry()
    #expect(throws: DatabaseError.self) {
      try db.writer.write { db in
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM channel WHERE key = 'x/zp5327'")!
        let src = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = 'doc-001'")!
        try Snapshot(
          channelId: id, observedAt: Day("2013-01-31")!.epochSeconds, followers: 7, sourceId: src
        )
        .insert(db)
      }
    }
  }

  @Test func databaseFromNewerVersionIsRefusedWithBothVersions() throws {
    let dir = try TemporaryDirectory().url
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("r.sqlite").path
    do {
      let db = try RegistryDatabase(path: path)
      try db.writer.write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
      }
    }
    let expected = Schema.currentVersion + 1
    #expect {
      _ = try RegistryDatabase(path: path)
    } throws: { error in
      guard case RegistryError.newerSchema(let found, let supported, _) = error else {
        return false
      }
      return found == expected && supported == Schema.currentVersion
        && "\(error)".contains("schema version \(expected)")
    }
  }

  @Test func foreignSQLiteFileIsRefused() throws {
    let dir = try TemporaryDirectory().url
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("other.sqlite").path
    try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
    #expect {
      _ = try RegistryDatabase(path: path)
    } throws: { "\($0)".contains("not a registry database") }
  }

  @Test func viewsAreQueryable() throws {
    let db = try Fixtures.miniRegistry()
    let rows = try db.writer.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT channel_key, entity_name, latest_followers FROM v_channels ORDER BY channel_key")
    }
    let zp = try #require(rows.first { $0["channel_key"] == "x/zp5327" })
    #expect(zp["entity_name"] == "Lermes")
    #expect(zp["latest_followers"] == 1500)
    let latest = try db.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM v_latest_snapshot")
    }
    #expect(latest == 2)  // gmpolice and zp5327 have snapshots
  }

  @Test func snapshotIsClusteredOnItsKeyAndTheLatestBreaksTiesBySource() throws {
    let db = try Fixtures.miniRegistry()
    let (sql, latest) = try db.writer.write { db in
      let sql = try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'snapshot'")
      let channel = try Int64.fetchOne(db, sql: "SELECT id FROM channel WHERE key = 'x/zp5327'")
      let source = try Int64.fetchOne(db, sql: "SELECT id FROM source ORDER BY id DESC LIMIT 1")
      let at = try Int64.fetchOne(
        db, sql: "SELECT max(observed_at) FROM snapshot WHERE channel_id = ?", arguments: [channel])
      // A second source at the same time as the latest (1500 followers): the greater source id
      // wins; an insert must not need a rowid.
      try db.execute(
        sql: "INSERT INTO source (key, title) VALUES ('later', 'Later source')")
      let later = db.lastInsertedRowID
      #expect(later > (source ?? 0))
      try db.execute(
        sql:
          "INSERT INTO snapshot (channel_id, observed_at, followers, source_id) VALUES (?, ?, 1501, ?)",
        arguments: [channel, at, later])
      let latest = try Int.fetchOne(
        db, sql: "SELECT latest_followers FROM v_channels WHERE channel_key = 'x/zp5327'")
      return (sql ?? "", latest)
    }
    #expect(sql.contains("WITHOUT ROWID"))
    #expect(sql.contains("PRIMARY KEY (channel_id, observed_at, source_id)"))
    #expect(latest == 1501)
  }
}

@Suite struct AccountQueryTests {
  @Test func filtersByRegionAndPlatform() throws {
    let db = try Fixtures.miniRegistry()
    var f = RegistryFilter()
    f.regions = ["BE-WAL"]
    f.platforms = [.x]
    let handles = try db.accounts(f).compactMap(\.handle).sorted()
    #expect(handles == ["policecomines", "policemonsquevy", "zp5327"])
  }

  @Test func asOfDropsClosedChannelsAndMergedEntities() throws {
    let db = try Fixtures.miniRegistry()
    var f = RegistryFilter()
    f.regions = ["BE-VLG"]
    f.asOf = Day("2016-06-01")
    // Leuven facebook (2012) and x (2010, closed 2020), old zone A x (2012, closed 2017).
    #expect(
      try db.accounts(f).map(\.channelKey).sorted() == [
        "facebook_page/politieleuven", "x/oldzonea", "x/politieleuven",
      ])
    f.asOf = Day("2021-01-01")
    #expect(try db.accounts(f).map(\.channelKey) == ["facebook_page/politieleuven"])
    f.asOf = Day("2012-12-31")  // first seen Jan 2013: not yet counted
    f.regions = ["BE-WAL"]
    #expect(try db.accounts(f).isEmpty)
  }

  @Test func latestFollowersHonourAsOf() throws {
    let db = try Fixtures.miniRegistry()
    var f = RegistryFilter()
    f.entityIds = ["be-pz-lermes"]
    #expect(try db.accounts(f).first?.followers == 1500)
    f.asOf = Day("2013-06-01")
    #expect(try db.accounts(f).first?.followers == 1000)
  }

  @Test func searchFindsNamesWithoutAccentsAndHandles() throws {
    let db = try Fixtures.miniRegistry()
    var f = RegistryFilter()
    f.search = "quevy"
    #expect(try db.accounts(f).map(\.handle) == ["policemonsquevy"])
    f.search = "Louvain"
    #expect(try db.accounts(f).map(\.entityId).allSatisfy { $0 == "be-pz-leuven" })
    f.search = "\" OR 1=1 --"
    #expect(try db.accounts(f).isEmpty)
  }

  @Test func entitiesWithAndWithoutChannels() throws {
    let db = try Fixtures.miniRegistry()
    var f = RegistryFilter()
    f.regions = ["BE-WAL"]
    #expect(try db.entities(f, presence: .without).map(\.id) == ["be-pz-namur"])
    #expect(try db.entities(f, presence: .with).count == 3)
    f.asOf = Day("2016-01-01")
    f.regions = ["BE-VLG"]
    #expect(Set(try db.entities(f).map(\.id)) == ["be-pz-leuven", "be-pz-old-a", "be-pz-old-b"])
    f.asOf = Day("2017-01-01")
    #expect(Set(try db.entities(f).map(\.id)) == ["be-pz-leuven", "be-pz-new-ab"])
  }

  @Test func lookupResolvesEveryFormToOneChannel() throws {
    let db = try Fixtures.miniRegistry()
    for text in [
      "@ZP5327", "zp5327", "https://twitter.com/zp5327", "x.com/ZP5327?lang=fr", "x/zp5327",
    ] {
      guard case .channel(let c) = try db.lookup(text) else {
        Issue.record("\(text) did not resolve to a channel")
        continue
      }
      #expect(c.channel.key == "x/zp5327", "\(text)")
    }
    guard case .entity(let e) = try db.lookup("5388") else {
      Issue.record("code 5388 did not resolve to an entity")
      return
    }
    #expect(e.entity.id == "be-pz-leuven")
    #expect(e.channels.count == 2)
  }

  @Test func ambiguousBareHandleNamesTheCandidates() throws {
    let db = try Fixtures.miniRegistry()
    #expect {
      _ = try db.lookup("politieleuven")
    } throws: {
      "\($0)".contains("facebook_page/politieleuven") && "\($0)".contains("x/politieleuven")
    }
  }
}
