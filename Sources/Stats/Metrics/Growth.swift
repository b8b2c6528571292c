import Foundation
import Vocabulary

/// Follower growth of one channel over a window of W days ending on a date D.
///
/// The one definition every figure uses (reports, scorecards, comparisons, league tables): the
/// end point is the latest count on or before D, no more than W/6 days (at least 1) older than
/// D; the baseline is the latest count on or before D − W + W/6, no earlier than D − W − W/6
/// (so within W/6 days of D − W); the change between them is scaled to exactly W days by
/// compound interpolation, (f1 / f0)^(W / elapsed) − 1, elapsed being the time between the two
/// observations. Without such a pair the figure is missing (`no_end_in_window`,
/// `no_baseline_in_window`): a 90-day figure never rests on a year-old baseline.
public struct GrowthFigure: Sendable, Equatable {
  /// The window W in days (7, 30, 90 or 365 in reports).
  public var windowDays: Int
  /// The baseline observation, or why there is none in its window.
  public var start: Metric<Observation>
  /// The end observation, or why there is none in its window.
  public var end: Metric<Observation>
  /// f0 × ((f1 / f0)^(W / elapsed) − 1): the change in followers scaled to exactly W days.
  public var absolute: Metric<Double>
  /// ((f1 / f0)^(W / elapsed) − 1) × 100.
  public var percent: Metric<Double>
  /// (f1 / f0)^(7 / elapsed) − 1, elapsed in days.
  public var weeklyCompound: Metric<Double>

  /// The end count scaled to W days after the baseline (f0 + absolute); nil when missing.
  public var scaledEnd: Double? {
    guard let f0 = start.value?.value, let a = absolute.value else { return nil }
    return f0 + a
  }

  /// The days of the two observations used; nil when the figure is missing.
  public var dates: GrowthDates? {
    guard absolute.value != nil, let f0 = start.value, let f1 = end.value else { return nil }
    return GrowthDates(
      baseline: Day(epochSeconds: f0.observedAt), end: Day(epochSeconds: f1.observedAt))
  }
}

/// The days a growth figure rests on: the baseline's and the end point's (for a panel of
/// channels, the earliest and the latest of each).
public struct GrowthDates: Sendable, Equatable {
  public var baseline: ClosedRange<Day>
  public var end: ClosedRange<Day>

  public init(baseline: Day, end: Day) {
    self.baseline = baseline...baseline
    self.end = end...end
  }

  /// Widens the ranges to include another channel's days.
  public mutating func include(_ other: GrowthDates) {
    baseline =
      min(
        baseline.lowerBound, other.baseline.lowerBound)...max(
        baseline.upperBound, other.baseline.upperBound)
    end = min(end.lowerBound, other.end.lowerBound)...max(end.upperBound, other.end.upperBound)
  }

  /// `YYYY-MM-DD`, or an ISO 8601 interval `YYYY-MM-DD/YYYY-MM-DD` when the days differ.
  public static func text(_ r: ClosedRange<Day>) -> String {
    r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)/\(r.upperBound)"
  }

  public var baselineText: String { Self.text(baseline) }
  public var endText: String { Self.text(end) }
}

/// Growth over windows (see `GrowthFigure` for the definition).
public enum Growth {
  /// The windows reports use.
  public static let windows = [7, 30, 90, 365]

  /// How far an endpoint may lie from its target day: W/6 days (whole days), at least 1.
  public static func tolerance(_ windowDays: Int) -> Int { max(1, windowDays / 6) }

  /// The baseline is the latest count on or before D minus this many days (W − W/6): a loader
  /// that reads one snapshot per window reads the latest on or before that day, and `between`
  /// checks it is not older than the window's start.
  public static func baselineSeekDays(_ windowDays: Int) -> Int {
    windowDays - tolerance(windowDays)
  }

  /// The definition as printed in methodology sections.
  public static let definition =
    "growth over W days: from the latest follower count on or before the date D, no more than "
    + "W/6 days older (at least 1 day; 5 days for 30, 15 for 90, 60 for 365), and the latest "
    + "count on or before D − W + W/6 that is no older than D − W − W/6 (within W/6 days of "
    + "D − W); the change is scaled to exactly W days by compound interpolation: "
    + "(f1 / f0)^(W / elapsed) − 1, elapsed being the days between the two counts, and in "
    + "followers f0 × that. Missing (no_end_in_window, no_baseline_in_window) when no count lies "
    + "in a window, never a change over another span; zero_baseline when f0 is 0."

  /// Growth of one channel over `windowDays` ending on `day`. A missing end keeps its own reason
  /// (no_snapshot, stale) or is `no_end_in_window`; a baseline outside its window is
  /// `no_baseline_in_window`; a zero baseline is `zero_baseline`.
  public static func over(
    _ snapshots: [StatsSnapshot], windowDays: Int, endingOn day: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays
  ) -> GrowthFigure {
    over(snapshots[...], windowDays: windowDays, endingOn: day, stalenessDays: stalenessDays)
  }

