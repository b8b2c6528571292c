import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// A registry with one source and three channels, and a scratch directory for files.
private struct Fixture {
  let registry: RegistryDatabase
  let dir: String

  init() throws {
    registry = try RegistryDatabase(inMemory: ())
    dir = try TemporaryDirectory(prefix: "snapshot-import").path
    try registry.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title, url) VALUES (1, 'src-a', 'A', 'https://example.org/a');
          INSERT INTO entity (id, kind, country, source_id) VALUES ('zone-a', 'local_police', 'BE', 1);
          INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
            (1, 'x/zp5327', 'zone-a', 'x', 'zp5327', 1),
            (2, 'instagram/politie.a', 'zone-a', 'instagram', 'politie.a', 1);
          """)
    }
  }

  func file(_ name: String, _ text: String) throws -> String {
    let path = dir + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func importFile(_ name: String, _ text: String, _ options: SnapshotImportOptions = .init())
    throws -> SnapshotImportResult
  {
    try registry.importSnapshots(path: try file(name, text), options: options)
  }

  /// (channel_id, observed_at, followers, posts, engagements, window, source_id, note)
  func rows() throws -> [[String]] {
    try registry.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT channel_id, observed_at, coalesce(followers, 'NULL'), coalesce(posts, 'NULL'),
                 coalesce(engagements, 'NULL'), coalesce(engagement_window_days, 'NULL'),
                 source_id, coalesce(note, 'NULL')
          FROM snapshot ORDER BY channel_id, observed_at, source_id
          """
      ).map { r in (0..<r.count).map { i in Self.text(r[i]) } }
    }
  }

  static func text(_ v: DatabaseValue) -> String {
    switch v.storage {
    case .null: return "NULL"
    case .int64(let i): return String(i)
    case .double(let d): return String(d)
    case .string(let s): return s
    case .blob: return "(blob)"
    }
  }

  func refusal(_ name: String, _ text: String) throws -> String {
    do {
      _ = try importFile(name, text)
    } catch let e as RegistryError {
      return e.description
    }
    return "accepted"
  }
}

// 2024-05-01 is day 19844 since 1970-01-01: 19844 * 86400 = 1714521600.
private let may1 = "1714521600"

@Test func importReadsCommaCSVWithLF() throws {
  let f = try Fixture()
  let r = try f.importFile(
    "a.csv",
    "platform,handle,observed_at,followers,following,posts,engagements,engagement_window_days,source_url\n"
      + "x,zp5327,2024-05-01,100,5,40,12,7,https://example.org/a\n")
  #expect(r.inserted == 1 && r.unchanged == 0)
  #expect(try f.rows() == [["1", may1, "100", "40", "12", "7", "1", "NULL"]])
}

@Test func importReadsSemicolonCSVWithBOMAndCRLF() throws {
  let f = try Fixture()
  let r = try f.importFile(
    "b.csv",
    "\u{FEFF}platform;handle;observed_at;followers;source\r\nx;@ZP5327;2024-05-01;100;src-a\r\n")
  #expect(r.inserted == 1)
  #expect(try f.rows() == [["1", may1, "100", "NULL", "NULL", "NULL", "1", "NULL"]])
}

@Test func importReadsQuotedFieldsWithDoubledQuotes() throws {
  let f = try Fixture()
  _ = try f.importFile(
    "q.csv",
    "\"platform\",handle,observed_at,followers,source,note\n"
      + "\"x\",\"zp5327\",2024-05-01,\"100\",src-a,\"a \"\"quoted\"\", note\nover two lines\"\n")
  #expect(
    try f.rows() == [
      ["1", may1, "100", "NULL", "NULL", "NULL", "1", "a \"quoted\", note\nover two lines"]
    ])
}

