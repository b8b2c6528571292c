import Vocabulary

/// A follower projection: the recent trend carried forward. Labelled "projection", not a forecast.
public struct FollowerProjection: Sendable, Equatable {
  /// Days after the as-of date.
  public var horizonDays: Int
  public var followers: Metric<Double>
}

/// The projection of one or more channels' followers, with the inputs it used.
public struct ProjectionResult: Sendable, Equatable {
  /// Weighted daily growth (followers per day), summed over the channels.
  public var dailyGrowth: Metric<Double>
  /// Followers at the latest observations, summed.
  public var current: Metric<Double>
  public var projections: [FollowerProjection]
}

/// Weighted recent growth, as follower-tracking sites do.
public enum Projection {
  /// The windows (days) and their weights.
  public static let windows: [(days: Int, weight: Double)] = [(7, 0.5), (30, 0.3), (90, 0.2)]
  /// The horizons printed.
  public static let horizons = [90, 365]

  /// The method as printed under the figures.
  public static let method =
    "projection, not a forecast: daily growth g_W = (f_last − f_base) / days between them, where "
    + "f_last is the latest follower count on or before the date and f_base a count within W/6 "
    + "days (at least 1) of W days before f_last (the latest on or before W − W/6 days before "
    + "it), for W = 7, 30 and 90 days; g = the average of the g_W found, weighted 0.5, 0.3 and "
    + "0.2; followers(D + h) = max(0, f_last + g × (days from the day of f_last to D, plus h)), "
    + "rounded. Channels are added up; missing (no_baseline_in_window) when a channel with a "
    + "follower count has a count in none of the three windows."

  /// Daily growth of one channel: the average of g_7, g_30 and g_90 weighted 0.5, 0.3 and 0.2
  /// over the windows that have a baseline, each measured from the latest observation on or
  /// before `day` back to the latest on or before W − W/6 days before that one, which must lie
  /// within W/6 days of W days before it (`Growth`'s window rule).
  public static func dailyGrowth(
    _ snapshots: [StatsSnapshot], on day: Day, stalenessDays: Int
  ) -> (last: Metric<Observation>, growth: Metric<Double>) {
    let last = SnapshotSelection.followers(snapshots, on: day, stalenessDays: stalenessDays)
    guard let f1 = last.value else { return (last, .missing(last.reason!)) }
    let lastDay = Day(epochSeconds: f1.observedAt)
    var g = 0.0
    var weights = 0.0
    for w in windows {
      let base = Growth.baseline(snapshots[...], windowDays: w.days, endingOn: lastDay)
      guard let f0 = base.value,
        abs(Day(epochSeconds: f0.observedAt) - (lastDay - w.days)) <= Growth.tolerance(w.days)
      else { continue }
      let days = (Double(f1.observedAt) - Double(f0.observedAt)) / 86_400
      guard days > 0 else { continue }
      g += w.weight * (f1.value - f0.value) / days
      weights += w.weight
    }
    guard weights > 0 else { return (last, .missing(.noBaselineInWindow)) }
    let rate = g / weights
    return (last, rate.isFinite ? .value(rate) : .missing(.outOfRange))
  }

  /// Projects the channels' total followers `horizons` days after `day`.
  public static func project(
    _ channels: [[StatsSnapshot]], on day: Day, stalenessDays: Int, horizons: [Int] = horizons
  ) -> ProjectionResult {
    guard !channels.isEmpty else {
      return ProjectionResult(
        dailyGrowth: .missing(.noChannel), current: .missing(.noChannel),
        projections: horizons.map {
          FollowerProjection(horizonDays: $0, followers: .missing(.noChannel))
        })
    }
    var points: [(last: Observation, growth: Double)] = []
    var missing: MissingReason?
    var reasons: [MissingReason] = []
    for snaps in channels {
      let (last, growth) = dailyGrowth(snaps, on: day, stalenessDays: stalenessDays)
      guard let l = last.value else {
        reasons.append(last.reason!)
        continue
      }
      guard let g = growth.value else {
        missing = missing ?? growth.reason
        continue
      }
      points.append((l, g))
    }
    let reason: MissingReason? =
      missing ?? (points.isEmpty ? (Distribution.dominant(reasons) ?? .noSnapshot) : nil)
    if let reason {
      return ProjectionResult(
        dailyGrowth: .missing(reason), current: .missing(reason),
        projections: horizons.map {
          FollowerProjection(horizonDays: $0, followers: .missing(reason))
        })
    }
    let projections = horizons.map { h in
      let total = points.reduce(0.0) { acc, p in
        let days = Double(day - Day(epochSeconds: p.last.observedAt)) + Double(h)
        return acc + max(0, p.last.value + p.growth * days)
      }
      return FollowerProjection(
        horizonDays: h,
        followers: total.isFinite ? .value(total.rounded()) : .missing(.outOfRange))
    }
    return ProjectionResult(
      dailyGrowth: .value(points.reduce(0) { $0 + $1.growth }),
      current: .value(points.reduce(0) { $0 + $1.last.value }), projections: projections)
  }
}
