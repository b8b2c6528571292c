import Foundation
import Testing
import Vocabulary

@testable import Registry

/// The bulk reader tokenizes most rows in place in its read buffer and falls back to copying for
/// quoted fields, CR line ends and rows that span two reads: both paths must give the same rows.
struct ByteCSVReaderTests {
  /// A straightforward RFC 4180 split (the reference): rows of fields with their start line.
  static func reference(_ text: [UInt8]) -> [(line: Int, fields: [String])] {
    var rows: [(Int, [String])] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var rowLine = 1
    var quoted = false
    var i = 0
    func endRow() {
      fields.append(String(decoding: field, as: UTF8.self))
      field = []
      if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
      fields = []
    }
    while i < text.count {
      let b = text[i]
      if quoted {
        if b == 0x22 {
          if i + 1 < text.count && text[i + 1] == 0x22 {
            field.append(0x22)
            i += 1
          } else {
            quoted = false
          }
        } else {
          if b == 0x0A { line += 1 }
          field.append(b)
        }
      } else if b == 0x22 && field.isEmpty {
        quoted = true
      } else if b == 0x2C {
        fields.append(String(decoding: field, as: UTF8.self))
        field = []
      } else if b == 0x0A {
        endRow()
        line += 1
        rowLine = line
      } else if b != 0x0D {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    return rows
  }

  /// ~3 MiB of rows (three 1 MiB reads, so rows cross read boundaries) mixing LF and CRLF ends,
  /// quoted fields with delimiters, doubled quotes and line breaks, non-ASCII text, empty
  /// fields and blank lines.
  @Test func inPlaceAndCopyingPathsReadTheSameRows() throws {
    var text = Array("platform,handle,observed_at,note\n".utf8)
    var n = 0
    while text.count < 3 << 20 {
      let end = n % 7 == 0 ? "\r\n" : "\n"
      var row = "x\(n),h\(n % 13),2024-01-\(10 + n % 19),"
      switch n % 11 {
      case 0: row += "\"a, \"\"quoted\"\" note\nover two lines\""
      case 1: row += "Zürich – ñ"
      case 2: row += ""
      case 3: row += String(repeating: "long", count: 40)
      default: row += "note \(n)"
      }
      text += Array((row + end).utf8)
      if n % 101 == 0 { text += Array("\n".utf8) }
      n += 1
    }
    let reader = try ByteCSVReader(input: ByteInput(bytes: text, name: "t.csv"))
    let row = RawRow()
    var got: [(Int, [String])] = []
    while try reader.next(into: row) {
      got.append((row.line, (0..<row.count).map(row.string)))
    }
    let want = Self.reference(text).dropFirst()  // the header
    #expect(got.count == n)
    #expect(got.count == want.count)
    for (g, w) in zip(got, want) where g.0 != w.line || g.1 != w.fields {
      Issue.record("line \(g.0): \(g.1) != line \(w.line): \(w.fields)")
      break
    }
  }

  /// Invalid UTF-8 and NUL bytes in a row read in place are still refused, naming the column.
  @Test func inPlaceRowsAreCheckedForUTF8AndNUL() throws {
    for (bad, reason) in [([UInt8(0xE9)], "UTF-8"), ([UInt8(0)], "NUL")] {
      let text = Array("a,b\nx,y\n".utf8) + Array("1,2".utf8) + bad + Array("\n".utf8)
      let reader = try ByteCSVReader(input: ByteInput(bytes: text, name: "t.csv"))
      let row = RawRow()
      #expect(try reader.next(into: row))
      do {
        _ = try reader.next(into: row)
        Issue.record("a row with \(reason) was read")
      } catch let e as RegistryError {
        #expect(e.description.contains("t.csv:3: b:"))
        #expect(e.description.contains(reason))
      }
    }
  }
}
