import Foundation
import Testing
import Vocabulary

@testable import Registry

/// The limits every way in applies, and the JSON key check of the imports.
struct LimitsAndKeysTests {
  @Test func countsUpToTenToTheNinthAreAccepted() {
    #expect(SnapshotLimits.countProblem(0) == nil)
    #expect(SnapshotLimits.countProblem(1_000_000_000) == nil)
    #expect(
      SnapshotLimits.countProblem(1_000_000_001)?.hasPrefix(
        "1,000,000,001 is above the plausibility limit of 1,000,000,000") == true)
    #expect(SnapshotLimits.countProblem(-1) == "-1 is negative: counts are 0 or more")
    #expect(SnapshotLimits.countProblem(Int64.min)?.contains("negative") == true)
    #expect(SnapshotLimits.windowProblem(0) != nil)
    #expect(SnapshotLimits.windowProblem(3_653) == nil)
    #expect(SnapshotLimits.windowProblem(3_654) != nil)
  }

  @Test func observationsUpToTheEndOfTomorrowAreAccepted() throws {
    let today = try #require(Day("2025-06-30"))
    // The end of 2025-07-01 UTC is accepted, one second later is not.
    let last = try #require(Day("2025-07-01")).endOfDayEpochSeconds
    #expect(SnapshotLimits.observedAtProblem(last, today: today) == nil)
    #expect(
      SnapshotLimits.observedAtProblem(last + 1, today: today)
        == "2025-07-02T00:00:00Z is after tomorrow (2025-07-01): a count cannot be observed in "
        + "the future")
    #expect(SnapshotLimits.observedAtProblem(Int64.max, today: today) != nil)
  }

  @Test func duplicateKeysAreFoundAfterTheirEscapes() {
    func first(_ text: String) -> JSONDuplicateKeys.Duplicate? {
      JSONDuplicateKeys.first(in: Array(text.utf8))
    }
    #expect(first(#"{"a": 1, "b": 2}"#) == nil)
    #expect(first(#"{"a": 1, "a": 2}"#) == .init(key: "a", line: 1, element: 1))
    // Escapes are decoded: "a" and "\u0061" are one key; so are "é" and "\u00e9".
    #expect(first(#"{"a": 1, "\u0061": 2}"#)?.key == "a")
    #expect(first(#"{"é": 1, "\u00e9": 2}"#)?.key == "é")
    // A surrogate pair is one character.
    #expect(first(#"{"😀": 1, "\ud83d\ude00": 2}"#)?.key == "😀")
    // Values, nested objects and arrays do not count as keys of the outer object.
    #expect(first(#"{"a": "a", "b": {"a": 1}, "c": ["a", "a"]}"#) == nil)
    #expect(first(#"{"a": {"x": 1, "x": 2}}"#)?.key == "x")
    // A quote inside a string does not end it.
    #expect(first(#"{"a\"b": 1, "a\"b": 2}"#)?.key == "a\"b")
    // Array elements are numbered; the line is the second key's.
    let perElement = JSONDuplicateKeys.perElement(
      in: Array("[{\"a\": 1},\n {\"b\": 1,\n  \"b\": 2},\n {\"c\": 1, \"c\": 1}]".utf8))
    #expect(perElement[1] == nil)
    #expect(perElement[2] == .init(key: "b", line: 3, element: 2))
    #expect(perElement[3]?.key == "c")
    // Text that is not JSON is left to the parser.
    #expect(first(#"{"a": 1, "a"#) == nil || first(#"{"a": 1, "a"#)?.key == "a")
    #expect(first("{\"a\n\": 1}") == nil)
  }
}
