import Vocabulary

/// One entity's figures on one platform selector (any social platform, or one platform) on a day.
public struct EntityFigures: Sendable, Equatable {
  public var entity: StatsEntity
  public var platform: PlatformSelector
  /// Open channels matching the selector on the day.
  public var channels: Int
  public var values: [CompareMetric: Metric<Double>]
  /// The figures' inputs (followers at the window start and end, population...), for listings.
  public var inputs: [String: Metric<Double>]
  /// Per growth window (days), the days of the baseline and end counts used; absent when the
  /// growth is missing.
  public var growthDates: [Int: GrowthDates] = [:]

  public subscript(_ m: CompareMetric) -> Metric<Double> { values[m] ?? .missing(.noValues) }

  /// Computes every metric. An entity with several matching channels adds their followers,
  /// growth (a matched panel: channels with both endpoints in their windows, each scaled to the
  /// window, `GrowthFigure`) and posts per week; its engagement
  /// rate is Σ(rate × followers) / Σ followers over channels with a rate and a follower count.
  /// An entity with no open matching channel has every metric missing, the reason its status
  /// on the platform gives (`Presence`, over `surveys` under `rule`; "any" over `platformSet`):
  /// `absent`, `not_surveyed` (unknown), or `no_channel` (present through a survey alone).
  public static func compute(
    _ entity: StatsEntity, channels: [StatsChannel], snapshots: [Int64: [StatsSnapshot]],
    platform: PlatformSelector, on day: Day, stalenessDays: Int, surveys: [StatsSurvey] = [],
    rule: PresenceRule? = nil, platformSet: [String] = []
  ) -> EntityFigures {
    let open = channels.filter {
      $0.entityId == entity.id && platform.matches($0) && $0.isOpen(on: day)
    }
    var f = EntityFigures(
      entity: entity, platform: platform, channels: open.count, values: [:], inputs: [:])
    f.inputs["population"] = entity.population.map { .value(Double($0)) } ?? .missing(.noPopulation)
    guard !open.isEmpty else {
      let status = Presence.status(
        of: entity.id, on: platform, platformSet: platformSet, channels: channels,
        snapshots: snapshots, surveys: surveys, day: day,
        rule: rule ?? PresenceRule(windowDays: stalenessDays))
      let reason: MissingReason
      switch status.status {
      case .present: reason = .noChannel
      case .absent: reason = .absent
      case .unknown: reason = .notSurveyed
      }
      for m in CompareMetric.allCases { f.values[m] = .missing(reason) }
      return f
    }
    let snaps = open.map { snapshots[$0.id] ?? [] }

    let current = snaps.map {
      SnapshotSelection.followers($0, on: day, stalenessDays: stalenessDays)
    }
    let followers = sum(current.map { $0.map(\.value) })
    f.values[.followers] = followers
    f.values[.followersPer1000] = followers.flatMap {
      PerCapita.perThousand($0, population: entity.population)
    }

    for (abs, pct) in [
      (CompareMetric.growth30d, CompareMetric.growth30dPct), (.growth90d, .growth90dPct),
      (.growth365d, .growth365dPct),
    ] {
      let w = abs.windowDays!
      let figures = snaps.map {
        Growth.over($0, windowDays: w, endingOn: day, stalenessDays: stalenessDays)
      }
      if let r = followers.reason {
        f.values[abs] = .missing(r)
        f.values[pct] = .missing(r)
        continue
      }
      let panel = Growth.panel(figures)
      f.values[abs] = panel.absolute
      f.values[pct] = panel.percent
      var s0 = 0.0
      var s1 = 0.0
      var dates: GrowthDates?
      for g in figures {
        guard let a = g.start.value, let b = g.end.value, let d = g.dates, g.scaledEnd != nil
        else { continue }
        s0 += a.value
        s1 += b.value
        if dates == nil { dates = d } else { dates!.include(d) }
      }
      let reason = panel.absolute.reason ?? .noBaselineInWindow
      f.inputs["followers_start_\(w)d"] = panel.channels > 0 ? .value(s0) : .missing(reason)
      f.inputs["followers_end_\(w)d"] = panel.channels > 0 ? .value(s1) : .missing(reason)
      f.growthDates[w] = dates
    }

    f.values[.postsPerWeek] = sum(
      snaps.map {
        Activity.postsPerWeek(
          $0, windowDays: CompareMetric.postsWindowDays, endingOn: day,
          stalenessDays: stalenessDays)
      })

    var weighted = 0.0
    var weights = 0.0
    var reasons: [MissingReason] = []
    for (i, s) in snaps.enumerated() {
      let rate = Activity.engagementRate(s, on: day, stalenessDays: stalenessDays)
      guard let r = rate.value else {
        reasons.append(rate.reason!)
        continue
      }
      guard let w = current[i].value?.value else {
        reasons.append(current[i].reason!)
        continue
      }
      weighted += r * w
      weights += w
    }
    if weights > 0 {
      f.values[.engagementRate] = .value(weighted / weights)
    } else {
      f.values[.engagementRate] = .missing(
        Distribution.dominant(reasons) ?? .noEngagements)
    }
    return f
  }

  /// The sum of the known values; missing (the most common reason) when none is known.
  static func sum(_ metrics: [Metric<Double>]) -> Metric<Double> {
    let known = metrics.compactMap(\.value)
    if known.isEmpty {
      return .missing(Distribution.dominant(metrics.compactMap(\.reason)) ?? .noSnapshot)
    }
    return .value(known.reduce(0, +))
  }
}
