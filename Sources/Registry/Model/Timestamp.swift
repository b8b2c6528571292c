import Foundation

/// Parsing of ISO 8601 dates and date-times into UTC epoch seconds.
public enum Timestamp {
  /// Accepts `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `+HH:MM`,
  /// `+HHMM` or no zone (taken as UTC); a space may replace `T`.
  public static func parse(_ text: String) -> Result<Int64, FieldError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { parse(bytes: $0, original: text) }
  }

  /// Byte-level variant used by the bulk importer; `original` is only used in messages.
  public static func parse(bytes b: UnsafeBufferPointer<UInt8>, original: @autoclosure () -> String)
    -> Result<Int64, FieldError>
  {
    func fail(_ why: String = "expected ISO 8601 date or date-time, e.g. 2024-05-01T12:00:00Z")
      -> Result<Int64, FieldError>
    {
      .failure(FieldError("'\(original())' is not a date: \(why)"))
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
    guard b.count >= 10, b[4] == 45, b[7] == 45, let y = digits(0, 4), let mo = digits(5, 2),
      let d = digits(8, 2)
    else { return fail() }
    guard let day = Day(year: y, month: mo, day: d) else {
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

  /// Formats epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`.
  public static func format(_ epoch: Int64) -> String {
    let day = Day(epochSeconds: epoch)
    let rem = Int(epoch - day.epochSeconds)
    return day.description
      + String(format: "T%02d:%02d:%02dZ", rem / 3600, (rem / 60) % 60, rem % 60)
  }
}
