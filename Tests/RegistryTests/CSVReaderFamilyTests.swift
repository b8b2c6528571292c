import Foundation
import Testing
import Vocabulary

@testable import Registry

/// The byte reader serving the seed and curation files (`CSVTable`) and the export converter as
/// well as the snapshot importer: line ends, BOMs, blank lines, quoting and the messages of each
/// reader, with answers worked out by hand from the input text.
struct CSVReaderFamilyTests {
  /// Every record of `text` read with `dialect`, fields joined by `|`.
  static func records(_ text: String, _ dialect: ByteCSVReader.Dialect) throws -> [String] {
    let reader = try ByteCSVReader(
      records: ByteInput(bytes: Array(text.utf8), name: "t.csv"), dialect: dialect)
    let row = RawRow()
    var out: [String] = []
    while try reader.nextRecord(into: row) {
      out.append((0..<row.count).map(row.string).joined(separator: "|"))
    }
    return out
  }

  static let files = ByteCSVReader.Dialect(
    delimiter: nil, loneCarriageReturnEndsRecord: true, fieldLimit: nil)

  /// The rows of a table as `line: a|b`, or the error message.
  static func table(_ text: [UInt8], optional: [String] = ["a", "b", "c"]) -> [String] {
    do {
      let t = try CSVTable(data: Data(text), name: "t.csv", required: [], optional: optional)
      var out = ["header: " + t.header.joined(separator: "|")]
      while let r = try t.next() { out.append("\(r.line): " + r.fields.joined(separator: "|")) }
      return out
    } catch {
      return ["\(error)"]
    }
  }

  @Test func aLoneCarriageReturnEndsARecordWhenTheDialectSaysSo() throws {
    #expect(try Self.records("a,b\r1,2\r\n3,4\n5,6\r", Self.files) == ["a|b", "1|2", "3|4", "5|6"])
    #expect(try Self.records("a,b\r1,2\r\n", .snapshots) == ["a|b1|2"])
    // Inside quotes a CR is text; after a closing quote it ends the record.
    #expect(try Self.records("\"x\ry\",\"z\"\rw\r", Self.files) == ["x\ry|z", "w"])
    #expect(try Self.records("\r\r", Self.files) == ["", ""])
  }

  @Test func aCarriageReturnAtTheEndOfAReadAndItsLineFeedAreOneLineEnd() throws {
    // The CR is the last byte of the first 1 MiB read, its LF the first of the next.
    let first = "a\n" + String(repeating: "x", count: ByteInput.chunkSize - 3) + "\r"
    let got = try Self.records(first + "\nb\n", Self.files)
    #expect(got.count == 3)
    #expect(got.last == "b")
  }

  @Test func aFixedDelimiterIgnoresTheHeadersVote() throws {
    let comma = ByteCSVReader.Dialect(
      delimiter: UInt8(ascii: ","), loneCarriageReturnEndsRecord: true, fieldLimit: nil)
    #expect(try Self.records("a;b;c\n1,2\n", comma) == ["a;b;c", "1|2"])
    #expect(try Self.records("a;b;c\n1,2\n", Self.files) == ["a|b|c", "1,2"])
  }

