import Vocabulary

/// A value read from one snapshot, with when it was observed.
public struct Observation: Sendable, Equatable {
  public var value: Double
  public var observedAt: Int64
  public init(value: Double, observedAt: Int64) {
    self.value = value
    self.observedAt = observedAt
  }
}

/// Picks "the latest snapshot on or before a date, within a staleness limit".
public enum SnapshotSelection {
  /// Default staleness limit in days.
  public static let defaultStalenessDays = 365

  /// The latest snapshot of `snapshots` (any channels' — pass one channel's) observed on or before
  /// the end of `day` whose `field` is known. Missing `no_snapshot` when there is none, `stale`
  /// when it was observed more than `stalenessDays` days before `day`.
  public static func latest(
    _ snapshots: [StatsSnapshot], onOrBefore day: Day, stalenessDays: Int,
    field: (StatsSnapshot) -> Int?
  ) -> Metric<Observation> {
    latest(snapshots[...], onOrBefore: day, stalenessDays: stalenessDays, field: field)
  }

  /// `latest` over a slice (one channel's run of a larger array), without a copy.
  static func latest(
    _ snapshots: ArraySlice<StatsSnapshot>, onOrBefore day: Day, stalenessDays: Int,
    field: (StatsSnapshot) -> Int?
  ) -> Metric<Observation> {
    let end = day.endOfDayEpochSeconds
    var best: StatsSnapshot?
    for s in snapshots where s.observedAt <= end && field(s) != nil {
      if best == nil || s.observedAt > best!.observedAt { best = s }
    }
    guard let best, let v = field(best) else { return .missing(.noSnapshot) }
    if day - best.day > stalenessDays { return .missing(.stale) }
    return .value(Observation(value: Double(v), observedAt: best.observedAt))
  }

  /// Followers at the latest snapshot on or before `day`, within the staleness limit.
  public static func followers(
    _ snapshots: [StatsSnapshot], on day: Day, stalenessDays: Int = defaultStalenessDays
  ) -> Metric<Observation> {
    latest(snapshots, onOrBefore: day, stalenessDays: stalenessDays) { $0.followers }
  }
}
