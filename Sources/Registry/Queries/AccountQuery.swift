import Foundation
import GRDB
import GRDBSQLite
import Vocabulary

/// One row of the `accounts` listing: a channel with its entity and latest snapshot.
public struct AccountRow: Codable, Hashable, Sendable {
  public var channelKey: String
  public var entityId: String
  public var entityCode: String?
  public var entityName: String?
  public var entityKind: String
  /// The day the entity ceased (exclusive), nil while it exists.
  public var entityValidTo: String?
  public var country: String
  public var region: String?
  public var platform: String
  public var handle: String?
  public var url: String?
  public var openedOn: String?
  public var firstSeenOn: String?
  public var closedOn: String?
  public var status: String
  public var confidence: String
  public var followers: Int64?
  public var followersObservedAt: String?
  public var source: String
  public var sourceUrl: String?

  enum CodingKeys: String, CodingKey {
    case platform, handle, url, status, confidence, followers, source, country, region
    case channelKey = "channel_key"
    case entityId = "entity_id"
    case entityCode = "entity_code"
    case entityName = "entity_name"
    case entityKind = "entity_kind"
    case entityValidTo = "entity_valid_to"
    case openedOn = "opened_on"
    case firstSeenOn = "first_seen_on"
    case closedOn = "closed_on"
    case followersObservedAt = "followers_observed_at"
    case sourceUrl = "source_url"
  }

  /// Output columns, in order, with stable snake_case names.
  public static let columns = [
    "entity_code", "entity_name", "region", "platform", "handle", "url", "opened_on", "status",
    "followers", "followers_observed_at", "source", "entity_id", "entity_kind", "country",
    "channel_key", "first_seen_on", "closed_on", "confidence", "source_url", "entity_valid_to",
  ]

  /// The keys, quoted once: every row writes the same 20 (quoting each again was 18M of the
  /// 215M instructions of `accounts --format json` on 1,657 rows).
  private enum JSONKeys {
    static let entityCode = JSONWriter.Key("entity_code")
    static let entityName = JSONWriter.Key("entity_name")
    static let region = JSONWriter.Key("region")
    static let platform = JSONWriter.Key("platform")
    static let handle = JSONWriter.Key("handle")
    static let url = JSONWriter.Key("url")
    static let openedOn = JSONWriter.Key("opened_on")
    static let status = JSONWriter.Key("status")
    static let followers = JSONWriter.Key("followers")
    static let followersObservedAt = JSONWriter.Key("followers_observed_at")
    static let source = JSONWriter.Key("source")
    static let entityId = JSONWriter.Key("entity_id")
    static let entityKind = JSONWriter.Key("entity_kind")
    static let country = JSONWriter.Key("country")
    static let channelKey = JSONWriter.Key("channel_key")
    static let firstSeenOn = JSONWriter.Key("first_seen_on")
    static let closedOn = JSONWriter.Key("closed_on")
    static let confidence = JSONWriter.Key("confidence")
    static let sourceUrl = JSONWriter.Key("source_url")
    static let entityValidTo = JSONWriter.Key("entity_valid_to")
  }

  /// The row as a JSON object, keys in the order of `columns`, every one present (`null` when
  /// unset): what `Listing` would write through `Encodable`, without the encoder's boxes and
  /// casts, which cost 18% of `accounts --format json` on 1,657 rows.
  public func writeJSON(into w: inout JSONWriter) {
    w.beginObject()
    w.key(JSONKeys.entityCode)
    w.string(entityCode)
    w.key(JSONKeys.entityName)
    w.string(entityName)
    w.key(JSONKeys.region)
    w.string(region)
    w.key(JSONKeys.platform)
    w.string(platform)
    w.key(JSONKeys.handle)
    w.string(handle)
    w.key(JSONKeys.url)
    w.string(url)
    w.key(JSONKeys.openedOn)
    w.string(openedOn)
    w.key(JSONKeys.status)
    w.string(status)
    w.key(JSONKeys.followers)
    if let followers { w.int(followers) } else { w.null() }
    w.key(JSONKeys.followersObservedAt)
    w.string(followersObservedAt)
    w.key(JSONKeys.source)
    w.string(source)
    w.key(JSONKeys.entityId)
    w.string(entityId)
    w.key(JSONKeys.entityKind)
    w.string(entityKind)
    w.key(JSONKeys.country)
    w.string(country)
    w.key(JSONKeys.channelKey)
    w.string(channelKey)
    w.key(JSONKeys.firstSeenOn)
    w.string(firstSeenOn)
    w.key(JSONKeys.closedOn)
    w.string(closedOn)
    w.key(JSONKeys.confidence)
    w.string(confidence)
    w.key(JSONKeys.sourceUrl)
    w.string(sourceUrl)
    w.key(JSONKeys.entityValidTo)
    w.string(entityValidTo)
    w.endObject()
  }