  /// `over` on a slice (one channel's run of a larger array), without a copy.
  static func over(
    _ snapshots: ArraySlice<StatsSnapshot>, windowDays: Int, endingOn day: Day,
    stalenessDays: Int
  ) -> GrowthFigure {
    let end = SnapshotSelection.latest(snapshots, onOrBefore: day, stalenessDays: stalenessDays) {
      $0.followers
    }
    let start = baseline(snapshots, windowDays: windowDays, endingOn: day)
    return between(start: start, end: end, windowDays: windowDays, endingOn: day)
  }

  /// The latest count on or before D − W + W/6 (the window check is `between`'s).
  static func baseline(
    _ snapshots: ArraySlice<StatsSnapshot>, windowDays: Int, endingOn day: Day
  ) -> Metric<Observation> {
    SnapshotSelection.latest(
      snapshots, onOrBefore: day - baselineSeekDays(windowDays), stalenessDays: Int.max
    ) { $0.followers }
  }

  /// Growth between two selected observations over the window of `windowDays` ending on `day`:
  /// `end` must lie within W/6 days before `day`, `start` within W/6 days of `day` − W.
  public static func between(
    start: Metric<Observation>, end: Metric<Observation>, windowDays: Int, endingOn day: Day
  ) -> GrowthFigure {
    func missing(_ r: MissingReason, start: Metric<Observation>, end: Metric<Observation>)
      -> GrowthFigure
    {
      GrowthFigure(
        windowDays: windowDays, start: start, end: end, absolute: .missing(r),
        percent: .missing(r), weeklyCompound: .missing(r))
    }
    let w = windowDays
    let tolerance = tolerance(w)
    guard let f1 = end.value else {
      return missing(end.reason ?? .noSnapshot, start: start, end: end)
    }
    let endAge = day - Day(epochSeconds: f1.observedAt)
    guard endAge >= 0, endAge <= tolerance else {
      return missing(.noEndInWindow, start: start, end: .missing(.noEndInWindow))
    }
    guard let f0 = start.value,
      abs(Day(epochSeconds: f0.observedAt) - (day - w)) <= tolerance
    else {
      return missing(.noBaselineInWindow, start: .missing(.noBaselineInWindow), end: end)
    }
    // In doubles: epoch seconds read from a database may be anything, and Int64 subtraction of
    // two extreme values would trap.
    let elapsed = (Double(f1.observedAt) - Double(f0.observedAt)) / 86_400
    guard elapsed > 0 else { return missing(.noElapsedTime, start: start, end: end) }
    guard f0.value > 0 else { return missing(.zeroBaseline, start: start, end: end) }
    let ratio = f1.value / f0.value
    let factor = pow(ratio, Double(w) / elapsed)
    let weekly = pow(ratio, 7 / elapsed) - 1
    let absolute = f0.value * (factor - 1)
    guard factor.isFinite, absolute.isFinite else {
      return missing(.outOfRange, start: start, end: end)
    }
    return GrowthFigure(
      windowDays: w, start: start, end: end, absolute: .value(absolute),
      percent: .value((factor - 1) * 100),
      weeklyCompound: weekly.isFinite ? .value(weekly) : .missing(.outOfRange))
  }

  /// (f1 / f0)^(7 / days) − 1 with days the time between the observations (in days, fractional).
  public static func weeklyCompound(from f0: Observation, to f1: Observation) -> Metric<Double> {
    let days = (Double(f1.observedAt) - Double(f0.observedAt)) / 86_400
    guard days > 0 else { return .missing(.noElapsedTime) }
    guard f0.value > 0 else { return .missing(.zeroBaseline) }
    let v = pow(f1.value / f0.value, 7 / days) - 1
    return v.isFinite ? .value(v) : .missing(.outOfRange)
  }

  /// Growth of a panel of channels: Σf1 − Σf0 and (Σf1 / Σf0 − 1) × 100 over the channels whose
  /// figure is known, f1 being each channel's end count scaled to W days (`scaledEnd`): a matched
  /// panel, so accounts without history do not count as growth. When no channel has a figure,
  /// the reason is the most common of theirs.
  public static func panel(_ figures: [GrowthFigure]) -> (
    absolute: Metric<Double>, percent: Metric<Double>, channels: Int
  ) {
    var result = panel(figures.lazy.map { ($0.start.value?.value, $0.scaledEnd) })
    if result.channels == 0,
      let r = Distribution.dominant(figures.compactMap { $0.absolute.reason })
    {
      result.absolute = .missing(r)
      result.percent = .missing(r)
    }
    return result
  }

  /// `panel` from each channel's start and scaled end followers (nil when missing), in order.
  static func panel<S: Sequence<(Double?, Double?)>>(_ endpoints: S) -> (
    absolute: Metric<Double>, percent: Metric<Double>, channels: Int
  ) {
    var s0 = 0.0
    var s1 = 0.0
    var n = 0
    for (start, end) in endpoints {
      guard let a = start, let b = end else { continue }
      s0 += a
      s1 += b
      n += 1
    }
    guard n > 0 else { return (.missing(.noBaselineInWindow), .missing(.noBaselineInWindow), 0) }
    guard (s1 - s0).isFinite else { return (.missing(.outOfRange), .missing(.outOfRange), n) }
    let pct: Metric<Double> = s0 > 0 ? .value((s1 - s0) / s0 * 100) : .missing(.zeroBaseline)
    return (.value(s1 - s0), pct, n)
  }
}
