/// Plain-text and Markdown tables for the comparison renderings.
enum TextGrid {
  /// Columns padded to their widest cell; numbers-looking cells right-aligned.
  static func plain(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String], _ align: Bool) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: widths[i] - c.count)
        return align && numeric(c) ? pad + c : c + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var out = line(header, false) + "\n"
    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for r in rows { out += line(r, true) + "\n" }
    return out
  }

  static func markdown(_ header: [String], _ rows: [[String]]) -> String {
    func cell(_ s: String) -> String { MarkdownText.escape(s) }
    var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
    out += "|" + header.map { _ in " --- |" }.joined() + "\n"
    for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
    return out
  }

  static func numeric(_ s: String) -> Bool {
    guard let f = s.unicodeScalars.first, "0123456789+−-".unicodeScalars.contains(f) else {
      return false
    }
    return s.unicodeScalars.dropFirst().allSatisfy { "0123456789,.%×".unicodeScalars.contains($0) }
  }

  /// Strips control characters so database text cannot move the terminal cursor.
  static func clean(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : $0 }))
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
