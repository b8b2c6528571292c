import Foundation
import Registry
import Stats

/// A plain aligned text table for terminals.
public enum TextTable {
  /// Cells wider than 60 characters are cut with "…", except in the `uncut` columns (a message
  /// a reader needs whole; best last, so nothing after it is pushed right).
  public static func render(columns: [String], rows: [[String]], uncut: Set<String> = [])
    -> String
  {
    // Each cell cleaned and measured once (its Characters; a printable ASCII cell, most of
    // them, is its bytes): the table measured every cell twice and cleaned it twice, 64M of
    // the 242M instructions of `accounts --format table` on 1,657 rows.
    let header = columns.map(Cell.init)
    let body = rows.map { $0.map(Cell.init) }
    var widths = header.map(\.count)
    for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    for (i, c) in columns.enumerated() where !uncut.contains(c) { widths[i] = min(widths[i], 60) }
    var out: [UInt8] = []
    out.reserveCapacity((rows.count + 3) * (widths.reduce(0, +) + 2 * widths.count + 1))
    /// One line of cells, padded to the widths, without trailing white space.
    func line(_ cells: [Cell]) {
      let start = out.count
      for (i, (c, w)) in zip(cells, widths).enumerated() {
        if i > 0 { out.append(contentsOf: [32, 32]) }
        if c.count > w {
          out.append(contentsOf: pad(String(c.text.prefix(w - 1)) + "…", to: w).utf8)
        } else if c.ascii {
          // ASCII: as many UTF-16 units as Characters, so `pad` adds w - count spaces.
          out.append(contentsOf: c.text.utf8)
          if c.count < w { out.append(contentsOf: repeatElement(32, count: w - c.count)) }
        } else {
          out.append(contentsOf: pad(c.text, to: w).utf8)
        }
      }
      // Trailing ASCII white space dropped as bytes; a line ending in other text goes through
      // `trimmingTrailingSpace` (the Unicode separators).
      while out.count > start, let b = out.last, b == 32 || (b >= 9 && b <= 13 && b != 11) {
        out.removeLast()
      }
      if out.count > start, let b = out.last, b >= 0x80 {
        let text = String(decoding: out[start...], as: UTF8.self)
        out.removeSubrange(start...)
        out.append(contentsOf: trimmingTrailingSpace(text).utf8)
      }
      out.append(10)
    }
    line(header)
    line(widths.map { Cell(String(repeating: "-", count: $0)) })
    for r in body { line(r) }
    out.append(contentsOf: "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n".utf8)
    return String(decoding: out, as: UTF8.self)
  }

  /// A cell cleaned (`clean`) with its width in Characters.
  private struct Cell {
    let text: String
    let count: Int
    /// Printable ASCII only.
    let ascii: Bool

    init(_ raw: String) {
      if isPrintableASCII(raw) {
        text = raw
        count = raw.utf8.count
        ascii = true
      } else {
        text = clean(raw)
        count = text.count
        ascii = false
      }
    }
  }

  static func isPrintableASCII(_ s: String) -> Bool {
    s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  /// Control characters would move the cursor or forge lines: show them as spaces. Printable
  /// ASCII (most cells) has none and is returned as it is.
  public static func clean(_ s: String) -> String {
    if isPrintableASCII(s) { return s }
    return String(
      String.UnicodeScalarView(
        s.unicodeScalars.map {
          $0.properties.generalCategory == .control ? " " : $0
        }))
  }

  /// `s` padded with spaces to `width` UTF-16 units, as Foundation's `padding(toLength:)` (which
  /// the table used; its widths count UTF-16 units), without going through NSString for the
  /// common case; a longer text is cut by Foundation as before.
  static func pad(_ s: String, to width: Int) -> String {
    let n = s.utf16.count
    if n > width { return s.padding(toLength: width, withPad: " ", startingAt: 0) }
    return n == width ? s : s + String(repeating: " ", count: width - n)
  }

  /// The line without its trailing white space, as the regular expression `\s+$` removed it
  /// before: `\s` is TAB, LF, FF, CR and the separators (Unicode category Z); control
  /// characters are already spaces.
  static func trimmingTrailingSpace(_ line: String) -> String {
    var scalars = line.unicodeScalars[...]
    while let last = scalars.last, isSpace(last) { scalars.removeLast() }
    return scalars.endIndex == line.unicodeScalars.endIndex
      ? line : String(String.UnicodeScalarView(scalars))
  }

  static func isSpace(_ u: Unicode.Scalar) -> Bool {
    switch u {
    case " ", "\t", "\n", "\u{0C}", "\r": return true
    default:
      if u.isASCII { return false }
      switch u.properties.generalCategory {
      case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
      default: return false
      }
    }
  }
}
