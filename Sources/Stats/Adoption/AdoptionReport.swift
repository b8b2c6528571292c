import Vocabulary

/// Figures for one group of entities (a region, or the whole country) on one platform selector.
public struct GroupFigures: Sendable, Equatable {
  /// Region code, or `ALL` for the whole scope.
  public var region: String
  /// Platform name, or `any` for any social platform.
  public var platform: String
  /// Present entities / entities existing on D with its Wilson interval: the lower bound
  /// (`presence.lower`), kept as the report's first figure was; not an estimate of the share.
  public var adoption: Proportion
  /// Statuses, bounds, coverage and the estimate from the entities whose status is known.
  public var presence: AdoptionBounds
  /// Audience of the adopting entities (sum of their fresh channels' followers on the platform).
  public var followers: Distribution
  /// Adopters whose audience is missing.
  public var followersMissing: Int
  public var perThousand: Metric<Double>
  /// Median over the group's open channels of the 90-day growth in percent (`GrowthFigure`).
  public var growth90PctMedian: Metric<Double>
  public var growth365PctMedian: Metric<Double>
  /// Published figures of the same scope dated within a year of D, printed beside the estimate.
  public var published: [PublishedFigure] = []

  public var entities: Int { adoption.total }
  /// Entities present on D (the lower bound's numerator).
  public var adopters: Int { adoption.successes }
}

/// Growth of a panel of channels over one window (`GrowthFigure`, `Growth.panel`).
public struct PanelGrowth: Sendable, Equatable {
  public var windowDays: Int
  public var absolute: Metric<Double>
  public var percent: Metric<Double>
  /// Channels with both endpoints in their windows.
  public var channels: Int
  /// The days of the baselines and end points used (earliest and latest of each); nil when
  /// no channel has both.
  public var dates: GrowthDates?
}

/// An entity's audience on social media, for the top and bottom listings.
public struct EntityAudience: Sendable, Equatable {
  public var id: String
  public var name: String
  public var region: String
  public var followers: Metric<Double>
}

/// Counts of entities on social media by what they state about emergencies.
public struct DisclaimerCounts: Sendable, Equatable {
  /// At least one open social channel states it.
  public var yes = 0
  /// Every open social channel is known not to state it.
  public var no = 0
  /// Otherwise (some channel's statement is unknown and none states it).
  public var unknown = 0
}

/// How much of the report rests on weak data.
public struct DataQuality: Sendable, Equatable {
  /// Open social channels of entities existing on D.
  public var openSocialChannels = 0
  public var freshSnapshot = 0
  public var staleSnapshot = 0
  public var noSnapshot = 0
  /// Channels with a fresh count but no count within W/6 days of D − W (90 and 365 days).
  public var noBaseline90 = 0
  public var noBaseline365 = 0
  /// Channels with a fresh count older than W/6 days: no W-day growth ends on D.
  public var noEnd90 = 0
  public var noEnd365 = 0
  public var lowConfidence = 0
  public var mediumConfidence = 0
  public var disclaimerUnknown = 0
  /// Channels of entities in scope with no date at all (no opening, no first sighting, a source
  /// without publication or retrieval date): never counted as open.
  public var channelsWithoutOpeningDate = 0
  /// Channels of entities in scope dated by their source alone (no opening, no first sighting).
  public var channelsDatedBySource = 0
  /// (Entity, platform column) pairs present through an open channel that a counted absent
  /// survey, dated on or after the channel's evidence date, contradicts (the channel wins).
  public var presenceConflicts = 0
  /// Surveys of the entities in scope that count, and those below `--min-confidence`.
  public var surveysCounted = 0
  public var surveysBelowConfidence = 0
  /// Entities existing on D without a known population.
  public var entitiesWithoutPopulation = 0
  /// Placeholder entities (owners not identified by the sources) left out of every figure.
  public var placeholdersExcluded = 0
  /// Starts and ends of entities in scope known only as a year or between bounds; the counts
  /// use the latest date the sources allow. Listed after the lines.
  public var uncertainDates: [UncertainDateNote] = []