@Test func importReadsJSONArrayAndNDJSON() throws {
  let f = try Fixture()
  let json = try f.importFile(
    "a.json",
    #"[{"platform":"x","handle":"zp5327","observed_at":"2024-05-01","followers":100,"source":"src-a"}]"#
  )
  #expect(json.inserted == 1)
  let nd = try f.importFile(
    "b.ndjson",
    #"{"channel_id":"instagram/politie.a","observed_at":"2024-05-01","followers":7,"source":"src-a"}"#
      + "\n\n"
      + #"{"channel_id":2,"observed_at":"2024-05-02","posts":3,"source_url":"https://example.org/a"}"#
      + "\n")
  #expect(nd.inserted == 2)
  // 2024-05-02 = 1714521600 + 86400 = 1714608000
  #expect(
    try f.rows() == [
      ["1", may1, "100", "NULL", "NULL", "NULL", "1", "NULL"],
      ["2", may1, "7", "NULL", "NULL", "NULL", "1", "NULL"],
      ["2", "1714608000", "NULL", "3", "NULL", "NULL", "1", "NULL"],
    ])
}

@Test func importFormatIsSniffedWithoutExtension() throws {
  let f = try Fixture()
  let r = try f.importFile(
    "data", #"{"channel_id":1,"observed_at":"2024-05-01","followers":1}"#,
    .init(defaultSource: .key("src-a")))
  #expect(r.inserted == 1)
}

@Test func importAcceptsChannelIdAsKeyOrNumber() throws {
  let f = try Fixture()
  let r = try f.importFile(
    "c.csv",
    "channel_id,observed_at,followers\nx/zp5327,2024-05-01,1\n2,2024-05-01,2\n",
    .init(defaultSource: .key("src-a")))
  #expect(r.inserted == 2)
  #expect(try f.rows().map { $0[0] } == ["1", "2"])
}

@Test func importNormalisesPastedHandles() throws {
  let f = try Fixture()
  let r = try f.importFile(
    "h.csv",
    "platform,handle,observed_at,followers,source\n"
      + "x,@ZP5327,2024-05-01,1,src-a\nx, zp5327 ,2024-05-02,2,src-a\ntwitter,ZP5327,2024-05-03,3,src-a\n"
  )
  #expect(r.inserted == 3)
  #expect(try f.rows().map { $0[0] } == ["1", "1", "1"])
}

@Test func importParsesDateDateTimeAndOffset() throws {
  let f = try Fixture()
  _ = try f.importFile(
    "d.csv",
    "channel_id,observed_at,followers,source\n"
      + "1,2024-05-01,1,src-a\n1,2024-05-01T12:00:00Z,2,src-a\n1,2024-05-01T12:00:00+02:00,3,src-a\n"
  )
  // noon UTC = may1 + 43200 = 1714564800; noon at +02:00 = 10:00 UTC = may1 + 36000 = 1714557600
  #expect(try f.rows().map { $0[1] } == [may1, "1714557600", "1714564800"])
}

private let header =
  "platform,handle,observed_at,followers,engagements,engagement_window_days,source\n"

@Test(arguments: [
  ("x,nobody,2024-05-01,1,,,src-a\n", "e.csv:3: handle: unknown channel x/nobody"),
  ("x,zp5327,2024-05-01,-4,,,src-a\n", "e.csv:3: followers: -4 is negative"),
  ("x,zp5327,2024-13-01,4,,,src-a\n", "e.csv:3: observed_at: '2024-13-01' is not a date"),
  ("x,zp5327,2024-05-01,4.5,,,src-a\n", "e.csv:3: followers: '4.5' is not an integer"),
  (
    "x,zp5327,2024-05-01,4,10,,src-a\n", "e.csv:3: engagement_window_days: is empty but engagements"
  ),
  ("x,zp5327,2024-05-01,4,10,0,src-a\n", "e.csv:3: engagement_window_days: 0 is not a window"),
  ("x,zp5327,2024-05-01,,,,src-a\n", "e.csv:3: followers: no count given"),
  ("x,zp5327,2024-05-01,4,,,nosuch\n", "e.csv:3: source: unknown source 'nosuch'"),
  ("myspace,zp5327,2024-05-01,4,,,src-a\n", "e.csv:3: platform: 'myspace' is not one of"),
  (
    "x,zp5327,2024-05-02,5,,,src-a\n",
    "e.csv:3: followers: a snapshot of this channel at 2024-05-02T00:00:00Z from this source already has followers 4, this row says 5"
  ),
])
func importRefusesWholeFileOnBadRow(badRow: String, expected: String) throws {
  let f = try Fixture()
  // Line 2 is good, line 3 is bad; for the duplicate case line 2 says 4 and line 3 says 5.
  let first = "x,zp5327,2024-05-02,4,,,src-a\n"
  let message = try f.refusal("e.csv", header + first + badRow)
  #expect(message.hasPrefix(f.dir + "/" + expected), "\(message)")
  #expect(try f.rows().isEmpty)
}

