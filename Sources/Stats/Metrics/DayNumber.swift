/// Calendar days as plain integers (days since 1970-01-01, UTC), so Stats needs no date library.
public enum DayNumber {
  /// The day number of a civil date (Howard Hinnant's days_from_civil).
  public static func from(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day number.
  public static func civil(_ n: Int) -> (year: Int, month: Int, day: Int) {
    let z = n + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// `YYYY-MM-DD`.
  public static func string(_ n: Int) -> String {
    let c = civil(n)
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  /// The UTC day containing an epoch second.
  public static func of(epochSeconds s: Int64) -> Int {
    Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
  }

  /// The last second of a day (the inclusive bound of "on or before the day").
  public static func endOfDay(_ n: Int) -> Int64 { Int64(n) * 86_400 + 86_399 }
}
