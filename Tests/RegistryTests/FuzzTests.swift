import Foundation
import Testing
import Vocabulary

@testable import Registry

/// Generated-input (fuzz) tests of the file readers and the handle parser: every input must end
/// in rows or a `RegistryError`, never a crash or another error. Deterministic: input `i` of seed
/// `s` is always the same bytes, so a failure names the seed and index that reproduce it.
///
/// `make test` runs 20,000 inputs; `make fuzz` runs `FUZZ_ITERATIONS=1000000` (docs/reliability.md).
/// `FUZZ_SEED` picks another deterministic sequence.
struct FuzzTests {
  static var iterations: Int {
    Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 20_000
  }
  static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 1 }

  @Test func readersAndHandleParserSurviveGeneratedInputs() throws {
    let n = Self.iterations
    var generator = FuzzInput(seed: Self.seed)
    let start = Date()
    var refused = 0
    var rows = 0
    for i in 0..<n {
      let input = generator.next()
      do {
        let outcome = try Self.exercise(input)
        refused += outcome.refused
        rows += outcome.rows
      } catch {
        Issue.record("input \(i) (seed \(Self.seed)) threw a non-registry error: \(error)")
        return
      }
    }
    let seconds = Date().timeIntervalSince(start)
    // The line `make fuzz` copies into docs/reliability.md.
    print(
      "fuzz: \(n) inputs (seed \(Self.seed)) in \(String(format: "%.1f", seconds)) s: "
        + "\(rows) rows read, \(refused) refusals, 0 crashes")
    #expect(rows > 0 && refused > 0)  // the generator reaches both outcomes
  }

  /// Runs one input through every reader and the parsers; counts rows and refusals.
  static func exercise(_ bytes: [UInt8]) throws -> (rows: Int, refused: Int) {
    var rows = 0
    var refused = 0
    func guarded(_ body: () throws -> Int) throws {
      do {
        rows += try body()
      } catch is RegistryError {
        refused += 1
      }
    }
    try guarded {
      let reader = try ByteCSVReader(input: ByteInput(bytes: bytes, name: "fuzz.csv"))
      let row = RawRow()
      var count = 0
      while try reader.next(into: row) {
        for f in 0..<row.count { _ = row.string(f) }
        count += 1
      }
      return count
    }
    for format in [SnapshotFileFormat?.none, .json, .ndjson] {
      try guarded {
        let reader = try SnapshotFileReader(
          input: ByteInput(bytes: bytes, name: "fuzz"), format: format)
        let row = RawRow()
        var count = 0
        while try reader.next(into: row) { count += 1 }
        return count
      }
    }
    try guarded {
      let table = try CSVTable(
        data: Data(bytes), name: "fuzz.csv", required: ["platform"],
        optional: SnapshotColumn.allNames)
      var count = 0
      while let r = try table.next() {
        _ = try? r.int("followers")
        _ = try? r.day("observed_at")
        count += 1
      }
      return count
    }
    let text = String(decoding: bytes.prefix(300), as: UTF8.self)
    for platform in [nil] + Platform.allCases.map(Optional.some) {
      if case .success(let h) = Handle.parse(text, platform: platform) {
        // A parsed handle parses again to itself.
        if case .success(let again) = Handle.parse(h.canonical, platform: h.platform),
          again.canonical != h.canonical
        {
          Issue.record("handle '\(text)' -> '\(h.canonical)' -> '\(again.canonical)'")
        }
      }
    }
    _ = Timestamp.parse(text)
    _ = Day.parse(text)
    return (rows, refused)
  }
}