  /// The cells as text in the order of `columns` (what `values` holds, without a dictionary).
  public var cellsInColumnOrder: [String?] {
    [
      entityCode, entityName, region, platform, handle, url, openedOn, status,
      followers.map(String.init), followersObservedAt, source, entityId, entityKind, country,
      channelKey, firstSeenOn, closedOn, confidence, sourceUrl, entityValidTo,
    ]
  }

  public var values: [String: String?] {
    [
      "channel_key": channelKey, "entity_id": entityId, "entity_code": entityCode,
      "entity_name": entityName, "entity_kind": entityKind, "entity_valid_to": entityValidTo,
      "country": country, "region": region,
      "platform": platform, "handle": handle, "url": url, "opened_on": openedOn,
      "first_seen_on": firstSeenOn, "closed_on": closedOn, "status": status,
      "confidence": confidence, "followers": followers.map(String.init),
      "followers_observed_at": followersObservedAt, "source": source, "source_url": sourceUrl,
    ]
  }
}

extension AccountRow {
  /// The current row of `accounts(_:)`'s SELECT, stepped on a raw statement `s` (its columns
  /// in the order listed there): GRDB's `Row` copied every value first, 12.5M of the 177M
  /// instructions of `accounts --format json` on 1,657 rows. Text as `String(cString:)`, as
  /// GRDB decodes it, except in the columns whose values repeat from row to row (the entity's
  /// kind, end date, country and region, the platform, status, confidence, source and its URL):
  /// those are decoded once per distinct value, through `repeated` (one `TextCache` per
  /// column, kept by the caller from row to row). A NULL where a value is required is an error
  /// naming the column.
  init(statement s: OpaquePointer?, repeated: inout [TextCache]) throws {
    func optional(_ i: Int32) -> String? {
      sqlite3_column_text(s, i).map { String(cString: $0) }
    }
    func required(_ text: String?, _ i: Int32) throws -> String {
      guard let text else {
        let name = sqlite3_column_name(s, i).map { String(cString: $0) } ?? "column \(i)"
        throw RegistryError.database("accounts: \(name) is NULL where a value is required")
      }
      return text
    }
    if repeated.count < 20 { repeated = Array(repeating: TextCache(), count: 20) }
    func cached(_ i: Int32) -> String? { repeated[Int(i)].text(s, i) }
    channelKey = try required(optional(0), 0)
    entityId = try required(optional(1), 1)
    entityCode = optional(2)
    entityName = optional(3)
    entityKind = try required(cached(4), 4)
    entityValidTo = cached(5)
    country = try required(cached(6), 6)
    region = cached(7)
    platform = try required(cached(8), 8)
    handle = optional(9)
    url = optional(10)
    openedOn = optional(11)
    firstSeenOn = optional(12)
    closedOn = optional(13)
    status = try required(cached(14), 14)
    confidence = try required(cached(15), 15)
    followers = sqlite3_column_type(s, 16) == SQLITE_NULL ? nil : sqlite3_column_int64(s, 16)
    followersObservedAt = optional(17)
    source = try required(cached(18), 18)
    sourceUrl = cached(19)
  }