@Test func importRefusesConflictWithStoredSnapshotNamingBothValues() throws {
  let f = try Fixture()
  _ = try f.importFile("a.csv", header + "x,zp5327,2024-05-01,100,,,src-a\n")
  let message = try f.refusal(
    "b.csv", header + "x,zp5327,2024-05-02,1,,,src-a\nx,zp5327,2024-05-01,120,,,src-a\n")
  #expect(message.contains("b.csv:3: followers: "))
  #expect(message.contains("already has followers 100, this row says 120"))
  #expect(try f.rows().count == 1)
}

@Test func importRefusesFileWithoutSourceOrUnknownColumn() throws {
  let f = try Fixture()
  #expect(
    try f.refusal("s.csv", "channel_id,observed_at,followers\n1,2024-05-01,1\n").contains(
      "s.csv:1: source_url: missing column"))
  #expect(
    try f.refusal("u.csv", "channel_id,observed_at,likes,source\n").contains(
      "u.csv:1: likes: unknown column"))
  #expect(
    try f.refusal("o.csv", "channel_id,followers,source\n").contains(
      "o.csv:1: observed_at: missing column"))
}

@Test func reimportingTheSameFileReportsUnchanged() throws {
  let f = try Fixture()
  let text =
    header + "x,zp5327,2024-05-01,100,10,7,src-a\ninstagram,politie.a,2024-05-01,5,,,src-a\n"
  let first = try f.importFile("r.csv", text)
  let again = try f.importFile("r.csv", text)
  #expect(first.inserted == 2 && first.unchanged == 0)
  #expect(again.inserted == 0 && again.unchanged == 2)
  #expect(try f.rows().count == 2)
}

@Test func skipInvalidWritesGoodRowsAndRejectsWithReasons() throws {
  let f = try Fixture()
  let rejects = f.dir + "/rejects.csv"
  let r = try f.importFile(
    "k.csv",
    header
      + "x,zp5327,2024-05-01,100,,,src-a\nx,ghost,2024-05-01,1,,,src-a\nx,zp5327,2024-05-02,-1,,,src-a\n",
    .init(skipInvalid: true, rejectsPath: rejects))
  #expect(r.inserted == 1 && r.rejected == 2 && r.rejectsPath == rejects)
  let text = try String(contentsOfFile: rejects, encoding: .utf8)
  #expect(
    text == """
      line,column,reason,platform,handle,observed_at,followers,engagements,engagement_window_days,source
      3,handle,unknown channel x/ghost; add it to the registry first,x,ghost,2024-05-01,1,,,src-a
      4,followers,-1 is negative: counts are 0 or more,x,zp5327,2024-05-02,-1,,,src-a

      """)
  #expect(try f.rows().count == 1)
}

@Test func snapshotSourceURLCreatesOneSourceAndReusesIt() throws {
  let f = try Fixture()
  _ = try f.importFile(
    "u.csv",
    "channel_id,observed_at,followers,source_url\n1,2024-05-01,1,https://stats.example.org/x\n"
      + "1,2024-05-02,2,https://stats.example.org/x\n")
  let keys = try f.registry.writer.read { db in
    try String.fetchAll(db, sql: "SELECT key FROM source ORDER BY id")
  }
  #expect(keys == ["src-a", "url-stats-example-org-x"])
}

