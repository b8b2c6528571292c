import Foundation

/// A calendar day (UTC), written `YYYY-MM-DD`: the one date type of the registry and its
/// analytics. It is a day number (days since 1970-01-01, negative before), so comparing,
/// subtracting and storing days costs what an integer does; the civil date is derived.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public let number: Int

  /// Today in UTC.
  public static func today() -> Day {
    Day(epochSeconds: Int64(Date().timeIntervalSince1970))
  }

  /// The day with this number (no range check: any day number is a day).
  @inlinable
  public init(number: Int) { self.number = number }

  /// A civil date in the years 1800-2200; nil when it is not a valid date.
  @inlinable
  public init?(year: Int, month: Int, day: Int) {
    guard (1800...2200).contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysIn(month: month, year: year)
    else { return nil }
    self.number = Day.number(year: year, month: month, day: day)
  }

  /// Parses `YYYY-MM-DD` (see `DateText`); nil with no reason (`parse` gives one).
  public init?(_ text: String) {
    guard case .success(let d) = Day.parse(text) else { return nil }
    self = d
  }

  /// Parses `YYYY-MM-DD`, or the date part of an ISO 8601 date-time, giving the reason on failure.
  public static func parse(_ text: String) -> Result<Day, FieldError> {
    DateText.day(text)
  }

  /// The UTC day containing the given epoch second (any Int64: a value read from a database
  /// may be anything, so no arithmetic here can overflow).
  public init(epochSeconds: Int64) {
    let q = epochSeconds / 86_400
    self.number = Int(epochSeconds % 86_400 < 0 ? q - 1 : q)
  }

  /// The civil date (Howard Hinnant's civil_from_days).
  public var civil: (year: Int, month: Int, day: Int) {
    let z = number + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { civil.year }
  public var month: Int { civil.month }
  public var day: Int { civil.day }

  /// `YYYY-MM-DD`.
  public var description: String {
    let c = civil
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  /// Seconds since the Unix epoch at 00:00:00 UTC of this day; saturated at the ends of Int64
  /// for day numbers no date reaches (a day made from an extreme stored value).
  @inlinable
  public var epochSeconds: Int64 {
    let (v, overflow) = Int64(number).multipliedReportingOverflow(by: 86_400)
    return overflow ? (number < 0 ? .min : .max) : v
  }

  /// The last second of this day, as epoch seconds (the inclusive bound of "on or before"),
  /// saturated like `epochSeconds`.
  public var endOfDayEpochSeconds: Int64 {
    let (v, overflow) = epochSeconds.addingReportingOverflow(86_399)
    return overflow ? .max : v
  }

  public func adding(days: Int) -> Day { Day(number: number + days) }

  public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

  /// Days from `b` to `a`.
  public static func - (a: Day, b: Day) -> Int { a.number - b.number }

  /// The day `days` after `a`.
  public static func + (a: Day, days: Int) -> Day { Day(number: a.number + days) }

  /// The day `days` before `a`.
  public static func - (a: Day, days: Int) -> Day { Day(number: a.number - days) }

  /// The day number of a civil date (Howard Hinnant's days_from_civil), without a range check.
  @inlinable
  public static func number(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  @usableFromInline
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