/// A deterministic stream of inputs: random bytes, mutations of valid files, and CSV built from
/// a small grammar of fields (quoted, numbers, dates, handles, hostile text).
struct FuzzInput {
  var rng: SplitMix64
  init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  static let corpus: [String] = [
    "platform,handle,observed_at,followers,source_url\nx,zp5327,2024-05-01,120,https://e.org\n",
    "\u{FEFF}platform;handle;observed_at;followers;note\r\nx;@ZP5327;2024-05-01T10:00:00Z;1;\"a;b\"\r\n",
    "channel_id,observed_at,followers,engagements,engagement_window_days,source\n1,2024-01-01,5,3,7,s\n",
    "[{\"platform\":\"x\",\"handle\":\"zp5327\",\"observed_at\":\"2024-05-01\",\"followers\":12}]",
    "{\"channel_id\":\"1\",\"observed_at\":\"2024-05-01\",\"posts\":3,\"note\":\"\\u00e9\"}\n{}\n",
    "platform,handle,observed_at,followers\nmastodon,@police@social.example,2024-02-29,9223372036854775807\n",
    "platform,handle,observed_at,note\nbluesky,name.bsky.social,2024-05-01,\"=cmd|' /C calc'!A0\"\n",
  ]
  static let interesting: [UInt8] =
    Array(",;\"\n\r\t {}[]:@/.-=+0123456789xX".utf8) + [
      0, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0xE9, 0x80, 0xF0, 0x9F,
    ]
  static let fields: [String] = [
    "", "x", "zp5327", "@ZP5327", "https://twitter.com/zp5327?lang=fr", "@user@social.example",
    "name.bsky.social", "facebook.com/groups/123", "2024-05-01", "2024-02-30", "0000-01-01",
    "9999-12-31T23:59:59Z", "2024-05-01T10:00:00+02:00", "9223372036854775808", "-5", "+7", "1.5",
    "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "\"quoted\"", "a\nb", "é", "\u{0}",
    "\u{1B}[31m",
  ]

  mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }

  mutating func next() -> [UInt8] {
    switch int(10) {
    case 0, 1: return randomBytes()
    case 2, 3, 4, 5: return mutated()
    default: return grammarCSV()
    }
  }

  mutating func randomBytes() -> [UInt8] {
    (0..<int(200)).map { _ in
      int(3) == 0
        ? UInt8(truncatingIfNeeded: rng.next()) : Self.interesting[int(Self.interesting.count)]
    }
  }

  mutating func mutated() -> [UInt8] {
    var b = Array(Self.corpus[int(Self.corpus.count)].utf8)
    for _ in 0..<(1 + int(4)) {
      let at = int(b.count + 1)
      switch int(6) {
      case 0: if at < b.count { b[at] ^= UInt8(1 << int(8)) }
      case 1: b.insert(Self.interesting[int(Self.interesting.count)], at: at)
      case 2: if at < b.count { b.removeSubrange(at..<min(b.count, at + 1 + int(8))) }
      case 3:
        if at < b.count {
          let piece = b[at..<min(b.count, at + 1 + int(16))]
          b.insert(contentsOf: piece, at: int(b.count + 1))
        }
      case 4: b = Array(b.prefix(at))  // truncated (mid-quote, mid-JSON)
      default: b.insert(contentsOf: Array(Self.fields[int(Self.fields.count)].utf8), at: at)
      }
    }
    return b
  }

  mutating func grammarCSV() -> [UInt8] {
    let names = SnapshotColumn.allNames + ["extra", "", "Platform "]
    let delimiter = int(4) == 0 ? ";" : ","
    let columns = (0..<(1 + int(6))).map { _ in names[int(names.count)] }
    var text = int(8) == 0 ? "\u{FEFF}" : ""
    let newline = int(3) == 0 ? "\r\n" : "\n"
    text += columns.joined(separator: delimiter) + newline
    for _ in 0..<int(6) {
      let width = int(5) == 0 ? columns.count + int(3) - 1 : columns.count
      var cells: [String] = []
      for _ in 0..<max(0, width) {
        var v = Self.fields[int(Self.fields.count)]
        if int(3) == 0 || v.contains(delimiter) || v.contains("\"") || v.contains("\n") {
          v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        cells.append(v)
      }
      text += cells.joined(separator: delimiter) + newline
    }
    if int(500) == 0 {
      text += String(repeating: "a", count: ByteCSVReader.maxFieldBytes + 1) + newline
    }
    return Array(text.utf8)
  }
}
