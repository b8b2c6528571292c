import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

@Suite struct SeedLoaderTests {
  @Test func loadsEveryTable() throws {
    let db = try RegistryDatabase(inMemory: ())
    let counts = try SeedLoader.load(into: db, from: Fixtures.miniSeed)
    #expect(counts.sources == 5)
    #expect(counts.regions == 4)
    #expect(counts.entities == 11)
    #expect(counts.names == 13)
    #expect(counts.municipalities == 2)
    #expect(counts.lineage == 2)
    #expect(counts.channels == 8)
    #expect(counts.snapshots == 3)
    #expect(counts.referenceFigures == 1)
    let parent = try db.writer.read { db in
      try String.fetchOne(db, sql: "SELECT parent_id FROM entity WHERE id = 'be-pz-polbru-sector'")
    }
    #expect(parent == "be-pz-polbru")
  }

  @Test func handlesAreStoredCanonical() throws {
    let db = try Fixtures.miniRegistry()
    let handles = try db.writer.read { db in
      try String.fetchAll(
        db, sql: "SELECT handle FROM channel WHERE platform = 'x' ORDER BY handle")
    }
    #expect(handles.contains("policemonsquevy"))  // from http://twitter.com/policemonsquevy
    #expect(handles.contains("zp5327"))  // from @zp5327
  }

  @Test func loadingTwiceChangesNothing() throws {
    let db = try Fixtures.miniRegistry()
    func dump() throws -> [String] {
      try db.writer.read { db in
        var lines: [String] = []
        for t in [
          "source", "region", "entity", "entity_name", "channel", "snapshot", "entity_lineage",
        ] {
          lines += try Row.fetchAll(db, sql: "SELECT * FROM \(t) ORDER BY 1, 2").map {
            "\(t) \($0)"
          }
        }
        return lines
      }
    }
    let before = try dump()
    let second = try SeedLoader.load(into: db, from: Fixtures.miniSeed)
    #expect(second == SeedLoader.Counts())
    #expect(try dump() == before)
  }

  @Test func badRowNamesFileLineAndColumnAndLeavesNoDatabase() throws {
    let entities = try String(contentsOfFile: Fixtures.miniSeed + "/entities.csv", encoding: .utf8)
      .replacingOccurrences(
        of: "be-pz-namur,local_police,,,BE,BE-WAL", with: "be-pz-namur,local_police,,,BE,BE-XXX")
    let dir = try Fixtures.miniSeedCopy(replacing: "entities.csv", with: entities)
    defer { try? FileManager.default.removeItem(at: dir) }
    let dbPath = dir.appendingPathComponent("new.sqlite").path
    #expect {
      try SeedLoader.createDatabase(at: dbPath, from: dir.path)
    } throws: { error in
      "\(error)" == dir.path
        + "/entities.csv:5: region: unknown region 'BE-XXX' (not in regions.csv)"
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.contains("sqlite") }
    #expect(leftovers.isEmpty)
  }

  @Test(arguments: [
    (
      "snapshots.csv",
      "channel,observed_at,followers,following,posts,engagements,engagement_window_days,source,note\nx/zp5327,2013-02-30,1,,,,,doc-001,\n",
      "/snapshots.csv:2: observed_at: '2013-02-30' is not a date: not a valid calendar date (years 1800-2200)"
    ),
    (
      "snapshots.csv",
      "channel,observed_at,followers,following,posts,engagements,engagement_window_days,source,note\nx/zp5327,2013-02-01,-5,,,,,doc-001,\n",
      "/snapshots.csv:2: followers: -5 is below 0"
    ),
    (
      "snapshots.csv",
      "channel,observed_at,followers,following,posts,engagements,engagement_window_days,source,note\nx/nobody,2013-02-01,5,,,,,doc-001,\n",
      "/snapshots.csv:2: channel: unknown channel 'x/nobody' (not in channels.csv)"
    ),
    (
      "entity_names.csv", "entity_id,lang,name\nbe-pz-leuven,nl,\n",
      "/entity_names.csv:2: name: is empty"
    ),
    (
      "lineage.csv",
      "predecessor_id,successor_id,on_date,source,note\nbe-pz-old-a,be-pz-new-ab,2017-01-01,,\n",
      "/lineage.csv:2: source: is empty: every fact needs a source"
    ),
    (
      "regions.csv", "code,country,name,parent_code,source,extra\n",
      "/regions.csv:1: extra: unknown column (expected: code,country,name,parent_code,source)"
    ),
  ])
  func badSeedFilesAreRefusedWithPlace(file: String, content: String, message: String) throws {
    let dir = try Fixtures.miniSeedCopy(replacing: file, with: content)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = try RegistryDatabase(inMemory: ())
    #expect {
      try SeedLoader.load(into: db, from: dir.path)
    } throws: { "\($0)" == dir.path + message }
    #expect(try db.isEmpty())
  }

  @Test func channelHandleInvalidForItsPlatformIsRefused() throws {
    let channels = try String(contentsOfFile: Fixtures.miniSeed + "/channels.csv", encoding: .utf8)
      .replacingOccurrences(of: "x,@gmpolice", with: "x,@gm police with spaces")
    let dir = try Fixtures.miniSeedCopy(replacing: "channels.csv", with: channels)
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = try RegistryDatabase(inMemory: ())
    #expect {
      try SeedLoader.load(into: db, from: dir.path)
    } throws: { "\($0)".hasPrefix(dir.path + "/channels.csv:9: handle: ") }
  }
}
