import Vocabulary

/// An entity as comparisons see it: the metrics' entity plus what peer groups are chosen by.
public struct CompareEntity: Sendable, Hashable {
  public var entity: StatsEntity
  /// ISO 3166-1 alpha-2.
  public var country: String
  /// An entity whose owner the sources do not identify: never a peer, never ranked.
  public var placeholder: Bool

  public init(_ entity: StatsEntity, country: String, placeholder: Bool = false) {
    self.entity = entity
    self.country = country
    self.placeholder = placeholder
  }

  public var id: String { entity.id }
}

/// Everything a scorecard, a side-by-side comparison or a league table is computed from.
public struct CompareInput: Sendable {
  public var asOf: Day
  public var stalenessDays: Int
  /// The entities that may be compared (placeholders included: the builders leave them out).
  public var entities: [CompareEntity]
  /// Channels of those entities.
  public var channels: [StatsChannel]
  /// Only the snapshots the figures read (see `CompareData` in Registry).
  public var snapshots: [StatsSnapshot]
  /// Reference figures whose country is the entities' country or unset.
  public var references: [StatsReference]
  /// Region code → display name.
  public var regionNames: [String: String]
  /// Surveys of the entities (every confidence): an entity without an open channel is missing
  /// `absent`, `not_surveyed` or `no_channel` as its status says.
  public var surveys: [StatsSurvey]
  public var minConfidence: Confidence
  /// The data is generated (`registry-cli generate`): every rendering says so at the top.
  public var synthetic = false

  public init(
    asOf: Day, stalenessDays: Int, entities: [CompareEntity], channels: [StatsChannel],
    snapshots: [StatsSnapshot], references: [StatsReference] = [],
    regionNames: [String: String] = [:], surveys: [StatsSurvey] = [],
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) {
    self.asOf = asOf
    self.stalenessDays = stalenessDays
    self.entities = entities
    self.channels = channels
    self.snapshots = snapshots
    self.references = references
    self.regionNames = regionNames
    self.surveys = surveys
    self.minConfidence = minConfidence
  }

  /// The status rule: the staleness limit as window.
  public var rule: PresenceRule {
    PresenceRule(windowDays: stalenessDays, minConfidence: minConfidence)
  }

  /// "Any social platform"'s platforms: those with a channel or a counted survey.
  public var platformSet: [String] {
    Presence.platformSet(channels: channels, surveys: surveys, rule: rule)
  }

  /// Snapshots grouped by channel.
  public func snapshotsByChannel() -> [Int64: [StatsSnapshot]] {
    Dictionary(grouping: snapshots, by: \.channelId)
  }
}