  /// The listing's order as one byte string per row, compared with `memcmp`: country, region,
  /// entity name, entity id, platform, handle, then the channel key (unique, so no two rows
  /// tie), each as SQLite's `ORDER BY` would put it (its BINARY collation, NULL first). A value
  /// is `01`, its UTF-8 bytes (a 00 byte as `00 FF`) and `00 00`; NULL is `00`: so a NULL sorts
  /// before any text, and a text before every longer one it begins (its `00 00` against any
  /// byte that follows, or against `00 FF`). Sorted here rather than in the query: SQLite's
  /// sorter cost 12.4M of the 103M instructions `sqlite3` spends on the listing of 1,657 rows;
  /// comparing the rows' strings in Swift copied whole rows per comparison (13M).
  func appendListingKey(to key: inout [UInt8]) {
    func add(_ text: String?) {
      guard let text else { return key.append(0) }
      key.append(1)
      // Text with no 00 byte (all but the odd damaged value) is copied whole.
      let copied = text.utf8.withContiguousStorageIfAvailable { u in
        guard u.isEmpty || memchr(u.baseAddress!, 0, u.count) == nil else { return false }
        key.append(contentsOf: u)
        return true
      }
      if copied != true {
        for b in text.utf8 {
          key.append(b)
          if b == 0 { key.append(0xFF) }
        }
      }
      key.append(0)
      key.append(0)
    }
    add(country)
    add(region)
    add(entityName)
    add(entityId)
    add(platform)
    add(handle)
    add(channelKey)
  }

  /// `rows` in the listing's order: their keys (`appendListingKey`) side by side in one buffer,
  /// positions sorted by them, the rows taken once in that order.
  static func inListingOrder(_ rows: [AccountRow]) -> [AccountRow] {
    var keys: [UInt8] = []
    keys.reserveCapacity(rows.count * 96)
    var ends: [Int] = []
    ends.reserveCapacity(rows.count)
    for row in rows {
      row.appendListingKey(to: &keys)
      ends.append(keys.count)
    }
    let order = keys.withUnsafeBufferPointer { k in
      ends.withUnsafeBufferPointer { e in
        e.indices.sorted { i, j in
          let a = i == 0 ? 0 : e[i - 1]
          let b = j == 0 ? 0 : e[j - 1]
          let na = e[i] - a
          let nb = e[j] - b
          let n = min(na, nb)
          let c = n == 0 ? 0 : memcmp(k.baseAddress! + a, k.baseAddress! + b, n)
          return c != 0 ? c < 0 : na < nb
        }
      }
    }
    return order.map { rows[$0] }
  }

}

/// Filters shared by the listings. Empty arrays mean "any".
public struct RegistryFilter: Sendable, Equatable {
  public var countries: [String] = []
  public var regions: [String] = []
  public var platforms: [Platform] = []
  public var kinds: [EntityKind] = []
  public var languages: [String] = []
  public var statuses: [ChannelStatus] = []
  public var entityIds: [String] = []
  public var search: String?
  /// Entities existing on the day, the channels each owned that day (`Ownership`) and open then.
  public var asOf: Day?
  /// Entities existing on the day and the channels each owned that day, open or not (`accounts`
  /// without `--as-of`: today). Ignored when `asOf` is set.
  public var existingOn: Day?
  public init() {}

  /// The day channels are attributed to their owners on, if any.
  var ownersOn: Day? { asOf ?? existingOn }
}

/// SQL fragments built from a filter; every value is a bound argument.
struct SQLFilter {
  var clauses: [String] = []
  var arguments = StatementArguments()

  mutating func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
    clauses.append(clause)
    arguments += StatementArguments(values)
  }

  mutating func addIn(_ column: String, _ values: [String]) {
    guard !values.isEmpty else { return }
    add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))", values)
  }

  var whereSQL: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

  /// Entity-level conditions (alias `e`).
  mutating func entityConditions(_ f: RegistryFilter) {
    addIn("e.country", f.countries)
    addIn("e.region", f.regions)
    addIn("e.kind", f.kinds.map(\.rawValue))
    addIn("e.id", f.entityIds)
    for lang in f.languages {
      add("(';' || e.languages || ';') LIKE ?", ["%;" + lang + ";%"])
    }
    if let d = f.ownersOn?.description {
      add(
        "(e.valid_from IS NULL OR e.valid_from <= ?) AND (e.valid_to IS NULL OR e.valid_to > ?)",
        [d, d])
    }
  }
}

