import Registry
import Stats
import Vocabulary

/// What a comparison is asked for.
public struct CompareRequest: Sendable, Equatable {
  /// One entity for a scorecard; two or more to put them side by side. Each as `show` takes
  /// it: id, official code, name, or a channel's key, handle or URL (its owner on `asOf`).
  public var entityIds: [String]
  public var peers: PeerBasis
  public var platform: PlatformSelector
  public var asOf: Day
  public var stalenessDays: Int
  /// Surveys below this confidence are not counted (an entity's missing reason).
  public var minConfidence: Confidence

  public init(
    entityIds: [String], peers: PeerBasis = .region, platform: PlatformSelector = .anySocial,
    asOf: Day, stalenessDays: Int = SnapshotSelection.defaultStalenessDays,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) {
    self.entityIds = entityIds
    self.peers = peers
    self.platform = platform
    self.asOf = asOf
    self.stalenessDays = stalenessDays
    self.minConfidence = minConfidence
  }
}

/// A comparison: one entity's scorecard, or several entities side by side.
public enum Comparison: Sendable {
  case scorecard(Scorecard, snapshotsRead: Int)
  case sideBySide(SideBySide)
}

/// What a league table is asked for.
public struct RankRequest: Sendable, Equatable {
  public var scope: ScopeRequest
  public var metric: CompareMetric
  public var platform: PlatformSelector
  /// Keep the entities ranked N or better (ties at the cut are all kept).
  public var top: Int?

  public init(
    scope: ScopeRequest, metric: CompareMetric, platform: PlatformSelector = .anySocial,
    top: Int? = nil
  ) {
    self.scope = scope
    self.metric = metric
    self.platform = platform
    self.top = top
  }
}

/// Scorecards, side-by-side comparisons and league tables, from the registry to Stats.
public enum Comparing {
  /// The snapshots the figures read: each growth window's baseline seek (`Growth`), the
  /// projection's, and the posts-per-week window's.
  static let seeks = CompareSeeks(
    growthDays: CompareMetric.growthWindows.map(Growth.baselineSeekDays),
    projectionDays: Projection.windows.map { Growth.baselineSeekDays($0.days) },
    postsDays: CompareMetric.postsWindowDays)

  /// The scorecard of one entity against its peers, or several entities side by side.
  public static func compare(_ registry: RegistryDatabase, _ request: CompareRequest) throws
    -> Comparison
  {
    // Each entity as `show` finds it (id, code, name, or a channel of it on the date).
    var countries: [String] = []
    var ids: [String] = []
    for text in request.entityIds {
      let e = try registry.resolveEntity(text, on: request.asOf)
      if ids.contains(e.id) {
        throw RequestError("entities", "'\(text)' names \(e.id), which is already compared")
      }
      ids.append(e.id)
      if !countries.contains(e.country) { countries.append(e.country) }
    }
    var input: CompareInput?
    for c in countries {
      let part = CompareInputMapping.input(
        try registry.compareData(country: c, asOf: request.asOf, seeks: seeks), asOf: request.asOf,
        stalenessDays: request.stalenessDays, minConfidence: request.minConfidence)
      if var i = input {
        i.entities += part.entities
        i.channels += part.channels
        i.snapshots += part.snapshots
        i.surveys += part.surveys
        i.references += part.references.filter { !i.references.contains($0) }
        i.regionNames.merge(part.regionNames) { a, _ in a }
        i.synthetic = i.synthetic || part.synthetic
        input = i
      } else {
        input = part
      }
    }
    guard let input else { throw RequestError("entities", "give an entity id") }
    if ids.count == 1 {
      switch Scorecard.build(
        input, entityId: ids[0], basis: request.peers, platform: request.platform)
      {
      case .success(let s): return .scorecard(s, snapshotsRead: input.snapshots.count)
      case .failure(let e): throw RegistryError.invalid(e.message)
      }
    }
    switch SideBySide.build(input, ids: ids, platform: request.platform) {
    case .success(let s): return .sideBySide(s)
    case .failure(let e): throw RegistryError.invalid(e.message)
    }
  }

  /// A league table of the entities in scope by one metric.
  public static func rank(_ registry: RegistryDatabase, _ request: RankRequest) throws
    -> LeagueTable
  {
    let scope = request.scope
    try scope.checkRegions(in: registry)
    let input = CompareInputMapping.input(
      try registry.compareData(country: scope.country, asOf: scope.asOf, seeks: seeks),
      asOf: scope.asOf, stalenessDays: scope.stalenessDays, minConfidence: scope.minConfidence)
    let kinds = scope.kinds.map(\.rawValue)
    let inScope = input.entities.filter {
      kinds.contains($0.entity.kind)
        && (scope.regions.isEmpty || scope.regions.contains($0.entity.region))
        && $0.entity.exists(on: input.asOf)
    }
    let byChannel = input.snapshotsByChannel()
    let platformSet = input.platformSet
    let figures = inScope.filter { !$0.placeholder }.map {
      EntityFigures.compute(
        $0.entity, channels: input.channels, snapshots: byChannel, platform: request.platform,
        on: input.asOf, stalenessDays: scope.stalenessDays, surveys: input.surveys,
        rule: input.rule, platformSet: platformSet)
    }
    var table = LeagueTable.build(
      figures, metric: request.metric, platform: request.platform, asOf: input.asOf,
      top: request.top, placeholdersExcluded: inScope.filter(\.placeholder).count)
    table.synthetic = input.synthetic
    return table
  }

  /// A scorecard or a comparison as text in `format` (side by side has no page of its own: its
  /// `html` is its JSON, as before).
  /// `html` gives a web page its style nonce.
  public static func render(
    _ comparison: Comparison, as format: ScorecardFormat, html: HTMLOptions = HTMLOptions()
  ) -> String {
    switch comparison {
    case .scorecard(let card, _):
      switch format {
      case .table: return ScorecardText.render(card, markdown: false)
      case .markdown: return ScorecardText.render(card, markdown: true)
      case .json: return ScorecardJSON.render(card)
      case .html: return ScorecardHTML.render(card, options: html)
      }
    case .sideBySide(let side):
      switch format {
      case .table: return SideBySideText.render(side, markdown: false)
      case .markdown: return SideBySideText.render(side, markdown: true)
      case .json, .html: return ScorecardJSON.render(side)
      }
    }
  }
}