  @Test func tablesReadLineEndsBOMsAndBlankLinesAlike() {
    let want = ["header: a|b", "2: 1|x y", "3: 2|"]
    #expect(Self.table(Array("a,b\n1,x y\n2,\n".utf8)) == want)
    #expect(Self.table(Array("a,b\r\n1,x y\r\n2,\r\n".utf8)) == want)
    #expect(Self.table(Array("a,b\r1,x y\r2,\r".utf8)) == want)
    #expect(Self.table([0xEF, 0xBB, 0xBF] + Array("a,b\n1,x y\n2,".utf8)) == want)
    #expect(Self.table(Array("a;b\n1;x y\n2;\n".utf8)) == want)
    // Blank lines are skipped and counted.
    #expect(
      Self.table(Array("a,b\n\n1,x y\n\n\n2,\n\n".utf8)) == ["header: a|b", "3: 1|x y", "6: 2|"])
    // Header names are trimmed, not lower-cased; values are kept as written.
    #expect(
      Self.table(Array(" a ,B\n 1 ,\"q,\"\"r\"\"\"\n".utf8), optional: ["a", "B"])
        == ["header: a|B", "2:  1 |q,\"r\""])
  }

  @Test func tableErrorsKeepTheirWording() {
    #expect(Self.table([]) == ["t.csv:1: header: cannot read the header row"])
    #expect(Self.table([0xEF, 0xBB, 0xBF]) == ["t.csv:1: header: cannot read the header row"])
    // A blank first line is the header: its one empty name is not a known column.
    #expect(Self.table(Array("\na,b\n".utf8)).first?.hasPrefix("t.csv:1: : unknown column") == true)
    #expect(Self.table(Array("a,b,a\n".utf8)) == ["t.csv:1: a: duplicate column"])
    #expect(Self.table(Array("a,b\n1\n".utf8)) == ["t.csv:2: row: has 1 fields, the header has 2"])
    #expect(
      Self.table(Array("a,b\n1,2\n\"open,3\n4,5\n".utf8))
        == ["t.csv:3: row: a quoted field is never closed"])
    let long = String(repeating: "z", count: ByteCSVReader.maxFieldBytes + 1)
    #expect(
      Self.table(Array("a,b\n1,\(long)\n".utf8))
        == ["t.csv:2: b: is longer than 65536 bytes: not a value this file can hold"])
  }

  @Test func tableRowsAreNumberedByTheLineTheyStartOn() {
    // A value over two lines: the next row starts on line 4 (CSV.swift's record count said 3).
    #expect(
      Self.table(Array("a,b\n1,\"x\ny\"\n2\n".utf8))
        == ["t.csv:4: row: has 1 fields, the header has 2"])
    #expect(
      Self.table(Array("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n".utf8))
        == ["header: a|b", "2: 1|x\r\ny", "4: 2|z"])
  }

  @Test func theSeparatorIsVotedByTheHeaderLineAlone() {
    // With CRLF or CR line ends the old vote counted the whole file (a CRLF is one Character,
    // never "\n"), so commas in the values outvoted the header's `;`.
    let want = ["header: a|b", "2: 1,2,3|x"]
    #expect(Self.table(Array("a;b\r\n\"1,2,3\";x\r\n".utf8)) == want)
    #expect(Self.table(Array("a;b\r\"1,2,3\";x\r".utf8)) == want)
    #expect(Self.table(Array("a;b\n\"1,2,3\";x\n".utf8)) == want)
  }

  @Test func tablesRefuseTextAfterAClosingQuote() {
    // The CSV library the tables used to read with kept such rows, mangled (`"T" ,x` became the
    // text `T",x...` up to the next quote); the byte reader refuses them, naming the line.
    #expect(
      Self.table(Array("a,b\n\"T\" ,x\n\"U\",y\n".utf8))
        == [
          "t.csv:2: row: unexpected text after a closing quote (quotes inside a field are "
            + "doubled: \"\")"
        ])
  }

  /// What the writer writes for data, the reader reads back exactly.
  @Test func writtenDataReadsBackIdentical() throws {
    let values = [
      "", "plain", "a,b", "say \"hi\"", "\"", "two\nlines", "crlf\r\ninside", "cr\ronly", "nl;fr",
      " lead", "trail ", "=cmd|' /C calc'!A0", "-5", "Zürich – ñ", ",\u{301}x", "\"\u{301}q",
      "\u{A0}nbsp", "x\u{2028}y",
    ]
    for csv in [CSVWriter.data, .export] {
      var text = csv.row(["id", "value"])
      for (i, v) in values.enumerated() { text += csv.row(["\(i)", v]) }
      for dialect in [Self.files, .snapshots] {
        let got = try Self.records(text, dialect)
        #expect(got.count == values.count + 1)
        for (i, v) in values.enumerated() where i + 1 < got.count && got[i + 1] != "\(i)|\(v)" {
          Issue.record("\(v.debugDescription) read back as \(got[i + 1].debugDescription)")
        }
      }
    }
  }

  /// `collect convert` on `bytes`: the import CSV, or the error message.
  static func convert(_ bytes: [UInt8]) -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("export-\(UUID().uuidString).csv").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      return "cannot write \(path)"
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      return try ExportConverter.convert(
        path: path, preset: ExportPreset.named("facebook-page-insights")!, handle: "zp",
        sourceURL: "https://e.org/a;b"
      ).csv
    } catch {
      return "\(error)".replacingOccurrences(of: path, with: "t.csv")
    }
  }

  static let export =
    "Date,Page followers,Post engagements\n2024-05-01,\"1,234\",17\n\nTotal,,\n2024-05-02,1240\n"
  static let converted =
    "platform,handle,observed_at,followers,following,posts,engagements,engagement_window_days,"
    + "source_url\nfacebook_page,zp,2024-05-01,1234,,,17,1,https://e.org/a;b\n"
    + "facebook_page,zp,2024-05-02,1240,,,,,https://e.org/a;b\n"

  @Test func theConverterReadsUTF8AndUTF16ExportsAlike() {
    let utf8 = Array(Self.export.utf8)
    #expect(Self.convert(utf8) == Self.converted)
    #expect(Self.convert([0xEF, 0xBB, 0xBF] + utf8) == Self.converted)
    #expect(
      Self.convert(Array(Self.export.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        == Self.converted)
    #expect(
      Self.convert(Array(Self.export.replacingOccurrences(of: "\n", with: "\r").utf8))
        == Self.converted)
    var le: [UInt8] = [0xFF, 0xFE]
    var be: [UInt8] = [0xFE, 0xFF]
    for u in Self.export.utf16 {
      le += [UInt8(u & 0xFF), UInt8(u >> 8)]
      be += [UInt8(u >> 8), UInt8(u & 0xFF)]
    }
    #expect(Self.convert(le) == Self.converted)
    #expect(Self.convert(be) == Self.converted)
  }

  @Test func theConverterNumbersLinesByRecordAndRefusesBrokenQuotes() {
    // The blank line 3 counts: the bad count is on line 4.
    #expect(
      Self.convert(Array("Date,Page followers\n2024-05-01,5\n\n2024-05-02,x\n".utf8))
        == "t.csv:4: Page followers: 'x' is not a count")
    #expect(Self.convert([]) == "t.csv:1: header: cannot read the header row")
    #expect(
      Self.convert(Array("Date,Page followers\n2024-05-01,\"5\n".utf8))
        == "t.csv:2: row: a quoted field is never closed")
    #expect(
      Self.convert(Array("Date,Page followers\n\"2024-05-01\"x,5\n".utf8))
        == "t.csv:2: row: unexpected text after a closing quote (quotes inside a field are "
        + "doubled: \"\")")
  }
}
