import Testing

@testable import Reporting

/// The terminal table, with its lines written out by hand: columns as wide as their widest
/// cell in Characters (at most 60, a longer cell cut with "…"), two spaces between them, no
/// trailing white space, control characters shown as spaces.
@Suite struct TextTableTests {
  @Test func columnsArePaddedToTheirWidestCellAndLinesTrimmed() {
    // Widths: a = 2 ("yy"), name = 6 ("Zürich": 6 Characters, 7 bytes), n = 2 ("22").
    let text = TextTable.render(
      columns: ["a", "name", "n"], rows: [["x", "Zürich", "1"], ["yy", "", "22"]])
    #expect(
      text == """
        a   name    n
        --  ------  --
        x   Zürich  1
        yy          22
        (2 rows)

        """)
  }

  @Test func trailingUnicodeSpaceIsTrimmedAndControlCharactersShowAsSpaces() {
    // "b" + NO-BREAK SPACE (a space separator) ends the line: trimmed as `\s+$` did. The TAB
    // inside "a\tb" is a space on screen, and counts as one Character.
    let text = TextTable.render(columns: ["c1", "c2"], rows: [["a\tb", "b\u{A0}"]])
    #expect(
      text == """
        c1   c2
        ---  --
        a b  b
        (1 row)

        """)
  }

  @Test func cellsOverSixtyCharactersAreCutUnlessTheirColumnIsUncut() {
    let long = String(repeating: "x", count: 61)
    let cut = TextTable.render(columns: ["long", "z"], rows: [[long, "z"]])
    #expect(
      cut.split(separator: "\n")[2] == Substring(String(repeating: "x", count: 59) + "…  z"))
    let whole = TextTable.render(columns: ["long", "z"], rows: [[long, "z"]], uncut: ["long"])
    #expect(whole.split(separator: "\n")[2] == Substring(long + "  z"))
  }
}
