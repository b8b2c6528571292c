/// Where two texts first differ, by line, for a readable test failure.
public struct FirstDifference: Sendable, Equatable {
  /// 1-based number of the first differing line.
  public var line: Int
  /// 1-based column of the first differing character in that line.
  public var column: Int
  /// That line in each text; nil past the end of the text.
  public var expectedLine: String?
  public var actualLine: String?
  public var expectedLineCount: Int
  public var actualLineCount: Int

  /// Nil when the texts are the same bytes. Lines are split at "\n" only, so a "\r" or a
  /// missing final newline shows as a difference; text is compared byte for byte (not by Swift's
  /// canonical equivalence, which takes a composed "é" for a decomposed one).
  public init?(expected: String, actual: String) {
    guard !Self.same(expected, actual) else { return nil }
    let e = Self.lines(expected)
    let a = Self.lines(actual)
    var i = 0
    while i < e.count && i < a.count && Self.same(e[i], a[i]) { i += 1 }
    line = i + 1
    expectedLine = i < e.count ? e[i] : nil
    actualLine = i < a.count ? a[i] : nil
    let x = Array(expectedLine ?? "")
    let y = Array(actualLine ?? "")
    var j = 0
    while j < x.count && j < y.count && Self.same(String(x[j]), String(y[j])) { j += 1 }
    column = j + 1
    expectedLineCount = e.count
    actualLineCount = a.count
  }

  /// One line: where the texts part.
  public var summary: String {
    "first difference at line \(line), column \(column) (expected \(expectedLineCount) lines, "
      + "got \(actualLineCount))"
  }

  /// The two versions of the line, escaped and cut around the difference.
  public var detail: String {
    "  expected: \(Self.excerpt(expectedLine, around: column))\n"
      + "  actual:   \(Self.excerpt(actualLine, around: column))"
  }

  /// Split at each "\n" scalar: as a Character, "\r\n" is one grapheme and never equals "\n".
  static func lines(_ text: String) -> [String] {
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String(String.UnicodeScalarView($0)) }
  }

  static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

  static func excerpt(_ line: String?, around column: Int) -> String {
    guard let line else { return "(end of text)" }
    let chars = Array(line)
    let from = max(0, column - 1 - 60)
    let to = min(chars.count, column - 1 + 100)
    var text = String(chars[from..<to]).debugDescription
    if from > 0 { text = "…" + text }
    if to < chars.count { text += "…" }
    return text
  }
}
