import Foundation
import Vocabulary

/// Follower growth of one channel over a window ending on a date.
public struct GrowthFigure: Sendable, Equatable {
  /// The window W in days (7, 30, 90 or 365 in reports).
  public var windowDays: Int
  public var start: Metric<Observation>
  public var end: Metric<Observation>
  /// followers(D) − followers(D − W).
  public var absolute: Metric<Double>
  /// (followers(D) − followers(D − W)) / followers(D − W) × 100.
  public var percent: Metric<Double>
  /// (f1 / f0)^(7 / days) − 1, days = time elapsed between the two observations.
  public var weeklyCompound: Metric<Double>
}

/// Growth over windows, each endpoint the latest snapshot on or before its date.
public enum Growth {
  /// The windows reports use.
  public static let windows = [7, 30, 90, 365]

  /// Growth of one channel over `windowDays` ending on `day`. A missing end keeps its own reason
  /// (no_snapshot, stale); a missing start is `no_baseline`; a zero start is `zero_baseline`.
  public static func over(
    _ snapshots: [StatsSnapshot], windowDays: Int, endingOn day: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays
  ) -> GrowthFigure {
    let end = SnapshotSelection.followers(snapshots, on: day, stalenessDays: stalenessDays)
    let start = SnapshotSelection.followers(
      snapshots, on: day - windowDays, stalenessDays: stalenessDays)
    return between(start: start, end: end, windowDays: windowDays)
  }

  /// Growth between two selected observations.
  public static func between(
    start: Metric<Observation>, end: Metric<Observation>, windowDays: Int
  ) -> GrowthFigure {
    var g = GrowthFigure(
      windowDays: windowDays, start: start, end: end, absolute: .missing(.noBaseline),
      percent: .missing(.noBaseline), weeklyCompound: .missing(.noBaseline))
    guard let f1 = end.value else {
      let r = end.reason ?? .noSnapshot
      g.absolute = .missing(r)
      g.percent = .missing(r)
      g.weeklyCompound = .missing(r)
      return g
    }
    guard let f0 = start.value else { return g }
    g.absolute = .value(f1.value - f0.value)
    g.percent = percent(start: start, end: end)
    guard f0.value > 0 else {
      g.weeklyCompound = .missing(.zeroBaseline)
      return g
    }
    g.weeklyCompound = weeklyCompound(from: f0, to: f1)
    return g
  }

  /// `between(start:end:windowDays:).percent` alone.
  static func percent(start: Metric<Observation>, end: Metric<Observation>) -> Metric<Double> {
    guard let f1 = end.value else { return .missing(end.reason ?? .noSnapshot) }
    guard let f0 = start.value else { return .missing(.noBaseline) }
    guard f0.value > 0 else { return .missing(.zeroBaseline) }
    return .value((f1.value - f0.value) / f0.value * 100)
  }

  /// (f1 / f0)^(7 / days) − 1 with days the time between the observations (in days, fractional).
  public static func weeklyCompound(from f0: Observation, to f1: Observation) -> Metric<Double> {
    let days = Double(f1.observedAt - f0.observedAt) / 86_400
    guard days > 0 else { return .missing(.noElapsedTime) }
    guard f0.value > 0 else { return .missing(.zeroBaseline) }
    return .value(pow(f1.value / f0.value, 7 / days) - 1)
  }

  /// Growth of a panel of channels: Σf1 − Σf0 and (Σf1 / Σf0 − 1) × 100 over the channels whose
  /// both endpoints are known (a matched panel, so accounts without history do not count as growth).
  public static func panel(_ figures: [GrowthFigure]) -> (
    absolute: Metric<Double>, percent: Metric<Double>, channels: Int
  ) {
    panel(figures.lazy.map { ($0.start.value?.value, $0.end.value?.value) })
  }

  /// `panel` from each channel's start and end followers (nil when missing), in order.
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
    guard n > 0 else { return (.missing(.noBaseline), .missing(.noBaseline), 0) }
    let pct: Metric<Double> = s0 > 0 ? .value((s1 - s0) / s0 * 100) : .missing(.zeroBaseline)
    return (.value(s1 - s0), pct, n)
  }
}