  /// The figures as labelled lines, in report order; every renderer prints these.
  public func lines(stalenessDays: Int) -> [(label: String, value: Int)] {
    let t90 = Growth.tolerance(90)
    let t365 = Growth.tolerance(365)
    return [
      ("Open social channels", openSocialChannels),
      ("… with a fresh follower count", freshSnapshot),
      ("… with a stale count (older than \(stalenessDays) days)", staleSnapshot),
      ("… with no snapshot", noSnapshot),
      ("Fresh count older than \(t90) days: no 90-day growth", noEnd90),
      ("Fresh count but no count within \(t90) days of D − 90: no 90-day growth", noBaseline90),
      ("Fresh count older than \(t365) days: no 365-day growth", noEnd365),
      (
        "Fresh count but no count within \(t365) days of D − 365: no 365-day growth",
        noBaseline365
      ),
      ("Low-confidence ownership", lowConfidence),
      ("Medium-confidence ownership", mediumConfidence),
      ("Emergency disclaimer unknown (channels)", disclaimerUnknown),
      (
        "Channels dated by their source only (no opening or first-seen date)", channelsDatedBySource
      ),
      ("Channels without any date (never counted)", channelsWithoutOpeningDate),
      ("Surveys counted", surveysCounted),
      ("Surveys below the minimum confidence (not counted)", surveysBelowConfidence),
      (
        "Channels open while a later absent survey says otherwise (entity × platform)",
        presenceConflicts
      ),
      ("Entities without a known population", entitiesWithoutPopulation),
      (
        "Placeholder entities left out of every figure (owner not identified)", placeholdersExcluded
      ),
      (
        "Entity starts and ends known only between bounds (counted on the latest date)",
        uncertainDates.count
      ),
    ]
  }
}

/// The national adoption report as numbers; renderers turn it into Markdown, HTML, JSON or CSV.
public struct AdoptionReport: Sendable {
  public var asOf: Day
  /// The staleness limit, also the statuses' window.
  public var stalenessDays: Int
  /// Surveys below this confidence are not counted.
  public var minConfidence: Confidence
  /// The platforms "any social platform" is decided over: absent on any means absent on each.
  public var platformSet: [String]
  public var filters: ReportFilters
  public var regionNames: [String: String]
  /// The selectors in column order: `any` first, then the filter's platforms.
  public var selectors: [PlatformSelector]
  /// Rows for the whole scope (`ALL`), one per selector.
  public var national: [GroupFigures]
  /// Rows per region × selector, regions sorted by code.
  public var regions: [GroupFigures]
  public var growth90: PanelGrowth
  public var growth365: PanelGrowth
  public var disclaimer: DisclaimerCounts
  public var top: [EntityAudience]
  public var bottom: [EntityAudience]
  /// Adopting entities whose audience is missing, with the reason.
  public var missingAudience: [EntityAudience]
  /// Audience of every adopting entity with a known value, per region (for the distribution chart).
  public var audienceByRegion: [String: [Double]]
  /// Points per region (and `ALL`) and selector.
  public var diffusion: [String: [DiffusionPoint]]
  public var dataQuality: DataQuality
  public var sources: [Citation]
  /// Each entity existing on the date, once per id, in input order: what the zone map shows.
  public var entities: [EntityAdoption]
  /// Built from generated data: every rendering says so at the top (`SyntheticBanner`).
  public var synthetic = false

  /// The `any` row for the whole scope.
  public var nationalAny: GroupFigures { national[0] }

  /// The position of the selector named `name` (`any` or a platform) in `selectors`.
  public func selectorIndex(_ name: String) -> Int? {
    selectors.firstIndex { $0.name == name }
  }

  public func regionName(_ code: String) -> String {
    code == "ALL" ? "All regions" : regionNames[code] ?? code
  }
}
