import Vocabulary

/// A peer's value of one metric.
public struct PeerValue: Sendable, Equatable {
  public var id: String
  public var name: String
  public var value: Double
}

/// A peer whose value of one metric is missing, with the reason.
public struct PeerMissing: Sendable, Equatable {
  public var id: String
  public var reason: MissingReason
}

/// One metric of a scorecard: the entity's value against its peers.
public struct ScorecardRow: Sendable, Equatable {
  public var metric: CompareMetric
  public var value: Metric<Double>
  /// The distribution of the peers' known values (median, quartiles).
  public var peers: Distribution
  /// Peers with a known value, by value then id.
  public var peerValues: [PeerValue]
  /// Peers without a value, counted and listed apart, by id.
  public var peersMissing: [PeerMissing]
  /// Share of peers with a known value whose value is ≤ the entity's.
  public var percentile: Metric<Double>
  /// How many peers with a known value are ≤ the entity's (the percentile's numerator).
  public var peersAtOrBelow: Int
  /// The peer with the highest value (ties: the smallest id).
  public var best: PeerValue?
}

/// Whether an entity is on a platform, against the share of its peers that are.
public struct PlatformCoverage: Sendable, Equatable {
  public var platform: String
  public var entityOn: Bool
  public var peers: Proportion
}

/// Why a scorecard cannot be built.
public enum ScorecardError: Error, Equatable, Sendable {
  case unknownEntity(String)
  case placeholder(String)
  case notExisting(String, on: Day)
  case peers(PeerGroupError)

  public var message: String {
    switch self {
    case .unknownEntity(let id):
      return "no entity '\(id)' among the entities compared"
    case .placeholder(let id):
      return "\(id) is a placeholder (its owner is not identified), so it is left out of every "
        + "figure; choose an identified entity"
    case .notExisting(let id, let day):
      return "\(id) does not exist on \(day.description); choose an --as-of date within "
        + "its lifespan or its successor"
    case .peers(let e): return e.message
    }
  }
}

/// An entity against its peer group: every metric, platform coverage, a projection and the
/// reference figures that fit its scope.
public struct Scorecard: Sendable, Equatable {
  public var asOf: Day
  public var stalenessDays: Int
  public var entity: StatsEntity
  public var country: String
  public var regionName: String
  public var platform: PlatformSelector
  /// Open channels of the entity matching the platform.
  public var channels: Int
  /// Channels of the entity matching the platform with no opening or first-seen date: never
  /// counted as open, so a trainer knows why the entity looks absent.
  public var channelsWithoutDate: Int
  public var group: PeerGroup
  public var rows: [ScorecardRow]
  public var coverage: [PlatformCoverage]
  public var projection: ProjectionResult
  public var references: [ReferenceComparison]
  /// Per growth window (days), the days of the entity's baseline and end counts; absent when
  /// its growth over that window is missing.
  public var growthDates: [Int: GrowthDates] = [:]
  /// Built from generated data: every rendering says so at the top (`SyntheticBanner`).
  public var synthetic = false

  public static let percentileDefinition =
    "percentile rank = share of the peers with a known value whose value is equal to or lower "
    + "than the entity's (1.0: no peer is higher; peers with a missing value are not counted)"

