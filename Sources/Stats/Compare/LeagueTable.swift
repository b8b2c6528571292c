import Vocabulary

/// One entity's place in a league table.
public struct LeagueEntry: Sendable, Equatable {
  /// Competition rank ("1, 2, 2, 4"): 1 + the number of entities with a strictly higher value.
  public var rank: Int
  public var entity: StatsEntity
  public var value: Double
  /// The figure's inputs (followers, population, window endpoints), missing ones with a reason.
  public var inputs: [String: Metric<Double>]
  /// For a growth metric, the days of the baseline and end counts used.
  public var growthDates: GrowthDates?
}

/// An entity left out of the ranking because its value is missing.
public struct LeagueMissing: Sendable, Equatable {
  public var entity: StatsEntity
  public var reason: MissingReason
}

/// A ranking of entities by one metric, highest first.
public struct LeagueTable: Sendable, Equatable {
  public var metric: CompareMetric
  public var platform: PlatformSelector
  public var asOf: Day
  /// Entities ranked (all of them, or those with rank ≤ top).
  public var entries: [LeagueEntry]
  /// Entities with a value that `top` cut off.
  public var cutOff: Int
  /// Entities with no value, by id, with the reason.
  public var missing: [LeagueMissing]
  /// Placeholder entities in scope, left out.
  public var placeholdersExcluded: Int
  /// Built from generated data: every rendering says so at the top (`SyntheticBanner`).
  public var synthetic = false

  public static let tieRule =
    "competition ranking (1, 2, 2, 4): equal values share a rank, the next rank skips; "
    + "equal values are listed by entity id"

  /// Ranks `figures` by `metric`, highest first. With `top`, keeps the entries whose rank is at
  /// most `top` (so a tie at the cut keeps every tied entity).
  public static func build(
    _ figures: [EntityFigures], metric: CompareMetric, platform: PlatformSelector, asOf: Day,
    top: Int? = nil, placeholdersExcluded: Int = 0
  ) -> LeagueTable {
    var known: [(EntityFigures, Double)] = []
    var missing: [LeagueMissing] = []
    for f in figures {
      switch f[metric] {
      case .value(let v): known.append((f, v))
      case .missing(let r): missing.append(LeagueMissing(entity: f.entity, reason: r))
      }
    }
    known.sort { ($1.1, $0.0.entity.id) < ($0.1, $1.0.entity.id) }
    var entries: [LeagueEntry] = []
    for (i, (f, v)) in known.enumerated() {
      let rank = i > 0 && known[i - 1].1 == v ? entries[i - 1].rank : i + 1
      var inputs = f.inputs
      if metric != .followers { inputs["followers"] = f[.followers] }
      entries.append(
        LeagueEntry(
          rank: rank, entity: f.entity, value: v, inputs: inputs,
          growthDates: metric.windowDays.flatMap { f.growthDates[$0] }))
    }
    let all = entries.count
    if let top { entries = entries.filter { $0.rank <= top } }
    missing.sort { $0.entity.id < $1.entity.id }
    return LeagueTable(
      metric: metric, platform: platform, asOf: asOf, entries: entries, cutOff: all - entries.count,
      missing: missing, placeholdersExcluded: placeholdersExcluded)
  }

  /// The input columns a metric's league table shows, in order.
  public static func inputColumns(_ metric: CompareMetric) -> [String] {
    switch metric {
    case .followers: return ["population"]
    case .followersPer1000: return ["followers", "population"]
    case .growth30d, .growth30dPct, .growth90d, .growth90dPct, .growth365d, .growth365dPct:
      let w = metric.windowDays!
      return ["followers_start_\(w)d", "followers_end_\(w)d", "followers"]
    case .postsPerWeek, .engagementRate: return ["followers"]
    }
  }

  /// The date columns a growth metric's league table shows after its inputs: the days of the
  /// baseline and end counts (`GrowthDates`); none for other metrics.
  public static func dateColumns(_ metric: CompareMetric) -> [String] {
    guard let w = metric.windowDays else { return [] }
    return ["baseline_on_\(w)d", "end_on_\(w)d"]
  }

  /// The date columns' values for an entry, in `dateColumns` order (nil when unknown).
  public static func dates(_ e: LeagueEntry) -> [String?] {
    guard let d = e.growthDates else { return [nil, nil] }
    return [d.baselineText, d.endText]
  }
}

/// Two or more entities side by side: the same metrics, one column per entity.
public struct SideBySide: Sendable, Equatable {
  public var asOf: Day
  public var platform: PlatformSelector
  public var figures: [EntityFigures]
  public var projections: [ProjectionResult]
  /// Social platforms each entity has an open channel on.
  public var platforms: [[String]]
  /// Built from generated data: every rendering says so at the top (`SyntheticBanner`).
  public var synthetic = false

  /// Builds the comparison; unknown or placeholder ids and entities not existing on the date
  /// are refused with the reason.
  public static func build(
    _ input: CompareInput, ids: [String], platform: PlatformSelector
  ) -> Result<SideBySide, ScorecardError> {
    let day = input.asOf
    let byChannel = input.snapshotsByChannel()
    let platformSet = input.platformSet
    var out = SideBySide(
      asOf: day, platform: platform, figures: [], projections: [], platforms: [],
      synthetic: input.synthetic)
    for id in ids {
      guard let e = input.entities.first(where: { $0.id == id }) else {
        return .failure(.unknownEntity(id))
      }
      if e.placeholder { return .failure(.placeholder(id)) }
      guard e.entity.exists(on: day) else { return .failure(.notExisting(id, on: day)) }
      out.figures.append(
        EntityFigures.compute(
          e.entity, channels: input.channels, snapshots: byChannel, platform: platform, on: day,
          stalenessDays: input.stalenessDays, surveys: input.surveys, rule: input.rule,
          platformSet: platformSet))
      let open = input.channels.filter { $0.entityId == id && $0.isOpen(on: day) }
      out.projections.append(
        Projection.project(
          open.filter { platform.matches($0) }.map { byChannel[$0.id] ?? [] }, on: day,
          stalenessDays: input.stalenessDays))
      out.platforms.append(Set(open.filter(\.isSocial).map(\.platform)).sorted())
    }
    return .success(out)
  }
}
