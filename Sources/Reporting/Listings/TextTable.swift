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
      zip(values, widths).map { v, w in
        let s = clean(v)
        let cut = s.count > w ? String(s.prefix(w - 1)) + "…" : s
        return cut.padding(toLength: w, withPad: " ", startingAt: 0)
      }.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
    }
    var out = line(columns) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
    for r in rows { out += line(r) + "\n" }
    out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
    return out
  }

  /// Control characters would move the cursor or forge lines: show them as spaces.
  public static func clean(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map {
          $0.properties.generalCategory == .control ? " " : $0
        }))
  }
}