  /// Builds the scorecard of `entityId` against the peers chosen by `basis`.
  public static func build(
    _ input: CompareInput, entityId: String, basis: PeerBasis, platform: PlatformSelector
  ) -> Result<Scorecard, ScorecardError> {
    guard let target = input.entities.first(where: { $0.id == entityId }) else {
      return .failure(.unknownEntity(entityId))
    }
    if target.placeholder { return .failure(.placeholder(entityId)) }
    let day = input.asOf
    guard target.entity.exists(on: day) else { return .failure(.notExisting(entityId, on: day)) }
    let group: PeerGroup
    switch PeerGroup.select(for: target, among: input.entities, basis: basis, on: day) {
    case .success(let g): group = g
    case .failure(let e): return .failure(.peers(e))
    }
    let byChannel = input.snapshotsByChannel()
    let platformSet = input.platformSet
    func figures(_ e: StatsEntity) -> EntityFigures {
      EntityFigures.compute(
        e, channels: input.channels, snapshots: byChannel, platform: platform, on: day,
        stalenessDays: input.stalenessDays, surveys: input.surveys, rule: input.rule,
        platformSet: platformSet)
    }
    let mine = figures(target.entity)
    let theirs = group.members.map(figures)
    let rows = CompareMetric.allCases.map { row($0, mine[$0], theirs) }

    let peerIds = Set(group.members.map(\.id))
    let open = input.channels.filter { $0.isOpen(on: day) && $0.isSocial }
    let platforms = Set(
      open.filter { peerIds.contains($0.entityId) || $0.entityId == entityId }.map(\.platform))
    var coverage = platforms.map { p in
      PlatformCoverage(
        platform: p, entityOn: open.contains { $0.entityId == entityId && $0.platform == p },
        peers: Adoption.rate(group.members, open, .platform(p), on: day))
    }
    coverage.sort {
      ($0.peers.successes, $1.platform) > ($1.peers.successes, $0.platform)
    }

    let mineChannels = input.channels.filter {
      $0.entityId == entityId && platform.matches($0) && $0.isOpen(on: day)
    }
    let projection = Projection.project(
      mineChannels.map { byChannel[$0.id] ?? [] }, on: day, stalenessDays: input.stalenessDays)

    var references: [ReferenceComparison] = []
    let platformName: String? = platform == .anySocial ? nil : platform.name
    for r in input.references.sorted(by: { ($0.asOf, $0.id) < ($1.asOf, $1.id) })
    where r.fits(
      country: target.country, region: target.entity.region, kind: target.entity.kind,
      platform: platformName)
    {
      let selector: PlatformSelector = r.platform.map { .platform($0) } ?? .anySocial
      let followers =
        selector == platform ? mine[.followers] : figures(target.entity, selector)[.followers]
      references.append(
        ReferenceComparison.compare(
          r, entityId: entityId, followers: followers,
          peerAdoption: Adoption.rate(group.members, open, selector, on: day)))
    }
    func figures(_ e: StatsEntity, _ s: PlatformSelector) -> EntityFigures {
      EntityFigures.compute(
        e, channels: input.channels, snapshots: byChannel, platform: s, on: day,
        stalenessDays: input.stalenessDays, surveys: input.surveys, rule: input.rule,
        platformSet: platformSet)
    }

    return .success(
      Scorecard(
        asOf: day, stalenessDays: input.stalenessDays, entity: target.entity,
        country: target.country,
        regionName: input.regionNames[target.entity.region] ?? target.entity.region,
        platform: platform, channels: mine.channels,
        channelsWithoutDate: input.channels.filter {
          $0.entityId == entityId && platform.matches($0) && $0.openedOn == nil
        }.count, group: group, rows: rows, coverage: coverage,
        projection: projection, references: references, growthDates: mine.growthDates,
        synthetic: input.synthetic))
  }

  /// The entity's value of `metric` against the peers' values.
  public static func row(
    _ metric: CompareMetric, _ value: Metric<Double>, _ peers: [EntityFigures]
  ) -> ScorecardRow {
    var known: [PeerValue] = []
    var missing: [PeerMissing] = []
    for p in peers {
      switch p[metric] {
      case .value(let v): known.append(PeerValue(id: p.entity.id, name: p.entity.name, value: v))
      case .missing(let r): missing.append(PeerMissing(id: p.entity.id, reason: r))
      }
    }
    known.sort { ($0.value, $0.id) < ($1.value, $1.id) }
    missing.sort { $0.id < $1.id }
    let values = known.map(\.value)
    let percentile: Metric<Double>
    var atOrBelow = 0
    if let v = value.value {
      atOrBelow = values.filter { $0 <= v }.count
      percentile =
        peers.isEmpty
        ? .missing(.noEntities)
        : values.isEmpty ? .missing(.noValues) : PeerRank.percentile(v, among: values)
    } else {
      percentile = .missing(value.reason!)
    }
    let best = known.max { ($0.value, $1.id) < ($1.value, $0.id) }
    return ScorecardRow(
      metric: metric, value: value,
      peers: Distribution.of(values, reasons: missing.map(\.reason)), peerValues: known,
      peersMissing: missing, percentile: percentile, peersAtOrBelow: atOrBelow, best: best)
  }
}