extension RegistryDatabase {
  /// Lists channels matching the filter, sorted by country, region, entity name, entity id,
  /// platform, handle and channel key (`AccountRow.appendListingKey`).
  /// With a day (`asOf`, `existingOn`) each channel is listed with its owner on that day; with
  /// `asOf`, with the handle it had that day (its URL is where it is now).
  public func accounts(_ f: RegistryFilter) throws -> [AccountRow] {
    var q = SQLFilter()
    q.entityConditions(f)
    q.addIn("c.platform", f.platforms.map(\.rawValue))
    q.addIn("c.status", f.statuses.map(\.rawValue))
    if let d = f.asOf?.description {
      q.add(
        """
        coalesce(c.opened_on, c.first_seen_on, src.published_on, src.retrieved_on) <= ?
        AND (c.closed_on IS NULL OR c.closed_on > ?)
        """,
        [d, d])
    }
    if let text = f.search {
      guard let fts = SearchIndex.ftsQuery(text) else { return [] }
      q.add(
        """
        (c.id IN (SELECT CAST(ref AS INTEGER) FROM search_index WHERE kind = 'channel' AND search_index MATCH ?)
         OR e.id IN (SELECT ref FROM search_index WHERE kind = 'entity' AND search_index MATCH ?))
        """, [fts, fts])
    }
    let cutoff = f.asOf?.endOfDayEpochSeconds ?? Int64.max
    let sql = """
      SELECT c.key AS channel_key, e.id AS entity_id, e.code AS entity_code,
             \(EntityDisplayName.sql) AS entity_name, e.kind AS entity_kind,
             e.valid_to AS entity_valid_to, e.country, e.region,
             c.platform, \(f.asOf == nil ? "c.handle" : Self.handleOnDaySQL) AS handle, c.url,
             c.opened_on, c.first_seen_on, c.closed_on, c.status,
             c.confidence, s.followers,
             strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS followers_observed_at,
             src.key AS source, src.url AS source_url
      FROM channel c
      JOIN entity e ON e.id = \(f.ownersOn == nil ? "c.entity_id" : Ownership.ownerOnDaySQL)
      JOIN source src ON src.id = c.source_id
      LEFT JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
        SELECT s2.observed_at, s2.source_id FROM snapshot s2
        WHERE s2.channel_id = c.id AND s2.observed_at <= ? AND s2.followers IS NOT NULL
        ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1)
      \(q.whereSQL)
      """
    var args = StatementArguments()
    if let d = f.asOf?.description { args += [d] }
    if let d = f.ownersOn?.description { args += [d, d] }
    args += [cutoff]
    args += q.arguments
    return try writer.read { db in
      let statement = try db.makeStatement(sql: sql)
      try statement.setArguments(args)
      var rows: [AccountRow] = []
      var repeated: [TextCache] = []
      try Self.step(statement) { rows.append(try AccountRow(statement: $0, repeated: &repeated)) }
      return AccountRow.inListingOrder(rows)
    }
  }

  /// SQL for the handle the channel aliased `c` had on a day (one `?`): the former handle it
  /// held then (`channel_handle_history`, valid until the rename), else its handle now.
  static let handleOnDaySQL = """
    coalesce((SELECT h.handle FROM channel_handle_history h WHERE h.channel_id = c.id
              AND h.valid_until > ? ORDER BY h.valid_until LIMIT 1), c.handle)
    """

  /// The region codes the registry knows, with their names, for messages and validation.
  public func regions(country: String? = nil) throws -> [(code: String, name: String)] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT code, name FROM region WHERE ? IS NULL OR country = ? ORDER BY code",
        arguments: [country, country])
      return rows.map { ($0["code"], $0["name"]) }
    }
  }
}
