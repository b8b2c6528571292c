import Foundation
import TestSupport
import Testing

/// A catalogue of malformed inputs to every importer and of bad command options: each is refused
/// with a message naming the place (`file:line: column: reason` for files), a non-zero exit, and
/// nothing written (a full dump of the database is the same before and after).
@Suite(.serialized) struct BadInputTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    /// File name and bytes written to the test directory before the run.
    var files: [(String, [UInt8])] = []
    var args: [String]
    /// What stderr must contain.
    var expect: String
    var description: String { name }
  }

  static let header = "platform,handle,observed_at,followers,source_url\n"
  static func csv(_ rows: String) -> [UInt8] { Array((header + rows).utf8) }
  static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
  static let good = "x,zp5327,2024-05-01,12,https://example.org/survey\n"
  static let src = ["--source", "doc-001"]

  static let utf16: [UInt8] = {
    var b: [UInt8] = [0xFF, 0xFE]
    for u in (header + good).utf16 { b += [UInt8(u & 0xFF), UInt8(u >> 8)] }
    return b
  }()

  static let snapshotCSV: [Case] = [
    Case(
      name: "Latin-1 text",
      files: [("latin1.csv", csv("x,zp5327,2024-05-01,1,https://e.org/caf") + [0xE9, 0x0A])],
      args: ["snapshot", "import", "latin1.csv"],
      expect: "latin1.csv:2: source_url: is not valid UTF-8"),
    Case(
      name: "UTF-16 with BOM", files: [("utf16.csv", utf16)],
      args: ["snapshot", "import", "utf16.csv"],
      expect: "utf16.csv:1: file: is UTF-16 text"),
    Case(
      name: "cut mid-quote",
      files: [("cut.csv", csv(good + "x,zp5327,2024-05-02,13,\"https://e.org"))],
      args: ["snapshot", "import", "cut.csv"],
      expect: "cut.csv:3: row: a quoted field is never closed"),
    Case(
      name: "1 MB cell",
      files: [
        (
          "huge.csv",
          text(
            "platform,handle,observed_at,followers,source_url,note\nx,zp5327,2024-05-01,1,https://e.org,"
              + String(repeating: "a", count: 1_000_000) + "\n")
        )
      ], args: ["snapshot", "import", "huge.csv"],
      expect: "huge.csv:2: note: is longer than 65536 bytes"),
    Case(
      name: "NUL byte",
      files: [("nul.csv", csv("x,zp53") + [0] + text("27,2024-05-01,1,https://e.org\n"))],
      args: ["snapshot", "import", "nul.csv"], expect: "nul.csv:2: handle: contains a NUL byte"),
    Case(
      name: "year 0000", files: [("y0.csv", csv("x,zp5327,0000-01-01,1,https://e.org\n"))],
      args: ["snapshot", "import", "y0.csv"],
      expect: "y0.csv:2: observed_at: '0000-01-01' is not a date"),
    Case(
      name: "year 9999", files: [("y9.csv", csv(good + "x,zp5327,9999-12-31,1,https://e.org\n"))],
      args: ["snapshot", "import", "y9.csv"],
      expect: "y9.csv:3: observed_at: '9999-12-31' is not a date"),
    Case(
      name: "February 30", files: [("f30.csv", csv("x,zp5327,2024-02-30,1,https://e.org\n"))],
      args: ["snapshot", "import", "f30.csv"],
      expect: "f30.csv:2: observed_at: '2024-02-30' is not a date"),
    Case(
      name: "Int64 overflow",
      files: [("big.csv", csv("x,zp5327,2024-05-01,9223372036854775808,https://e.org\n"))],
      args: ["snapshot", "import", "big.csv"],
      expect: "big.csv:2: followers: '9223372036854775808' is too large"),
    Case(
      name: "negative count", files: [("neg.csv", csv("x,zp5327,2024-05-01,-5,https://e.org\n"))],
      args: ["snapshot", "import", "neg.csv"], expect: "neg.csv:2: followers: -5 is negative"),
    Case(
      name: "unknown column",
      files: [("col.csv", text("platform,handle,observed_at,colour\nx,zp5327,2024-05-01,red\n"))],
      args: ["snapshot", "import", "col.csv"] + src, expect: "col.csv:1: colour: unknown column"),
    Case(
      name: "duplicate header",
      files: [
        (
          "dup.csv",
          text("platform,handle,observed_at,followers,followers\nx,zp5327,2024-05-01,1,2\n")
        )
      ],
      args: ["snapshot", "import", "dup.csv"] + src,
      expect: "dup.csv:1: followers: duplicate column"),
    Case(
      name: "empty file", files: [("empty.csv", [])],
      args: ["snapshot", "import", "empty.csv"] + src,
      expect: "empty.csv:1: header: the file is empty"),
    Case(
      name: "header only", files: [("head.csv", text(header))],
      args: ["snapshot", "import", "head.csv"],
      expect: "head.csv:1: file: has no rows"),
    Case(
      name: "BOM and semicolons, bad count on line 3",
      files: [
        (
          "semi.csv",
          [0xEF, 0xBB, 0xBF]
            + text(
              "platform;handle;observed_at;followers\r\nx;zp5327;2024-05-01;1\r\nx;zp5327;2024-05-02;many\r\n"
            )
        )
      ], args: ["snapshot", "import", "semi.csv"] + src,
      expect: "semi.csv:3: followers: 'many' is not an integer"),
    Case(
      name: "wrong column count", files: [("short.csv", csv(good + "x,zp5327,2024-05-02,13\n"))],
      args: ["snapshot", "import", "short.csv"],
      expect: "short.csv:3: row: has 4 fields, the header has 5"),
    Case(
      name: "bad handle", files: [("bh.csv", csv("x,not a handle!,2024-05-01,1,https://e.org\n"))],
      args: ["snapshot", "import", "bh.csv"],
      expect: "bh.csv:2: handle: 'not a handle!' contains a space"),
    Case(
      name: "unknown channel",
      files: [("uc.csv", csv(good + "x,nobody_here,2024-05-01,1,https://e.org\n"))],
      args: ["snapshot", "import", "uc.csv"],
      expect: "uc.csv:3: handle: unknown channel x/nobody_here"),
  ]

  static let snapshotJSON: [Case] = [
    Case(
      name: "JSON cut mid-object",
      files: [
        (
          "cut.json",
          text("[{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"fol")
        )
      ],
      args: ["snapshot", "import", "cut.json"] + src, expect: "cut.json:1: file: not valid JSON"),
    Case(
      name: "JSON object, not a list", files: [("obj.json", text("{\"platform\":\"x\"}"))],
      args: ["snapshot", "import", "obj.json"] + src,
      expect: "obj.json:1: file: expected a JSON array"),
    Case(
      name: "JSON Int64 overflow",
      files: [
        (
          "big.json",
          text(
            "[{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"followers\":9223372036854775808}]"
          )
        )
      ],
      args: ["snapshot", "import", "big.json"] + src,
      expect: "big.json:1: followers: '9223372036854775808' is too large"),
    Case(
      name: "JSON fraction",
      files: [
        (
          "frac.json",
          text(
            "[{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"followers\":1.5}]"
          )
        )
      ],
      args: ["snapshot", "import", "frac.json"] + src,
      expect: "frac.json:1: followers: '1.5' is not an integer"),
    Case(
      name: "NDJSON cut mid-line",
      files: [
        (
          "cut.ndjson",
          text(
            "{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"followers\":1}\n{\"platform\":\"x\",\"hand"
          )
        )
      ],
      args: ["snapshot", "import", "cut.ndjson"] + src, expect: "cut.ndjson:2: row: not valid JSON"),
    Case(
      name: "NDJSON unknown field",
      files: [
        (
          "u.ndjson",
          text(
            "{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"colour\":1}\n"
          )
        )
      ],
      args: ["snapshot", "import", "u.ndjson"] + src, expect: "u.ndjson:1: colour: unknown field"),
    Case(
      name: "NDJSON escaped NUL",
      files: [
        (
          "nul.ndjson",
          text(
            "{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"followers\":1,\"note\":\"a\\u0000b\"}\n"
          )
        )
      ],
      args: ["snapshot", "import", "nul.ndjson"] + src,
      expect: "nul.ndjson:1: note: contains a NUL character"),
  ]

  static let curation: [Case] = [
    Case(
      name: "entities: wrong column count",
      files: [("e1.csv", text("id,kind,country\nbe-x,local_police,BE,extra\n"))],
      args: ["import", "entities", "e1.csv"] + src,
      expect: "e1.csv:2: row: has 4 fields, the header has 3"),
    Case(
      name: "entities: February 30",
      files: [("e2.csv", text("id,kind,country,valid_from\nbe-x,local_police,BE,2024-02-30\n"))],
      args: ["import", "entities", "e2.csv"] + src,
      expect: "e2.csv:2: valid_from: '2024-02-30' is not a valid calendar date"),
    Case(
      name: "entities: population overflow",
      files: [
        ("e3.csv", text("id,kind,country,population\nbe-x,local_police,BE,9223372036854775808\n"))
      ],
      args: ["import", "entities", "e3.csv"] + src,
      expect: "e3.csv:2: population: '9223372036854775808' is not a whole number"),
    Case(
      name: "entities: unknown column",
      files: [("e4.csv", text("id,kind,country,colour\nbe-x,local_police,BE,red\n"))],
      args: ["import", "entities", "e4.csv"] + src, expect: "e4.csv:1: colour: unknown column"),
    Case(
      name: "entities: Latin-1",
      files: [("e5.csv", text("id,kind,country,note\nbe-x,local_police,BE,caf") + [0xE9, 0x0A])],
      args: ["import", "entities", "e5.csv"] + src, expect: "e5.csv:2: file: is not valid UTF-8"),
    Case(
      name: "entities: cut mid-quote",
      files: [("e6.csv", text("id,kind,country,note\nbe-x,local_police,BE,\"open\n"))],
      args: ["import", "entities", "e6.csv"] + src,
      expect: "e6.csv:2: row: a quoted field is never closed"),
    Case(
      name: "entities: duplicate header",
      files: [("e7.csv", text("id,kind,country,kind\nbe-x,local_police,BE,sector\n"))],
      args: ["import", "entities", "e7.csv"] + src, expect: "e7.csv:1: kind: duplicate column"),
    Case(
      name: "entities: UTF-16", files: [("e8.csv", utf16)],
      args: ["import", "entities", "e8.csv"] + src,
      expect: "e8.csv:1: file: is UTF-16 text"),
    Case(
      name: "channels: bad handle",
      files: [("c1.csv", text("entity_id,platform,handle\nbe-pz-namur,x,not a handle!\n"))],
      args: ["import", "channels", "c1.csv"] + src,
      expect: "c1.csv:2: handle: 'not a handle!' contains a space"),
    Case(
      name: "channels: unknown entity",
      files: [("c2.csv", text("entity_id,platform,handle\nbe-nobody,x,abc\n"))],
      args: ["import", "channels", "c2.csv"] + src,
      expect: "c2.csv:2: entity_id: unknown entity 'be-nobody'"),
  ]

  static let options: [Case] = [
    Case(
      name: "--as-of month 13", args: ["accounts", "--as-of", "2024-13-01"],
      expect: "--as-of: '2024-13-01' is not a valid calendar date"),
    Case(
      name: "--limit -1", args: ["accounts", "--limit", "-1"], expect: "--limit must be 0 or more"),
    Case(
      name: "--staleness-days -5", args: ["report", "adoption", "--staleness-days", "-5"],
      expect: "--staleness-days must be 0 or more"),
    Case(
      name: "accounts --region ZZ-XX", args: ["accounts", "--region", "ZZ-XX"],
      expect: "unknown region 'ZZ-XX'"),
    Case(
      name: "report --region ZZ-XX", args: ["report", "adoption", "--region", "ZZ-XX"],
      expect: "unknown region 'ZZ-XX' for BE"),
    Case(
      name: "snapshot add negative",
      args: ["snapshot", "add", "x/zp5327", "--followers", "-5"] + src,
      expect: "--followers must be 0 or more"),
    Case(
      name: "history --from February 30", args: ["history", "x/zp5327", "--from", "2024-02-30"],
      expect: "--from: '2024-02-30' is not a valid calendar date"),
    Case(
      name: "snapshot add unknown channel",
      args: ["snapshot", "add", "x/nobody_here", "--followers", "5"] + src, expect: "nobody_here"),
  ]

  static let all = snapshotCSV + snapshotJSON + curation + options

  @Test func catalogueHasAtLeastThirtyCases() {
    #expect(Self.all.count + Self.seedCases.count >= 30)
  }

  @Test(arguments: all)
  func badInputIsRefusedWithItsPlaceAndWritesNothing(_ c: Case) throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    for (name, bytes) in c.files {
      try Data(bytes).write(to: cli.dir.appendingPathComponent(name))
    }
    let before = try SQLiteShell.dump(cli.db)
    let r = try cli.run(c.args)
    #expect(r.status != 0, "\(c.name): exit 0\n\(r.stdout)")
    #expect(r.stderr.contains(c.expect), "\(c.name): stderr was: \(r.stderr.prefix(400))")
    #expect(!r.stderr.contains("Fatal error"), "\(c.name)")
    #expect(try SQLiteShell.dump(cli.db) == before, "\(c.name) wrote to the database")
  }

  /// A seed directory with one file replaced (or removed when `content` is nil).
  static let seedCases: [(String, String, [UInt8]?, String)] = [
    ("missing file", "lineage.csv", nil, "lineage.csv:0: file: missing seed file"),
    (
      "Latin-1", "entity_names.csv",
      text("entity_id,lang,name\nbe-pz-namur,fr,Namur caf") + [0xE9, 0x0A],
      "entity_names.csv:2: file: is not valid UTF-8"
    ),
    ("UTF-16", "sources.csv", utf16, "sources.csv:1: file: is UTF-16 text"),
    (
      "unknown region", "regions.csv",
      text("code,country,name,parent_code,source\nZZ-XX,BE,Nowhere,,doc-001\n"),
      "regions.csv:2: code: 'ZZ-XX' is not an ISO 3166-2 code of country BE"
    ),
    (
      "NUL byte", "sources.csv",
      text("key,title,publisher,url,published_on,retrieved_on,note\ndoc-001,T") + [0]
        + text(",,,,,\n"), "sources.csv:2: file: contains a NUL byte"
    ),
    (
      "cut mid-quote", "sources.csv",
      text("key,title,publisher,url,published_on,retrieved_on,note\ndoc-001,\"T,,,,,\n"),
      "sources.csv:2: row: a quoted field is never closed"
    ),
  ]

  @Test(arguments: 0..<seedCases.count)
  func badSeedIsRefusedWithItsPlaceAndLeavesNoDatabase(_ i: Int) throws {
    let (name, file, content, expect) = Self.seedCases[i]
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let seed = cli.dir.appendingPathComponent("seed")
    try FileManager.default.copyItem(atPath: Fixtures.miniSeed, toPath: seed.path)
    let target = seed.appendingPathComponent(file)
    if let content {
      try Data(content).write(to: target)
    } else {
      try FileManager.default.removeItem(at: target)
    }
    let r = try cli.run(["init", "--seed", seed.path])
    #expect(r.status != 0, "\(name)")
    #expect(r.stderr.contains(seed.path + "/" + expect), "\(name): \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: cli.db), "\(name) left a database")
  }
}