@Test func renamedHandleResolvesByObservationDate() throws {
  let f = try Fixture()
  try f.registry.renameChannel(
    1, to: "@PolitieA", on: Day("2024-03-01")!,
    context: ChangeContext(source: .key("src-a"), by: "test"))
  // Someone else registers the freed handle afterwards.
  try f.registry.writer.write { db in
    try db.execute(
      sql:
        "INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES (3, 'x/zp5327-new', 'zone-a', 'x', 'zp5327', 1)"
    )
  }
  _ = try f.importFile(
    "n.csv",
    header
      + "x,zp5327,2024-02-29T23:59:59Z,1,,,src-a\nx,politiea,2024-04-01,2,,,src-a\nx,zp5327,2024-04-01,3,,,src-a\n"
  )
  #expect(try f.rows().map { [$0[0], $0[2]] } == [["1", "1"], ["1", "2"], ["3", "3"]])
  let history = try f.registry.writer.read { db in try ChannelHandleHistory.fetchAll(db) }
  #expect(history.map(\.handle) == ["zp5327"] && history.map(\.validUntil) == ["2024-03-01"])
}

@Test func oldHandleAfterRenameIsRefused() throws {
  let f = try Fixture()
  try f.registry.renameChannel(
    1, to: "politiea", on: Day("2024-03-01")!,
    context: ChangeContext(source: .key("src-a"), by: "test"))
  let message = try f.refusal("o.csv", header + "x,zp5327,2024-03-01,1,,,src-a\n")
  #expect(message.contains("o.csv:2: handle: 'zp5327' was renamed on 2024-03-01"))
}

@Test func addSnapshotStoresThenReportsUnchanged() throws {
  let f = try Fixture()
  let first = try f.registry.addSnapshot(
    channelId: 1, observedAt: 1_714_521_600, followers: 10, following: nil, posts: nil,
    engagements: nil, engagementWindowDays: nil, source: .url("https://example.org/a", title: nil))
  let again = try f.registry.addSnapshot(
    channelId: 1, observedAt: 1_714_521_600, followers: 10, following: nil, posts: nil,
    engagements: nil, engagementWindowDays: nil, source: .key("src-a"))
  #expect(first.0 == .inserted && first.sourceKey == "src-a" && again.0 == .unchanged)
  #expect(throws: RegistryError.self) {
    try f.registry.addSnapshot(
      channelId: 1, observedAt: 1_714_521_600, followers: 11, following: nil, posts: nil,
      engagements: nil, engagementWindowDays: nil, source: .key("src-a"))
  }
}

@Test func largeFileSpanningManyChunksImportsEveryRow() throws {
  let f = try Fixture()
  // 40,000 rows x ~40 bytes = ~1.6 MB: crosses the 1 MiB chunk boundary mid-row.
  var text = "channel_id,observed_at,followers,source,note\n"
  for i in 0..<40_000 {
    text += "1,\(Timestamp.format(1_700_000_000 + Int64(i))),\(i),src-a,\"n,\(i)\"\n"
  }
  let r = try f.importFile("big.csv", text)
  #expect(r.inserted == 40_000)
  let sum = try f.registry.writer.read { db in
    try Int.fetchOne(db, sql: "SELECT sum(followers) FROM snapshot WHERE note = 'n,' || followers")
  }
  // 0 + 1 + ... + 39999 = 39999 * 40000 / 2 = 799980000
  #expect(sum == 799_980_000)
}

/// `count` rows of channel 1 (x/zp5327), one a day from 2024-05-01, followers = 1000 + day index.
private func dailyRows(_ count: Int, from start: Int = 0) -> [String] {
  (start..<start + count).map { i in
    "x,zp5327,\(Day(epochSeconds: 1_714_521_600 + Int64(i) * 86_400).description),\(1000 + i),,,src-a"
  }
}

