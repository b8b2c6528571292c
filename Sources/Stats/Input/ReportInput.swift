import Vocabulary

/// The filters a report was built with, printed so the figures can be reproduced.
public struct ReportFilters: Sendable, Equatable {
  public var country: String
  public var regions: [String]
  public var kinds: [String]
  /// The platforms given one column each (the "any" column is always there).
  public var platforms: [String]

  public init(country: String, regions: [String], kinds: [String], platforms: [String]) {
    self.country = country
    self.regions = regions
    self.kinds = kinds
    self.platforms = platforms
  }
}

/// An entity's start or end that the sources give only as a year or between bounds: `used` is
/// the day the counts use (the latest the sources allow), listed under data quality.
public struct UncertainDateNote: Sendable, Equatable {
  public var entityId: String
  /// `start` or `end`.
  public var side: String
  public var used: String
  public var earliest: String?
  public var latest: String?
  public var sourceKey: String

  public init(
    entityId: String, side: String, used: String, earliest: String?, latest: String?,
    sourceKey: String
  ) {
    self.entityId = entityId
    self.side = side
    self.used = used
    self.earliest = earliest
    self.latest = latest
    self.sourceKey = sourceKey
  }

  /// "be-pz-mechelen: end 2015-12-31 (between 2015-01-01 and 2015-12-31; source gva-2021-mewi)".
  public var text: String {
    "\(entityId): \(side) \(used) (between \(earliest ?? "an unknown date") and "
      + "\(latest ?? "an unknown date"); source \(sourceKey))"
  }
}

/// Everything the adoption report is computed from: value types only.
public struct ReportInput: Sendable {
  public var asOf: Day
  public var stalenessDays: Int
  public var filters: ReportFilters
  /// Entities in scope (country, kinds, regions), existing on the date or not: lineage decides.
  public var entities: [StatsEntity]
  public var channels: [StatsChannel]
  /// Only the snapshots needed: per open channel the latest on or before D, D − 75 and D − 305
  /// (the growth baselines' windows end there: `Growth.baselineSeekDays`); per other channel of
  /// an entity existing on D, the latest on or before D (presence evidence).
  public var snapshots: [StatsSnapshot]
  public var sources: [Citation]
  /// Region code → display name.
  public var regionNames: [String: String]
  /// Placeholder entities in scope, left out of every figure and reported under data quality.
  public var placeholdersExcluded = 0
  /// The surveys of the entities in scope (every confidence: the rule says which count).
  public var surveys: [StatsSurvey] = []
  /// Which surveys count (`--min-confidence`); its window is the staleness limit.
  public var minConfidence: Confidence = PresenceRule.defaultMinConfidence
  /// Published figures that may match the scope (the builder keeps those that do).
  public var references: [StatsReference] = []
  /// The sources of `references`, cited when their figure is printed.
  public var referenceSources: [Citation] = []
  /// `Presence.platformSet` of these channels and surveys, when the caller has it already (it
  /// is computed otherwise).
  public var platformSet: [String]?
  /// Uncertain starts and ends of the entities in scope, listed under data quality.
  public var uncertainDates: [UncertainDateNote] = []
  /// The data is generated (`registry-cli generate`): every rendering says so at the top.
  public var synthetic = false
  /// Whether the report lists each entity's standing (`AdoptionReport.entities`), which only the
  /// zone map draws: the HTML report and the web pages. Left out, the JSON, CSV and Markdown
  /// are the same and a 300k-account report keeps some 45 MB less.
  public var listsEntities = true

  public init(
    asOf: Day, stalenessDays: Int, filters: ReportFilters, entities: [StatsEntity],
    channels: [StatsChannel], snapshots: [StatsSnapshot], sources: [Citation],
    regionNames: [String: String], placeholdersExcluded: Int = 0, surveys: [StatsSurvey] = [],
    minConfidence: Confidence = PresenceRule.defaultMinConfidence,
    references: [StatsReference] = [], referenceSources: [Citation] = []
  ) {
    self.asOf = asOf
    self.stalenessDays = stalenessDays
    self.filters = filters
    self.entities = entities
    self.channels = channels
    self.snapshots = snapshots
    self.sources = sources
    self.regionNames = regionNames
    self.placeholdersExcluded = placeholdersExcluded
    self.surveys = surveys
    self.minConfidence = minConfidence
    self.references = references
    self.referenceSources = referenceSources
  }

  /// The status rule: the staleness limit as window, `minConfidence`.
  public var rule: PresenceRule {
    PresenceRule(windowDays: stalenessDays, minConfidence: minConfidence)
  }
}
