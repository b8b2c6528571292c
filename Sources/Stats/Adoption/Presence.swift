import Vocabulary

/// Each entity's status on a platform (or on any social platform) on a day, from its channels,
/// the snapshots read of them and its surveys: the rule `PresenceTally` decides, applied to plain
/// lists. The comparisons and listings use it as is; the adoption report, which needs it for
/// every entity of a country, applies the same tally over its index (`ReportPresence`).
public enum Presence {
  /// The status of entity `entityId` on `platform` on `day`. `channels` and `surveys` may hold
  /// other entities' (they are filtered here); `snapshots` are those read of the channels (a
  /// channel's latest one on or before `day` is a presence event).
  public static func status(
    of entityId: String, on platform: String, channels: [StatsChannel],
    snapshots: [Int64: [StatsSnapshot]], surveys: [StatsSurvey], day: Day, rule: PresenceRule
  ) -> PlatformPresence {
    let mine = channels.filter { $0.entityId == entityId && $0.platform == platform }
    var tally = PresenceTally(on: day)
    add(mine, snapshots: snapshots, to: &tally, day: day)
    for s in surveys
    where s.entityId == entityId && s.platform == platform && rule.counts(s) {
      tally.addSurvey(s.day, s.result)
    }
    return tally.decide(windowDays: rule.windowDays)
  }

  /// The status on "any social platform": present on one of them, absent only when absent on
  /// every platform of `platformSet` (the report's set of platforms), else unknown.
  public static func anyStatus(
    of entityId: String, platformSet: [String], channels: [StatsChannel],
    snapshots: [Int64: [StatsSnapshot]], surveys: [StatsSurvey], day: Day, rule: PresenceRule
  ) -> PlatformPresence {
    var others = Set(channels.filter { $0.entityId == entityId && $0.isSocial }.map(\.platform))
    others.formUnion(
      surveys.filter { $0.entityId == entityId && Platform.isSocial(name: $0.platform) }
        .map(\.platform))
    let required = platformSet.filter { Platform.isSocial(name: $0) }
    others.subtract(required)
    func one(_ p: String) -> PlatformPresence {
      status(
        of: entityId, on: p, channels: channels, snapshots: snapshots, surveys: surveys,
        day: day, rule: rule)
    }
    return PlatformPresence.any(required: required.map(one), others: others.sorted().map(one))
  }

  /// The status on a selector: one platform, or any social platform over `platformSet`.
  public static func status(
    of entityId: String, on selector: PlatformSelector, platformSet: [String],
    channels: [StatsChannel], snapshots: [Int64: [StatsSnapshot]], surveys: [StatsSurvey],
    day: Day, rule: PresenceRule
  ) -> PlatformPresence {
    switch selector {
    case .anySocial:
      return anyStatus(
        of: entityId, platformSet: platformSet, channels: channels, snapshots: snapshots,
        surveys: surveys, day: day, rule: rule)
    case .platform(let p):
      return status(
        of: entityId, on: p, channels: channels, snapshots: snapshots, surveys: surveys,
        day: day, rule: rule)
    }
  }

  /// Adds the channels of one entity on one platform, with their snapshots, to a tally.
  static func add(
    _ channels: [StatsChannel], snapshots: [Int64: [StatsSnapshot]], to tally: inout PresenceTally,
    day: Day
  ) {
    for c in channels {
      tally.addChannel(
        evidence: c.openedOn, closed: c.closedOn, verified: c.verifiedOn,
        closingCounts: closingCounts(c, among: channels))
      if let latest = latestSnapshotDay(snapshots[c.id] ?? [], onOrBefore: day) {
        tally.addSnapshot(latest)
      }
    }
  }

  /// Whether channel `c`'s closing is an absence event: no other of `channels` (the entity's on
  /// the same platform) is open on its closing day.
  public static func closingCounts(_ c: StatsChannel, among channels: [StatsChannel]) -> Bool {
    guard let closed = c.closedOn else { return false }
    return !channels.contains { $0.id != c.id && $0.isOpen(on: closed) }
  }

  /// The day of the latest snapshot on or before `day` (any field known), nil when none.
  static func latestSnapshotDay<C: Collection<StatsSnapshot>>(
    _ snapshots: C, onOrBefore day: Day
  ) -> Day? {
    let end = day.endOfDayEpochSeconds
    var best: Int64?
    for s in snapshots where s.observedAt <= end && s.observedAt > (best ?? .min) {
      best = s.observedAt
    }
    return best.map { Day(epochSeconds: $0) }
  }

  /// The platform set of a scope, "any"'s platforms: the social platforms on which some entity
  /// has a channel or a counted survey, in `Platform` order.
  public static func platformSet(
    channels: [StatsChannel], surveys: [StatsSurvey], rule: PresenceRule
  ) -> [String] {
    // Platform names repeat: each distinct one is checked once (a report reads one per channel).
    var seen: [String] = []
    for c in channels where !seen.contains(c.platform) { seen.append(c.platform) }
    for s in surveys where rule.counts(s) && !seen.contains(s.platform) { seen.append(s.platform) }
    let used = Set(seen.filter { Platform.isSocial(name: $0) })
    return Platform.allCases.map(\.rawValue).filter { used.contains($0) }
  }
}