@Test func conflictInsideAFullBatchIsRefusedAtItsLineAndNothingIsWritten() throws {
  let f = try Fixture()
  // 200 rows: batches of 64 are written whole. Line 1 is the header, row i is line i + 2.
  var rows = dailyRows(200)
  // Line 102 repeats the snapshot of line 52 (day 50) with other followers: the batch holding
  // line 102 (rows 64..<128) writes day 50 again with DO NOTHING, then finds the difference.
  rows.insert(
    "x,zp5327,\(Day(epochSeconds: 1_714_521_600 + 50 * 86_400).description),7,,,src-a", at: 100)
  let message = try f.refusal("b.csv", header + rows.joined(separator: "\n") + "\n")
  #expect(message.contains("b.csv:102: followers: "), "\(message)")
  #expect(message.contains("already has followers 1050, this row says 7"), "\(message)")
  #expect(try f.rows().isEmpty)
}

@Test func aPendingConflictIsReportedBeforeALaterBadRow() throws {
  let f = try Fixture()
  // Line 4 repeats line 2 with other followers, line 6 has a bad count: both wait in the same
  // batch; the file is refused at the first, line 4.
  var rows = dailyRows(5)
  rows.insert("x,zp5327,2024-05-01,9,,,src-a", at: 2)
  rows[4] = "x,zp5327,2024-05-04,-3,,,src-a"
  let message = try f.refusal("o.csv", header + rows.joined(separator: "\n") + "\n")
  #expect(message.contains("o.csv:4: followers: a snapshot"), "\(message)")
  #expect(try f.rows().isEmpty)
}

@Test func reimportAcrossBatchesCountsNewAndUnchangedRows() throws {
  let f = try Fixture()
  _ = try f.importFile("a.csv", header + dailyRows(150).joined(separator: "\n") + "\n")
  // 150 stored rows again plus 20 new ones (days 150..<170), spread over full batches of 64 and
  // a last partial one (170 = 64 + 64 + 42).
  let r = try f.importFile("b.csv", header + dailyRows(170).joined(separator: "\n") + "\n")
  #expect(r.rows == 170 && r.inserted == 20 && r.unchanged == 150 && r.rejected == 0)
  #expect(try f.rows().count == 170)
}

@Test func skipInvalidRejectsBatchConflictsInLineOrderWithTheirFields() throws {
  let f = try Fixture()
  let rejects = f.dir + "/rejects.csv"
  var rows = dailyRows(130)
  // Line 12: bad count (refused while reading); line 72 repeats day 3 with other followers
  // (refused when its full batch is written); line 73 repeats day 4 with the same followers
  // (unchanged).
  rows[10] = "x,zp5327,2024-05-11,x1,,,src-a"
  rows.insert("x,zp5327,2024-05-04,5,,,src-a", at: 70)
  rows.insert("x,zp5327,2024-05-05,1004,,,src-a", at: 71)
  let r = try f.importFile(
    "k.csv", header + rows.joined(separator: "\n") + "\n",
    .init(skipInvalid: true, rejectsPath: rejects))
  // 132 rows: 1 bad count, 1 conflict, 1 unchanged, 129 written.
  #expect(r.rows == 132 && r.inserted == 129 && r.unchanged == 1 && r.rejected == 2)
  let text = try String(contentsOfFile: rejects, encoding: .utf8)
  let lines = text.split(separator: "\n").map(String.init)
  #expect(lines.count == 3)
  #expect(lines[1] == "12,followers,'x1' is not an integer,x,zp5327,2024-05-11,x1,,,src-a")
  #expect(lines[2].hasPrefix("72,followers,\"a snapshot of this channel at 2024-05-04T00:00:00Z"))
  #expect(lines[2].hasSuffix(",x,zp5327,2024-05-04,5,,,src-a"))
  #expect(try f.rows().count == 129)
}

/// The rows of `dateOrderFiles`: each with its key (for the date sort) and its CSV text.
private struct ImportLine {
  var at: Int64
  var text: String
}

