import Testing

@testable import Vocabulary

/// The one CSV writer, with answers written out by hand from RFC 4180 (a cell with `,`, `"`, CR
/// or LF is quoted, `"` doubled) and each mode's extra rule.
@Suite struct CSVWriterTests {
  @Test func dataCellsAreQuotedOnlyForCommaQuoteAndLineBreaks() {
    let csv = CSVWriter.data
    #expect(csv.field("") == "")
    #expect(csv.field("zp5327") == "zp5327")
    #expect(csv.field("a,b") == "\"a,b\"")
    #expect(csv.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(csv.field("\"") == "\"\"\"\"")
    #expect(csv.field("two\nlines") == "\"two\nlines\"")
    #expect(csv.field("a\rb") == "\"a\rb\"")
    #expect(csv.field("nl;fr") == "nl;fr")
    #expect(csv.field(" padded ") == " padded ")
    // Data is never altered: formula text stays as it is.
    #expect(csv.field("=1+1") == "=1+1")
    #expect(csv.field("@user") == "@user")
    #expect(csv.field("Zürich – ñ") == "Zürich – ñ")
  }

  @Test func exportAlsoQuotesSemicolonsAndEdgeWhitespace() {
    let csv = CSVWriter.export
    #expect(csv.field("nl;fr") == "\"nl;fr\"")
    #expect(csv.field(" padded") == "\" padded\"")
    #expect(csv.field("padded\t") == "\"padded\t\"")
    #expect(csv.field("inner space") == "inner space")
    #expect(csv.field("a,b") == "\"a,b\"")
    #expect(csv.field("=1+1") == "=1+1")
    #expect(csv.field("") == "")
  }

  @Test func peopleCellsThatAFormulaWouldRunGetAQuoteMark() {
    let csv = CSVWriter.people
    #expect(csv.field("=1+1") == "'=1+1")
    #expect(csv.field("+cmd") == "'+cmd")
    #expect(csv.field("-x") == "'-x")
    #expect(csv.field("@SUM(A1)") == "'@SUM(A1)")
    #expect(csv.field("\tx") == "'\tx")
    #expect(csv.field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
    // Numbers keep their sign: a spreadsheet reads them as numbers, not formulas.
    #expect(csv.field("-5") == "-5")
    #expect(csv.field("+1.5") == "+1.5")
    #expect(csv.field("-1e3") == "-1e3")
    // Guarded, then quoted: the mark goes inside the quotes.
    #expect(csv.field("-x,y") == "\"'-x,y\"")
    #expect(csv.field("\rx") == "\"'\rx\"")
    #expect(csv.field("=\"a\"") == "\"'=\"\"a\"\"\"")
    // Only the first character counts, and `;` is not special for people.
    #expect(csv.field("a=b") == "a=b")
    #expect(csv.field("nl;fr") == "nl;fr")
  }

  @Test func lineBreaksAndQuotesAreFoundInsideLongerCharacters() {
    // "\r\n" is one Character, as is `,` or `"` followed by a combining accent (U+0301): each
    // must still quote the cell, and the quote inside is doubled.
    for csv in [CSVWriter.data, .export, .people] {
      #expect(csv.field("a\r\nb") == "\"a\r\nb\"")
      #expect(csv.field("a,\u{301}b") == "\"a,\u{301}b\"")
      #expect(csv.field("x\"\u{301}") == "\"x\"\"\u{301}\"")
    }
  }

  @Test func rowsEndWithTheLineEndOfTheirMode() {
    #expect(CSVWriter.people.row(["a", "b,c", "=x"]) == "a,\"b,c\",'=x\r\n")
    #expect(CSVWriter.data.row(["a", "b,c", "=x"]) == "a,\"b,c\",=x\n")
    #expect(CSVWriter.export.row(["a", "", " b"]) == "a,,\" b\"\n")
    #expect(CSVWriter.data.row([""]) == "\n")
  }

  @Test func rowsAppendedAsBytesAreTheRowsAsText() {
    // The listings append rows as bytes (`appendRow`); `row` and `field` are those bytes as text.
    // A nil cell is the empty text.
    for csv in [CSVWriter.data, .export, .people] {
      var out: [UInt8] = []
      csv.appendRow(["a", nil, "-x,y", " b"], to: &out)
      csv.appendRow(["=1", "Zürich"], to: &out)
      let end = csv.purpose == .people ? "\r\n" : "\n"
      #expect(
        String(decoding: out, as: UTF8.self)
          == csv.row(["a", "", "-x,y", " b"]) + csv.row(["=1", "Zürich"]))
      #expect(csv.row(["a", "b"]) == "a,b" + end)
    }
    var out: [UInt8] = []
    CSVWriter.people.appendRow(["-x,y", nil, "=1", "say \"hi\""], to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "\"'-x,y\",,'=1,\"say \"\"hi\"\"\"\r\n")
  }
}
