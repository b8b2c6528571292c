import Foundation

/// The one parser of dates and date-times written as text (ISO 8601), byte by byte, with a fast
/// path for the two shapes files use most (`YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SSZ`). `Day.parse`
/// and `Timestamp.parse` are its two faces; each keeps its own messages.
public enum DateText {
  /// The date part: ten bytes `YYYY-MM-DD` that are digits and dashes; nil for anything else.
  /// The date may still be invalid (month 13): `Day(year:month:day:)` decides.
  @inlinable
  static func dateFields(_ p: UnsafePointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
    guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
    let y1 = twoDigits(p, 0)
    let y2 = twoDigits(p, 2)
    let m = twoDigits(p, 5)
    let d = twoDigits(p, 8)
    guard y1 >= 0, y2 >= 0, m >= 0, d >= 0 else { return nil }
    return (y1 * 100 + y2, m, d)
  }

  /// Two decimal digits at `i`, or -1.
  @inlinable
  static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
    let a = p[i] &- 48
    let c = p[i + 1] &- 48
    return a < 10 && c < 10 ? Int(a) * 10 + Int(c) : -1
  }

  /// Exactly `YYYY-MM-DD`, a valid date; nil for anything else (then `day` decides and says why).
  @inlinable
  public static func plainDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
    guard b.count == 10, let p = b.baseAddress, let f = dateFields(p) else { return nil }
    return Day(year: f.year, month: f.month, day: f.day)
  }

  /// Epoch seconds of the fast shapes, `YYYY-MM-DD` (midnight UTC) and `YYYY-MM-DDTHH:MM:SSZ`,
  /// with the checks of `Timestamp.parse`; nil for anything else (the full parser decides).
  @inlinable
  public static func fastTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    let n = b.count
    guard n == 10 || n == 20, let p = b.baseAddress, let f = dateFields(p),
      let day = Day(year: f.year, month: f.month, day: f.day)
    else { return nil }
    if n == 10 { return day.epochSeconds }
    guard p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"),
      p[19] == UInt8(ascii: "Z")
    else { return nil }
    let h = twoDigits(p, 11)
    let mi = twoDigits(p, 14)
    let s = twoDigits(p, 17)
    guard h >= 0, h <= 23, mi >= 0, mi <= 59, s >= 0, s <= 59 else { return nil }
    return day.epochSeconds + Int64(h * 3600 + mi * 60 + s)
  }

  /// `YYYY-MM-DD`, or the date part of an ISO 8601 date-time (`YYYY-MM-DDT...` or
  /// `YYYY-MM-DD ...`); blanks around it are ignored.
  static func day(_ text: String) -> Result<Day, FieldError> {
    var text = text
    if let day = text.withUTF8({ plainDay($0) }) { return .success(day) }
    let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
    guard bytes.count >= 10,
      let f = bytes.withUnsafeBufferPointer({ dateFields($0.baseAddress!) }),
      bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
    else {
      return .failure(FieldError("'\(text)' is not a date (expected YYYY-MM-DD)"))
    }
    guard let day = Day(year: f.year, month: f.month, day: f.day) else {
      return .failure(FieldError("'\(text)' is not a valid calendar date (years 1800-2200)"))
    }
    return .success(day)
  }

  /// A date or date-time to epoch seconds: `YYYY-MM-DD` (midnight UTC),
  /// `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `+HH:MM`, `+HHMM` or no zone (taken as UTC); a space
  /// or `t` may replace `T`. `original` is only used in messages.
  @inlinable
  public static func timestamp(
    _ b: UnsafeBufferPointer<UInt8>, original: @autoclosure () -> String
  ) -> Result<Int64, FieldError> {
    if let fast = fastTimestamp(b) { return .success(fast) }
    return fullTimestamp(b, original: original())
  }

  /// The general case of `timestamp`.
  @usableFromInline
  static func fullTimestamp(_ b: UnsafeBufferPointer<UInt8>, original: String) -> Result<
    Int64, FieldError
  > {
    func fail(_ why: String = "expected ISO 8601 date or date-time, e.g. 2024-05-01T12:00:00Z")
      -> Result<Int64, FieldError>
    {
      .failure(FieldError("'\(original)' is not a date: \(why)"))
    }
    func digits(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= b.count else { return nil }
      var v = 0
      for i in from..<(from + count) {
        let c = b[i]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard b.count >= 10, let f = dateFields(b.baseAddress!) else { return fail() }
    guard let day = Day(year: f.year, month: f.month, day: f.day) else {
      return fail("not a valid calendar date (years 1800-2200)")
    }
    var seconds = day.epochSeconds
    if b.count == 10 { return .success(seconds) }
    guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
      b.count >= 16, let h = digits(11, 2), b[13] == 58, let mi = digits(14, 2)
    else { return fail() }
    var i = 16
    var s = 0
    if i < b.count && b[i] == 58 {
      guard let sv = digits(i + 1, 2) else { return fail() }
      s = sv
      i += 3
      if i < b.count && (b[i] == 46 || b[i] == 44) {
        i += 1
        let start = i
        while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
        if i == start { return fail() }
      }
    }
    guard h <= 24, mi <= 59, s <= 60, !(h == 24 && (mi > 0 || s > 0)) else {
      return fail("time out of range")
    }
    seconds += Int64(h * 3600 + mi * 60 + min(s, 59))
    if i == b.count { return .success(seconds) }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
      return i + 1 == b.count ? .success(seconds) : fail()
    }
    guard b[i] == 43 || b[i] == 45, let oh = digits(i + 1, 2) else { return fail() }
    let sign: Int64 = b[i] == 43 ? 1 : -1
    var om = 0
    var j = i + 3
    if j < b.count && b[j] == 58 { j += 1 }
    if j < b.count {
      guard let v = digits(j, 2), j + 2 == b.count else { return fail() }
      om = v
    }
    guard oh <= 18, om <= 59 else { return fail("zone offset out of range") }
    return .success(seconds - sign * Int64(oh * 3600 + om * 60))
  }
}