/// Three channels x 400 hourly snapshots from 2023-11-14T22:13:20Z (1,700,000,000), in key
/// order, plus repeats, conflicts and bad rows; `stored`: the rows imported before. Per channel
/// (h = 0..<400):
/// - h % 50 == 3 (h = 3, 53, ..., 353: 8) is stored before with the same values: unchanged;
/// - h % 97 == 5 (h = 5, 102, 199, 296, 393: 5) is stored before with followers 888888: refused;
/// - h % 40 == 7 (h = 7, 47, ..., 367: 10) is repeated with the same values on the next line;
/// - h % 61 == 11 (h = 11, 72, 133, 194, 255, 316, 377: 7) is repeated with followers 999999
///   on the next line: the repeat is refused;
/// - h % 150 == 20 (h = 20, 170, 320: 3) is followed by a row half an hour later with followers
///   -1: refused while reading.
/// None of these sets overlap (their residues checked by hand for every h listed).
private func mixedImport() -> (stored: [String], lines: [ImportLine]) {
  var stored: [String] = []
  var lines: [ImportLine] = []
  for c in 1...3 {
    for h in 0..<400 {
      let at = 1_700_000_000 + Int64(h) * 3600
      let time = Timestamp.format(at)
      // Followers empty on h % 9 == 4 (posts given then), posts empty on other h % 7 == 0.
      let followers = h % 9 == 4 ? "" : "\(c * 100_000 + h)"
      let posts = h % 7 == 0 && h % 9 != 4 ? "" : "\(h)"
      let note = h % 5 == 0 ? "n\(c)-\(h)" : ""
      let row = "\(c),\(time),\(followers),\(posts),src-a,\(note)"
      lines.append(ImportLine(at: at, text: row))
      if h % 50 == 3 { stored.append(row) }
      if h % 97 == 5 { stored.append("\(c),\(time),888888,\(posts),src-a,\(note)") }
      if h % 40 == 7 { lines.append(ImportLine(at: at, text: row)) }
      if h % 61 == 11 {
        lines.append(ImportLine(at: at, text: "\(c),\(time),999999,\(posts),src-a,\(note)"))
      }
      if h % 150 == 20 {
        lines.append(
          ImportLine(at: at + 1800, text: "\(c),\(Timestamp.format(at + 1800)),-1,1,src-a,"))
      }
    }
  }
  return (stored, lines)
}

/// What an import left: its counts, the rows, the spans, and each refused row's text, column
/// and reason (its line checked against the file it came from).
private struct ImportOutcome: Equatable {
  var result: SnapshotImportResult
  var rows: [[String]]
  var spans: [[String]]
  var refused: [String]
}

private func importOutcome(order: [ImportLine], chunkSize: Int, tag: String) throws
  -> ImportOutcome
{
  let f = try Fixture()
  try f.registry.writer.write { db in
    try db.execute(
      sql: """
        INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
          (3, 'x/third', 'zone-a', 'x', 'third', 1)
        """)
  }
  let csvHeader = "channel_id,observed_at,followers,posts,source,note\n"
  let (stored, _) = mixedImport()
  _ = try f.importFile("stored.csv", csvHeader + stored.joined(separator: "\n") + "\n")
  let rejects = f.dir + "/rejects.csv"
  var options = SnapshotImportOptions(skipInvalid: true, rejectsPath: rejects)
  options.chunkSize = chunkSize
  var result = try f.importFile(
    "\(tag).csv", csvHeader + order.map(\.text).joined(separator: "\n") + "\n", options)
  result.rejectsPath = nil
  // Line 1 is the header: order[i] is line i + 2.
  var refused: [String] = []
  var lastLine = 0
  for reject in try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
    .dropFirst()
  {
    let line = Int(reject.prefix { $0 != "," })!
    #expect(line > lastLine, "rejects in line order")
    lastLine = line
    let text = order[line - 2].text
    #expect(reject.hasSuffix("," + text), "line \(line) is \(text): \(reject)")
    refused.append(
      String(reject.dropFirst("\(line),".count).dropLast(text.count + 1)) + " | " + text)
  }
  let spans = try f.registry.writer.read { db in
    try Row.fetchAll(db, sql: "SELECT * FROM snapshot_span ORDER BY channel_id").map { r in
      (0..<r.count).map { Fixture.text(r[$0]) }
    }
  }
  return ImportOutcome(
    result: result, rows: try f.rows(), spans: spans, refused: refused.sorted())
}

