import Foundation
import GRDB
import Vocabulary

/// What the adoption report needs from the registry, as plain rows.
public struct ReportData: Sendable {
  public struct EntityRow: Sendable, Hashable {
    public var id: String
    public var name: String
    public var region: String
    public var kind: String
    public var population: Int64?
    public var validFrom: Day?
    public var validTo: Day?
  }

  public struct ChannelRow: Sendable, Hashable {
    public var id: Int64
    public var entityId: String
    public var platform: String
    /// The evidence date: opening date, else first sighting, else its source's publication,
    /// else retrieval date (`dating` says which).
    public var openedOn: Day?
    public var dating: ChannelDating?
    public var closedOn: Day?
    public var verifiedOn: Day?
    public var disclaimer: Bool?
    public var confidence: String
  }

  /// A survey as the statuses read it.
  public struct SurveyRow: Sendable, Hashable {
    public var entityId: String
    public var platform: String
    public var observedOn: Day
    public var result: SurveyResult
    public var confidence: Confidence
    public var method: String
    public var handle: String?
    public var sourceKey: String
  }

  public struct SnapshotRow: Sendable, Hashable {
    public var channelId: Int64
    public var observedAt: Int64
    public var followers: Int64?
    public var posts: Int64?
    public var engagements: Int64?
    public var windowDays: Int64?
  }

  /// A channel's follower count at one time: all the adoption report reads of a snapshot.
  public struct FollowerRow: Sendable, Hashable {
    public var channelId: Int64
    public var observedAt: Int64
    public var followers: Int64
  }

  public var entities: [EntityRow] = []
  public var channels: [ChannelRow] = []
  /// Per open channel, the snapshots the report reads (their follower counts), in channel id
  /// order, newest first.
  public var snapshots: [FollowerRow] = []
  /// Sources of the entities existing on the date, of their open channels and of the snapshots used.
  public var sources: [Source] = []
  public var regionNames: [String: String] = [:]
  /// Placeholder entities in scope (owners the sources do not identify), left out of every figure.
  public var placeholdersExcluded = 0
  /// Uncertain starts and ends of the entities in scope (data quality).
  public var uncertainDates: [UncertainDate] = []
  /// The surveys of the entities loaded, every confidence.
  public var surveys: [SurveyRow] = []
  /// Reference figures of the country dated within a year of the date (the report prints those
  /// whose scope is a row's), and their sources.
  public var references: [CompareData.ReferenceRow] = []
  public var referenceSources: [Source] = []
  /// The registry holds generated data (`SyntheticData.sourceURLPrefix`).
  public var synthetic = false
}

/// Which entities the report covers, and on which date.
public struct ReportScope: Sendable, Equatable {
  public var country: String
  public var regions: [String]
  public var kinds: [EntityKind]
  public var asOf: Day
  /// Days before D at whose end the latest follower count is also read (the growth windows'
  /// baselines: the latest count on or before W − W/6 days before D, which Stats checks lies
  /// within its window).
  public var baselineSeekDays: [Int]
  /// Surveys of this confidence or higher are cited among the sources.
  public var minConfidence: Confidence

  public init(
    country: String, regions: [String], kinds: [EntityKind], asOf: Day, baselineSeekDays: [Int],
    minConfidence: Confidence = .medium
  ) {
    self.country = country
    self.regions = regions
    self.kinds = kinds
    self.asOf = asOf
    self.baselineSeekDays = baselineSeekDays
    self.minConfidence = minConfidence
  }
}

extension RegistryDatabase {
  /// Loads entities, channels and only the snapshots the report reads: per channel open on D,
  /// the latest snapshot with a follower count on or before D and on or before D − S for each
  /// of `baselineSeekDays`: read from the channel's `snapshot_span` when the date is on or after
  /// its latest snapshot or before its first, else found by one seek on the key (channel_id,
  /// observed_at, source_id) (`RegistryDatabase.Seeker`). With a pool
  /// and enough channels the seeks start first, on a second connection, while this one loads
  /// entities and channels, which then helps (`FollowerSeekJob`).
  /// The cost grows with the number of channels, not with the length of their history.
  ///
  /// `whileSeeking` is called once entities, channels, the placeholder count and the region names
  /// are loaded (no snapshot or source yet), while the seeks go on: work that needs only those
  /// runs alongside the seeks instead of after them.
  public func reportData(
    _ scope: ReportScope, whileSeeking: (ReportData) throws -> Void = { _ in }
  ) throws -> ReportData {
    try writer.read { db in
      var data = ReportData()
      let bounds = ([0] + scope.baselineSeekDays).map {
        scope.asOf.adding(days: -$0).endOfDayEpochSeconds
      }
      // The seeks start now on a second connection, while this one loads entities and channels.
      // (A job covers the ids 1...max(id): not when they are too sparse.)
      let channelCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM channel") ?? 0
      let maxId = try Int.fetchOne(db, sql: "SELECT max(id) FROM channel") ?? 0
      var job: FollowerSeekJob?
      if let pool = writer as? DatabasePool, channelCount >= Self.concurrentSeekThreshold,
        maxId <= 2 * channelCount
      {
        job = FollowerSeekJob(pool: pool, maxId: maxId, bounds: bounds)
      }
      let loaded = try Self.scopeEntities(
        db, country: scope.country, kinds: scope.kinds, regions: scope.regions, on: scope.asOf,
        placeholders: .countOnly, laterEntities: false)
      data.entities = loaded.entities
      data.placeholdersExcluded = loaded.placeholderIds.count
      data.channels = loaded.channels.channels
      data.regionNames = loaded.regionNames
      data.synthetic = try Self.holdsSyntheticData(db)
      PhaseTimings.mark("load entities, channels")
      var sourceIds = loaded.existingSources
      let open = loaded.channels
      sourceIds.formUnion(open.openSources)
      let surveys = try Self.surveyRows(
        db, country: scope.country, of: { Set(loaded.entities.map(\.id)) })
      data.surveys = surveys.rows
      let inScope = Set(loaded.entities.map(\.id))
      data.uncertainDates = try UncertainDate.all(db).filter { inScope.contains($0.entityId) }
      sourceIds.formUnion(
        surveys.sources(onOrBefore: scope.asOf, minConfidence: scope.minConfidence))
      (data.references, data.referenceSources) = try Self.referenceRows(
        db, country: scope.country, near: scope.asOf)
      PhaseTimings.mark("load surveys, references")
      try whileSeeking(data)
      PhaseTimings.mark("while seeking")
      // The open channels' snapshots, and those of the other channels of the entities existing
      // on D (presence evidence; a closed channel's latest is mostly its span's, no seek).
      let ids =
        open.otherIds.isEmpty ? open.openIds : (open.openIds + open.otherIds).sorted()
      let seeks =
        try job?.finish(db, ids: ids) ?? Self.seekFollowers(db, ids: ids[...], bounds: bounds)
      data.snapshots = seeks.snapshots
      PhaseTimings.mark("seeks")
      sourceIds.formUnion(seeks.sources)
      data.sources = try Source.filter(keys: sourceIds).order(Source.Columns.key).fetchAll(db)
      PhaseTimings.mark("sources")
      return data
    }
  }

  static func exists(_ e: ReportData.EntityRow, on day: Day) -> Bool {
    if let from = e.validFrom, from > day { return false }
    if let to = e.validTo, to <= day { return false }
    return true
  }
}
