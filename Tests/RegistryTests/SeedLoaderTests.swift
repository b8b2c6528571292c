import Foundation
import GRDB
import Testing

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

@Suite struct DateTests {
  @Test func dayRoundTripsThroughEpochDays() {
    // 2024-02-29 is day 19782 since 1970-01-01 (54 years: 13 leap days -> 54*365+13 = 19723, +59).
    let d = Day("2024-02-29")!
    #expect(d.daysSinceEpoch == 19782)
    #expect(Day(daysSinceEpoch: 19782) == d)
    #expect(Day("1969-12-31")!.daysSinceEpoch == -1)
    #expect(Day("2023-02-29") == nil)
    #expect(Day("2023-13-01") == nil)
  }

  @Test func plainDaysAndTheOtherFormsParseAlike() {
    // The ten-byte fast path and the general path agree: same day, same refusals.
    let d = Day(year: 2024, month: 1, day: 2)
    #expect(Day("2024-01-02") == d)
    #expect(Day(" 2024-01-02 ") == d)  // trimmed by the general path
    #expect(Day("2024-01-02T10:00:00Z") == d)  // date part of a date-time
    #expect(Day("2024-1-02") == nil)
    #expect(Day("2024-01-0x") == nil)
    #expect(Day("1799-12-31") == nil)  // years 1800-2200
    #expect(Day("2200-12-31") == Day(year: 2200, month: 12, day: 31))
    guard case .failure(let e) = Day.parse("2023-02-29") else {
      Issue.record("2023-02-29 parsed")
      return
    }
    #expect("\(e)".contains("not a valid calendar date"))
  }

  @Test func timestampsAcceptDatesDateTimesAndOffsets() throws {
    // 2013-01-31 = 15736 days; * 86400 = 1359590400.
    #expect(try Timestamp.parse("2013-01-31").get() == 1_359_590_400)
    #expect(try Timestamp.parse("2013-01-31T01:02:03Z").get() == 1_359_590_400 + 3723)
    #expect(try Timestamp.parse("2013-01-31 01:02").get() == 1_359_590_400 + 3720)
    #expect(try Timestamp.parse("2013-01-31T02:02:03+01:00").get() == 1_359_590_400 + 3723)
    #expect(try Timestamp.parse("2013-01-31T00:00:00.123-0130").get() == 1_359_590_400 + 5400)
    #expect(Timestamp.format(1_359_590_400 + 3723) == "2013-01-31T01:02:03Z")
    for bad in [
      "", "2013", "2013-1-31", "31/01/2013", "2013-01-31T25:00", "2013-01-31Tnoon",
      "2013-01-31T01:02Zjunk",
    ] {
      #expect((try? Timestamp.parse(bad).get()) == nil, "\(bad)")
    }
  }
}