@Test(arguments: [7, 64, 100, 1000, SnapshotImporter.chunkSize])
func dateOrderedAndKeyOrderedFilesImportTheSame(chunkSize: Int) throws {
  let keyOrder = mixedImport().lines
  // Sorted by time alone, stably: rows of the same key keep their order, so the first of two
  // conflicting rows is the same in both files.
  let dateOrder = keyOrder.enumerated().sorted { ($0.1.at, $0.0) < ($1.1.at, $1.0) }.map(\.1)
  #expect(dateOrder.map(\.text) != keyOrder.map(\.text))
  // The reference: one row per chunk, every row written alone in file order.
  let reference = try importOutcome(order: keyOrder, chunkSize: 1, tag: "reference")
  // 1,200 rows + 30 repeats + 21 conflicting repeats + 9 bad rows = 1,260; 24 stored before
  // and 15 stored before with other followers: 1,200 - 24 - 15 = 1,161 written; 24 + 30 = 54
  // unchanged; 15 + 21 + 9 = 45 refused.
  #expect(
    reference.result
      == SnapshotImportResult(rows: 1260, inserted: 1161, unchanged: 54, rejected: 45))
  #expect(reference.rows.count == 1200 && reference.spans.count == 3)
  #expect(reference.refused.filter { $0.contains("this row says 999999") }.count == 21)
  #expect(reference.refused.filter { $0.contains("already has followers 888888") }.count == 15)
  #expect(reference.refused.filter { $0.contains("-1 is negative") }.count == 9)
  #expect(try importOutcome(order: keyOrder, chunkSize: chunkSize, tag: "key") == reference)
  #expect(try importOutcome(order: dateOrder, chunkSize: chunkSize, tag: "date") == reference)
}

@Test(arguments: [7, SnapshotImporter.chunkSize])
func aDateOrderedFileIsRefusedAtItsFirstBadLine(chunkSize: Int) throws {
  let keyOrder = mixedImport().lines
  let dateOrder = keyOrder.enumerated().sorted { ($0.1.at, $0.0) < ($1.1.at, $1.0) }.map(\.1)
  let f = try Fixture()
  try f.registry.writer.write { db in
    try db.execute(
      sql: """
        INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
          (3, 'x/third', 'zone-a', 'x', 'third', 1)
        """)
  }
  var options = SnapshotImportOptions()
  options.chunkSize = chunkSize
  // Without the rows stored before, the first refused row of the date-ordered file is the
  // repeat of channel 1's h = 11 with followers 999999: before it come h = 0...10 of the three
  // channels (33 rows), the repeats of h = 7 (3 rows) and channel 1's own h = 11 row, so it is
  // row 37 (from 0), line 39; no bad row comes earlier (the first is at h = 20).
  let first = dateOrder.firstIndex { $0.text.contains(",999999,") }!
  #expect(first == 37 && dateOrder[first].text.hasPrefix("1,"))
  do {
    _ = try f.registry.importSnapshots(
      path: try f.file(
        "d.csv",
        "channel_id,observed_at,followers,posts,source,note\n"
          + dateOrder.map(\.text).joined(separator: "\n") + "\n"),
      options: options)
    Issue.record("a file with conflicting rows was accepted")
  } catch let e as RegistryError {
    #expect(e.description.contains("d.csv:39: followers: "), "\(e)")
    #expect(e.description.contains("this row says 999999"), "\(e)")
  }
  #expect(try f.rows().isEmpty)
}
