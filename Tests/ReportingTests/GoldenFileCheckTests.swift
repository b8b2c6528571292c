import Foundation
import TestSupport
import Testing

/// The golden-file check itself: it fails on any byte of difference and says where.
@Suite struct GoldenFileCheckTests {
  @Test func firstDifferenceNamesLineAndColumnOfCRLFText() throws {
    let d = try #require(FirstDifference(expected: "a,b\r\nc,d\r\n", actual: "a,b\r\nc,e\r\n"))
    #expect(d.line == 2 && d.column == 3)
    #expect(d.expectedLine == "c,d\r" && d.actualLine == "c,e\r")
    #expect(d.detail == "  expected: \"c,d\\r\"\n  actual:   \"c,e\\r\"")
  }

  @Test func firstDifferenceSeesAMissingFinalNewlineAndDecomposedLetters() throws {
    let newline = try #require(FirstDifference(expected: "x\n", actual: "x"))
    #expect(newline.line == 2 && newline.expectedLine == "" && newline.actualLine == nil)
    // "é" composed and decomposed: equal as Swift strings, not as bytes.
    let accent = try #require(FirstDifference(expected: "caf\u{E9}", actual: "cafe\u{301}"))
    #expect(accent.line == 1 && accent.column == 4)
    #expect(FirstDifference(expected: "same\n", actual: "same\n") == nil)
  }

  @Test func mismatchIsNilOnlyForTheSameBytes() throws {
    let golden = Data("one\r\ntwo\r\n".utf8)
    #expect(GoldenFile.mismatch("one\r\ntwo\r\n", expected: golden, shown: "t.csv") == nil)
    let changed = try #require(
      GoldenFile.mismatch("one\r\ntwo\n", expected: golden, shown: "t.csv"))
    #expect(
      changed.hasPrefix("t.csv differs from the output: first difference at line 2, column 4"))
    #expect(changed.contains("UPDATE_GOLDEN=1 swift test --filter Golden"))
    let missing = try #require(GoldenFile.mismatch("x", expected: nil, shown: "new.csv"))
    #expect(missing.hasPrefix("no golden file new.csv"))
  }
}
