import GRDB
import Vocabulary

/// What the statuses of some entities on a day need, for the listings that show them (`accounts
/// --presence`, `survey sheet`, `summary`, `show`): the entities existing then, every channel of
/// theirs with its evidence date, the day of each channel's latest snapshot on or before the day,
/// and their surveys.
public struct PresenceData: Sendable {
  public struct EntityRow: Sendable, Hashable {
    public var id: String
    public var code: String?
    public var name: String
    public var region: String?
    /// Its website channel's URL, else its handle (the first one not closed), when it has one.
    public var website: String?
  }

  /// A channel with what a listing names it by.
  public struct ChannelRow: Sendable, Hashable {
    public var channel: ReportData.ChannelRow
    public var key: String
    public var handle: String?
    public var sourceKey: String
  }

  /// In the listings' order: country, region, name, id.
  public var entities: [EntityRow] = []
  public var channels: [ChannelRow] = []
  /// Channel id → the day of its latest snapshot on or before the day.
  public var latestSnapshot: [Int64: Day] = [:]
  public var surveys: [ReportData.SurveyRow] = []
}

extension RegistryDatabase {
  /// The entities matching `f` (its entity conditions: country, region, kind, language, id,
  /// search) that exist on `day`, with their channels, latest snapshots and surveys.
  public func presenceData(_ f: RegistryFilter, on day: Day) throws -> PresenceData {
    var q = SQLFilter()
    var entityFilter = f
    entityFilter.asOf = day
    q.entityConditions(entityFilter)
    if let text = f.search {
      guard let fts = SearchIndex.ftsQuery(text) else { return PresenceData() }
      q.add(
        """
        (e.id IN (SELECT ref FROM search_index WHERE kind = 'entity' AND search_index MATCH ?)
         OR e.id IN (SELECT c.entity_id FROM channel c WHERE c.id IN
           (SELECT CAST(ref AS INTEGER) FROM search_index WHERE kind = 'channel' AND search_index MATCH ?)))
        """, [fts, fts])
    }
    return try writer.read { db in
      var data = PresenceData()
      let d = day.description
      let entities = try Row.fetchAll(
        db,
        sql: """
          SELECT e.id, e.code, coalesce(\(EntityDisplayName.sql), e.id) AS name, e.region,
                 (SELECT coalesce(w.url, w.handle) FROM channel w
                  WHERE w.entity_id = e.id AND w.platform = 'website'
                    AND (w.closed_on IS NULL OR w.closed_on > ?)
                  ORDER BY w.id LIMIT 1) AS website
          FROM entity e \(q.whereSQL)
          ORDER BY e.country, e.region, name, e.id
          """, arguments: [d] + q.arguments)
      data.entities = entities.map {
        PresenceData.EntityRow(
          id: $0["id"], code: $0["code"], name: $0["name"], region: $0["region"],
          website: $0["website"])
      }
      let ids = Set(data.entities.map(\.id))
      guard !ids.isEmpty else { return data }
      var sourceDates: [Int64: (String?, String?)] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT id, published_on, retrieved_on FROM source") {
        sourceDates[r["id"]] = (r["published_on"], r["retrieved_on"])
      }
      let latest = try db.makeStatement(
        sql: "SELECT max(observed_at) FROM snapshot WHERE channel_id = ? AND observed_at <= ?")
      // A few entities (one entity's page, `show`): only their channels are read, not every
      // channel of the registry (30,000 rows read to keep 3 took 80 ms).
      let few = ids.count <= 500
      let ofEntities =
        few ? "WHERE c.entity_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))" : ""
      let channels = try Row.fetchAll(
        db,
        sql: """
          SELECT c.id, c.key, c.entity_id, c.platform, c.handle, c.opened_on, c.first_seen_on,
                 c.closed_on, c.verified_on, c.emergency_disclaimer, c.confidence, c.source_id,
                 s.key AS source_key
          FROM channel c JOIN source s ON s.id = c.source_id \(ofEntities)
          ORDER BY c.entity_id, c.id
          """, arguments: few ? StatementArguments(Array(ids)) : StatementArguments())
      for r in channels {
        let entityId: String = r["entity_id"]
        guard ids.contains(entityId) else { continue }
        var opened = (r["opened_on"] as String?).flatMap(Day.init)
        var dating: ChannelDating? = opened == nil ? nil : .opened
        if opened == nil, let first = (r["first_seen_on"] as String?).flatMap(Day.init) {
          (opened, dating) = (first, .firstSeen)
        }
        if opened == nil, let (published, retrieved) = sourceDates[r["source_id"]] {
          if let p = published.flatMap(Day.init) {
            (opened, dating) = (p, .sourcePublished)
          } else if let t = retrieved.flatMap(Day.init) {
            (opened, dating) = (t, .sourceRetrieved)
          }
        }
        let id: Int64 = r["id"]
        let disclaimer: Int64? = r["emergency_disclaimer"]
        data.channels.append(
          PresenceData.ChannelRow(
            channel: ReportData.ChannelRow(
              id: id, entityId: entityId, platform: r["platform"], openedOn: opened,
              dating: dating, closedOn: (r["closed_on"] as String?).flatMap(Day.init),
              verifiedOn: (r["verified_on"] as String?).flatMap(Day.init),
              disclaimer: disclaimer.map { $0 != 0 }, confidence: r["confidence"]),
            key: r["key"], handle: r["handle"], sourceKey: r["source_key"]))
        if let at = try Int64.fetchOne(
          latest, arguments: [id, day.endOfDayEpochSeconds])
        {
          data.latestSnapshot[id] = Day(epochSeconds: at)
        }
      }
      data.surveys = try Self.surveyRows(db, country: nil, of: ids).rows
      return data
    }
  }

  /// The surveys of entity `id`, newest first, with their sources' keys and linked channels.
  public func surveys(ofEntity id: String) throws -> [SurveyView] {
    try writer.read { db in
      try SurveyView.fetchAll(
        db,
        sql: """
          SELECT v.observed_on, v.platform, v.result, v.handle, c.key AS channel, v.method,
                 v.confidence, s.key AS source, v.note
          FROM survey v JOIN source s ON s.id = v.source_id
          LEFT JOIN channel c ON c.id = v.channel_id
          WHERE v.entity_id = ? ORDER BY v.observed_on DESC, v.platform, s.key
          """, arguments: [id])
    }
  }
}

/// A survey in a form fit for output.
public struct SurveyView: Codable, Sendable, Hashable, FetchableRecord {
  public var observedOn: String
  public var platform: String
  public var result: String
  public var handle: String?
  public var channel: String?
  public var method: String
  public var confidence: String
  public var source: String
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case platform, result, handle, channel, method, confidence, source, note
    case observedOn = "observed_on"
  }
}
