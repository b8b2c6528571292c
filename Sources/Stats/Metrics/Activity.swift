import Vocabulary

/// Posting activity and engagement of one channel.
public enum Activity {
  /// Posts per week from the change in post counts between the latest snapshot on or before
  /// D − W and the latest on or before D: (posts1 − posts0) / days × 7, days being the time
  /// elapsed between the two observations.
  public static func postsPerWeek(
    _ snapshots: [StatsSnapshot], windowDays: Int, endingOn day: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays
  ) -> Metric<Double> {
    let end = SnapshotSelection.latest(
      snapshots, onOrBefore: day, stalenessDays: stalenessDays
    ) { $0.posts }
    let start = SnapshotSelection.latest(
      snapshots, onOrBefore: day - windowDays, stalenessDays: stalenessDays
    ) { $0.posts }
    guard let p1 = end.value else {
      return .missing(end.reason == .stale ? .stale : .noPosts)
    }
    guard let p0 = start.value else { return .missing(.noPosts) }
    let days = (Double(p1.observedAt) - Double(p0.observedAt)) / 86_400
    guard days > 0 else { return .missing(.noElapsedTime) }
    let perWeek = (p1.value - p0.value) / days * 7
    return perWeek.isFinite ? .value(perWeek) : .missing(.outOfRange)
  }

  /// Engagement rate: engagements counted over the snapshot's window divided by the followers of
  /// the same snapshot (the latest on or before D with engagements, within the staleness limit).
  public static func engagementRate(
    _ snapshots: [StatsSnapshot], on day: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays
  ) -> Metric<Double> {
    guard let s = latestEngagement(snapshots, on: day, stalenessDays: stalenessDays) else {
      return .missing(.noEngagements)
    }
    guard let followers = s.followers else { return .missing(.noSnapshot) }
    guard followers > 0 else { return .missing(.zeroFollowers) }
    let rate = Double(s.engagements!) / Double(followers)
    return rate.isFinite ? .value(rate) : .missing(.outOfRange)
  }

  /// Engagements per post: engagements over the window divided by the posts published in that
  /// window (posts(D) − posts(D − window)), where post counts are known.
  public static func engagementsPerPost(
    _ snapshots: [StatsSnapshot], on day: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays
  ) -> Metric<Double> {
    guard let s = latestEngagement(snapshots, on: day, stalenessDays: stalenessDays),
      let window = s.windowDays
    else { return .missing(.noEngagements) }
    // A window read from a database may be anything: beyond a century it is no window.
    guard window > 0, window <= 36_525 else { return .missing(.outOfRange) }
    guard let p1 = s.posts else { return .missing(.noPosts) }
    let start = SnapshotSelection.latest(
      snapshots, onOrBefore: s.day - window, stalenessDays: stalenessDays
    ) { $0.posts }
    guard let p0 = start.value else { return .missing(.noPosts) }
    let posts = Double(p1) - p0.value
    guard posts > 0 else { return .missing(.noPosts) }
    let v = Double(s.engagements!) / posts
    guard v.isFinite else { return .missing(.outOfRange) }
    return .value(v)
  }

  private static func latestEngagement(
    _ snapshots: [StatsSnapshot], on day: Day, stalenessDays: Int
  ) -> StatsSnapshot? {
    let end = day.endOfDayEpochSeconds
    let s = snapshots.filter {
      $0.observedAt <= end && $0.engagements != nil && $0.windowDays != nil
    }
    .max { $0.observedAt < $1.observedAt }
    guard let s, day - s.day <= stalenessDays else { return nil }
    return s
  }
}
