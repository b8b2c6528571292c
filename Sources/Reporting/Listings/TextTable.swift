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
    var widths = columns.map { $0.count }
    for r in rows { for (i, v) in r.enumerated() { widths[i] = max(widths[i], clean(v).count) } }
    for (i, c) in columns.enumerated() where !uncut.contains(c) { widths[i] = min(widths[i], 60) }
    func line(_ values: [String]) -> String {
      var out = ""
      for (i, (v, w)) in zip(values, widths).enumerated() {
        if i > 0 { out += "  " }
        let s = clean(v)
        let cut = s.count > w ? String(s.prefix(w - 1)) + "…" : s
        out += pad(cut, to: w)
      }
      return trimmingTrailingSpace(out)
    }
    var out = line(columns) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
    for r in rows { out += line(r) + "\n" }
    out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
    return out
  }

  /// Control characters would move the cursor or forge lines: show them as spaces. Printable
  /// ASCII (most cells) has none and is returned as it is.
  public static func clean(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
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
    return scalars.count == line.unicodeScalars.count
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
