import Foundation

/// A calendar day (UTC), written `YYYY-MM-DD`. Dates in the registry are days unless stated.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1800...2200).contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD` strictly; returns nil with no reason (see `parse` for one).
  public init?(_ text: String) {
    guard case .success(let d) = Day.parse(text) else { return nil }
    self = d
  }

  /// Parses `YYYY-MM-DD`, or the date part of an ISO 8601 date-time, giving the reason on failure.
  public static func parse(_ text: String) -> Result<Day, FieldError> {
    var text = text
    if let day = text.withUTF8({ Day(plainUTF8: $0) }) { return .success(day) }
    let t = text.trimmingCharacters(in: .whitespaces)
    let bytes = Array(t.utf8)
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
      let m = Int(String(decoding: bytes[5..<7], as: UTF8.self)),
      let d = Int(String(decoding: bytes[8..<10], as: UTF8.self)),
      bytes[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 })
    else {
      return .failure(FieldError("'\(text)' is not a date (expected YYYY-MM-DD)"))
    }
    if bytes.count > 10 && bytes[10] != UInt8(ascii: "T") && bytes[10] != UInt8(ascii: " ") {
      return .failure(FieldError("'\(text)' is not a date (expected YYYY-MM-DD)"))
    }
    guard let day = Day(year: y, month: m, day: d) else {
      return .failure(FieldError("'\(text)' is not a valid calendar date (years 1800-2200)"))
    }
    return .success(day)
  }

  /// Exactly `YYYY-MM-DD` (ten bytes, digits and dashes, a valid date), the common case of
  /// `parse`, without Foundation or a String; nil for anything else (`parse` then decides).
  init?(plainUTF8 b: UnsafeBufferPointer<UInt8>) {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    func digit(_ i: Int) -> Int? {
      let v = Int(b[i]) - 48
      return v >= 0 && v <= 9 ? v : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
    else { return nil }
    self.init(
      year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
  }

  public var description: String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }

  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public init(daysSinceEpoch z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    month = m
    day = d
  }

  /// Seconds since the Unix epoch at 00:00:00 UTC of this day.
  public var epochSeconds: Int64 { Int64(daysSinceEpoch) * 86_400 }

  /// The last second of this day, as epoch seconds (inclusive bound for "on or before").
  public var endOfDayEpochSeconds: Int64 { epochSeconds + 86_399 }

  public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

  /// The UTC day containing the given epoch second.
  public init(epochSeconds: Int64) {
    let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
    self.init(daysSinceEpoch: Int(days))
  }

  /// Today in UTC.
  public static func today() -> Day {
    Day(epochSeconds: Int64(Date().timeIntervalSince1970))
  }

  public static func < (a: Day, b: Day) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    switch Day.parse(text) {
    case .success(let d): self = d
    case .failure(let e):
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: e.reason))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// A reason a single field's value was refused.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}
