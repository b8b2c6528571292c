import Vocabulary

/// What a stored observation may say. Every way a snapshot comes in (`snapshot import`,
/// `snapshot add`, `snapshot correct`, the collectors, the seed loader) refuses the rest, so a
/// typo cannot become a national audience of 61 trillion (docs/snapshots.md, "Limits").
public enum SnapshotLimits {
  /// The largest count accepted for followers, following, posts and engagements: 10^9. The
  /// largest account on any platform has well under a billion followers (about 650 million in
  /// 2025); a larger count is a typo or a unit mistake, never a police account.
  public static let maxCount: Int64 = 1_000_000_000

  /// The longest engagement window accepted, in days (ten years).
  public static let maxWindowDays: Int64 = 3_653

  /// The last epoch second an observation may carry when checked on `today`: the end of
  /// tomorrow (UTC). A count cannot be observed in the future; the day of slack covers time
  /// zones ahead of UTC.
  public static func latestObservedAt(today: Day) -> Int64 {
    today.adding(days: 1).endOfDayEpochSeconds
  }

  /// The reason a count is refused (nil when it is within the limits).
  public static func countProblem(_ value: Int64) -> String? {
    if value < 0 { return "\(value) is negative: counts are 0 or more" }
    if value > maxCount {
      return "\(grouped(value)) is above the plausibility limit of \(grouped(maxCount)) "
        + "(no account on any platform has a billion followers): check the number"
    }
    return nil
  }

  /// The reason an engagement window is refused (nil when it is within the limits).
  public static func windowProblem(_ days: Int64) -> String? {
    if days < 1 { return "\(days) is not a window: give 1 or more days" }
    if days > maxWindowDays {
      return "\(days) days is longer than the limit of \(maxWindowDays) days (ten years)"
    }
    return nil
  }

  /// The reason an observation time is refused when checked on `today` (nil when accepted).
  public static func observedAtProblem(_ observedAt: Int64, today: Day) -> String? {
    guard observedAt > latestObservedAt(today: today) else { return nil }
    return "\(Timestamp.format(observedAt)) is after tomorrow (\(today.adding(days: 1))): "
      + "a count cannot be observed in the future"
  }

  /// 61640000000000 → "61,640,000,000,000".
  static func grouped(_ v: Int64) -> String {
    let digits = String(v.magnitude)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (v < 0 ? "-" : "") + String(out.reversed())
  }
}
