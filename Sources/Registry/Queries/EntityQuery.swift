import GRDB
import Vocabulary

/// One row of the `entities` listing.
public struct EntityRow: Codable, Hashable, Sendable, FetchableRecord {
  public var id: String
  public var code: String?
  public var name: String?
  public var kind: String
  public var country: String
  public var region: String?
  public var languages: String
  public var population: Int64?
  public var parentId: String?
  public var validFrom: String?
  public var validTo: String?
  public var channels: Int
  public var platforms: String?
  public var source: String

  enum CodingKeys: String, CodingKey {
    case id, code, name, kind, country, region, languages, population, channels, platforms, source
    case parentId = "parent_id"
    case validFrom = "valid_from"
    case validTo = "valid_to"
  }

  public static let columns = [
    "id", "code", "name", "kind", "country", "region", "languages", "population", "channels",
    "platforms", "parent_id", "valid_from", "valid_to", "source",
  ]

  public var values: [String: String?] {
    [
      "id": id, "code": code, "name": name, "kind": kind, "country": country, "region": region,
      "languages": languages, "population": population.map(String.init), "parent_id": parentId,
      "valid_from": validFrom, "valid_to": validTo, "channels": String(channels),
      "platforms": platforms, "source": source,
    ]
  }
}

/// Whether to keep entities with or without channels (on the filtered platforms).
public enum ChannelPresence: Sendable { case any, with, without }

extension RegistryDatabase {
  /// The ids of the entities that exist on `day`, of any country, region or kind (the same
  /// date rule as `--as-of`: valid_from on or before the day, valid_to after it). The zone map
  /// draws these outlines, so a zone that ceased or did not yet exist is not drawn over the
  /// zones that covered its ground that day.
  public func entityIds(existingOn day: Day) throws -> Set<String> {
    var q = SQLFilter()
    var f = RegistryFilter()
    f.asOf = day
    q.entityConditions(f)
    let sql = "SELECT e.id FROM entity e WHERE " + q.clauses.joined(separator: " AND ")
    return try writer.read { db in
      Set(try String.fetchAll(db, sql: sql, arguments: q.arguments))
    }
  }

  /// Lists entities matching the filter. Channel counts honour the platform, status and as-of
  /// filters; with an as-of day they count the channels each entity owned that day.
  public func entities(_ f: RegistryFilter, presence: ChannelPresence = .any) throws -> [EntityRow]
  {
    var q = SQLFilter()
    q.entityConditions(f)
    // The channels counted: the entity's own now, or with --as-of those it owned on the day
    // (`Ownership`), open then.
    var channelCond = SQLFilter()
    channelCond.addIn("c.platform", f.platforms.map(\.rawValue))
    channelCond.addIn("c.status", f.statuses.map(\.rawValue))
    if let d = f.asOf?.description {
      channelCond.add(
        """
        coalesce(c.opened_on, c.first_seen_on,
                 (SELECT coalesce(s.published_on, s.retrieved_on) FROM source s
                  WHERE s.id = c.source_id)) <= ?
        AND (c.closed_on IS NULL OR c.closed_on > ?)
        """,
        [d, d])
    }
    let channels: String
    var channelArgs = StatementArguments()
    if let d = f.asOf {
      channels = Ownership.channelsOwnedSQL(entity: "e.id", where: channelCond.clauses)
      channelArgs += channelCond.arguments
      channelArgs += [d.description, d.description]
      channelArgs += channelCond.arguments
    } else {
      channels =
        "SELECT c.* FROM channel c WHERE "
        + (["c.entity_id = e.id"] + channelCond.clauses).joined(separator: " AND ")
      channelArgs = channelCond.arguments
    }
    if let text = f.search {
      guard let fts = SearchIndex.ftsQuery(text) else { return [] }
      q.add(
        """
        (e.id IN (SELECT ref FROM search_index WHERE kind = 'entity' AND search_index MATCH ?)
         OR e.id IN (SELECT c.entity_id FROM channel c WHERE c.id IN
           (SELECT CAST(ref AS INTEGER) FROM search_index WHERE kind = 'channel' AND search_index MATCH ?)))
        """, [fts, fts])
    }
    let sql = """
      SELECT * FROM (
        SELECT e.id, e.code, \(EntityDisplayName.sql) AS name, e.kind, e.country, e.region, e.languages,
               e.population, e.parent_id, e.valid_from, e.valid_to, src.key AS source,
               (SELECT count(*) FROM (\(channels))) AS channels,
               (SELECT group_concat(p, ';') FROM (SELECT DISTINCT c.platform AS p
                 FROM (\(channels)) c ORDER BY c.platform)) AS platforms
        FROM entity e JOIN source src ON src.id = e.source_id
        \(q.whereSQL))
      \(presence == .with ? "WHERE channels > 0" : presence == .without ? "WHERE channels = 0" : "")
      ORDER BY country, region, name, id
      """
    var args = channelArgs
    args += channelArgs
    args += q.arguments
    return try writer.read { db in try EntityRow.fetchAll(db, sql: sql, arguments: args) }
  }
}

extension RegistryDatabase {
  /// The countries of the registry's entities, in order.
  public func countries() throws -> [String] {
    try writer.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT country FROM entity ORDER BY country")
    }
  }

  /// The country of entity `id`, nil when there is no such entity.
  public func country(ofEntity id: String) throws -> String? {
    try writer.read { db in
      try String.fetchOne(db, sql: "SELECT country FROM entity WHERE id = ?", arguments: [id])
    }
  }
}
