import GRDB
import Vocabulary

/// What comparisons (scorecards, side by side, league tables) need from the registry, as rows.
public struct CompareData: Sendable {
  public struct EntityRow: Sendable, Hashable {
    public var entity: ReportData.EntityRow
    public var country: String
    public var placeholder: Bool
  }

  public struct ReferenceRow: Sendable, Hashable {
    public var figure: ReferenceFigure
    public var sourceKey: String
    public var sourceTitle: String
    public var sourceURL: String?
  }

  public var entities: [EntityRow] = []
  public var channels: [ReportData.ChannelRow] = []
  public var snapshots: [ReportData.SnapshotRow] = []
  public var references: [ReferenceRow] = []
  public var regionNames: [String: String] = [:]
  /// The surveys of the entities, every confidence.
  public var surveys: [ReportData.SurveyRow] = []
  /// The registry holds generated data (`SyntheticData.sourceURLPrefix`).
  public var synthetic = false
}

/// Which snapshots a comparison reads besides the latest on or before D.
public struct CompareSeeks: Sendable, Equatable {
  /// Days before D at whose end the latest follower count is read (the growth baselines).
  public var growthDays: [Int]
  /// Days before L, the day of the latest count, at whose end the latest count is read (the
  /// projection's baselines).
  public var projectionDays: [Int]
  /// Days before D at whose end the latest post count is read (posts per week).
  public var postsDays: Int

  public init(growthDays: [Int], projectionDays: [Int], postsDays: Int) {
    self.growthDays = growthDays
    self.projectionDays = projectionDays
    self.postsDays = postsDays
  }
}

extension RegistryDatabase {
  /// Loads every entity of `country` (placeholders flagged), their names and channels with the
  /// adoption report's loader (`scopeEntities`), the reference figures of that country or of no
  /// country, and only the snapshots the figures read: per channel open on D, the latest with
  /// followers on or before D and on or before D − S for each of `seeks.growthDays`, on or
  /// before L − S for each of `seeks.projectionDays` (L: the day of the latest), the latest
  /// with posts on or before D and D − `seeks.postsDays`, and the latest with engagements on or
  /// before D. Each is one seek on the key snapshot(channel_id, observed_at, source_id), as
  /// `reportData` does.
  public func compareData(country: String, asOf: Day, seeks: CompareSeeks) throws -> CompareData {
    try writer.read { db in
      var data = CompareData()
      let loaded = try Self.scopeEntities(
        db, country: country, on: asOf, placeholders: .include)
      // (The loader keeps the entities whose country equals `country`: it is theirs.)
      data.entities = loaded.entities.map {
        CompareData.EntityRow(
          entity: $0, country: country, placeholder: loaded.placeholderIds.contains($0.id))
      }
      data.channels = loaded.channels.channels
      data.regionNames = loaded.regionNames
      data.synthetic = try Self.holdsSyntheticData(db)
      let openIds = loaded.channels.openIds
      func seek(_ condition: String) throws -> Statement {
        try db.cachedStatement(
          sql: """
            SELECT channel_id, observed_at, followers, posts, engagements, engagement_window_days
            FROM snapshot
            WHERE channel_id = ? AND observed_at <= ? AND \(condition)
            ORDER BY observed_at DESC, source_id DESC LIMIT 1
            """)
      }
      let byFollowers = try seek("followers IS NOT NULL")
      let byPosts = try seek("posts IS NOT NULL")
      let byEngagements = try seek(
        "engagements IS NOT NULL AND engagement_window_days IS NOT NULL")
      var found = Set<ReportData.SnapshotRow>()
      func fetch(_ statement: Statement, _ id: Int64, _ day: Day) throws -> ReportData.SnapshotRow?
      {
        guard let r = try Row.fetchOne(statement, arguments: [id, day.endOfDayEpochSeconds])
        else { return nil }
        let row = ReportData.SnapshotRow(
          channelId: id, observedAt: r["observed_at"], followers: r["followers"],
          posts: r["posts"], engagements: r["engagements"], windowDays: r["engagement_window_days"])
        if found.insert(row).inserted { data.snapshots.append(row) }
        return row
      }
      for id in openIds {
        guard let latest = try fetch(byFollowers, id, asOf) else { continue }
        for w in seeks.growthDays { _ = try fetch(byFollowers, id, asOf.adding(days: -w)) }
        let last = Day(epochSeconds: latest.observedAt)
        for w in seeks.projectionDays { _ = try fetch(byFollowers, id, last.adding(days: -w)) }
        _ = try fetch(byPosts, id, asOf)
        _ = try fetch(byPosts, id, asOf.adding(days: -seeks.postsDays))
        _ = try fetch(byEngagements, id, asOf)
      }
      // The other channels of the entities existing on D: a snapshot on or before D is presence
      // evidence (statuses).
      for id in loaded.channels.otherIds { _ = try fetch(byFollowers, id, asOf) }
      let sought = Set(data.snapshots.map(\.channelId))
      for id in openIds where !sought.contains(id) {
        // No follower count at all: posts or engagements alone may still be known.
        _ = try fetch(byPosts, id, asOf)
        _ = try fetch(byPosts, id, asOf.adding(days: -seeks.postsDays))
        _ = try fetch(byEngagements, id, asOf)
      }
      data.references = try Self.referenceRows(db, country: country).rows
      data.surveys = try Self.surveyRows(
        db, country: country, of: { Set(loaded.entities.map(\.id)) }
      ).rows
      return data
    }
  }

  /// The reference figures of `country` or of no country, by date then id, with their
  /// sources; with `near`, only those of the country dated within a year of it (the adoption
  /// report's published figures).
  static func referenceRows(_ db: Database, country: String, near day: Day? = nil) throws
    -> (rows: [CompareData.ReferenceRow], sources: [Source])
  {
    var filter = SQLFilter()
    if let day {
      filter.add(
        "r.country = ? AND r.as_of BETWEEN ? AND ?",
        [country, day.adding(days: -366).description, day.adding(days: 366).description])
    } else {
      filter.add("(r.country = ? OR r.country IS NULL)", [country])
    }
    let refs = try Row.fetchAll(
      db,
      sql: """
        SELECT r.*, s.key AS source_key, s.title AS source_title, s.url AS source_url
        FROM reference_figure r JOIN source s ON s.id = r.source_id
        \(filter.whereSQL) ORDER BY r.as_of, r.id
        """, arguments: filter.arguments)
    let rows = try refs.map { r in
      CompareData.ReferenceRow(
        figure: try ReferenceFigure(row: r), sourceKey: r["source_key"],
        sourceTitle: r["source_title"], sourceURL: r["source_url"])
    }
    let sources = try Source.filter(keys: Set(rows.map(\.figure.sourceId)))
      .order(Source.Columns.key).fetchAll(db)
    return (rows, sources)
  }
}

extension CompareData {
  /// The same entities, channels and regions in the adoption report's shape, so both map to
  /// Stats the same way; no snapshots (the report's hold follower counts only).
  public var reportData: ReportData {
    var d = ReportData()
    d.entities = entities.map(\.entity)
    d.channels = channels
    d.regionNames = regionNames
    d.synthetic = synthetic
    return d
  }
}
