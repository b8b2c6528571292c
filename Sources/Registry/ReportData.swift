import GRDB
import GRDBSQLite

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
    public var handle: String
    /// Opening date, else first sighting.
    public var openedOn: Day?
    public var closedOn: Day?
    public var disclaimer: Bool?
    public var confidence: String
  }

  public struct SnapshotRow: Sendable, Hashable {
    public var channelId: Int64
    public var observedAt: Int64
    public var followers: Int64?
    public var posts: Int64?
    public var engagements: Int64?
    public var windowDays: Int64?
  }

  public var entities: [EntityRow] = []
  public var channels: [ChannelRow] = []
  public var snapshots: [SnapshotRow] = []
  /// Sources of the entities existing on the date, of their open channels and of the snapshots used.
  public var sources: [Source] = []
  public var regionNames: [String: String] = [:]
  /// Placeholder entities in scope (owners the sources do not identify), left out of every figure.
  public var placeholdersExcluded = 0
}

/// Which entities the report covers, and on which date.
public struct ReportScope: Sendable, Equatable {
  public var country: String
  public var regions: [String]
  public var kinds: [EntityKind]
  public var asOf: Day
  /// The report's growth windows: a snapshot is fetched at D and at D minus each of these.
  public var windows: [Int]

  public init(country: String, regions: [String], kinds: [EntityKind], asOf: Day, windows: [Int]) {
    self.country = country
    self.regions = regions
    self.kinds = kinds
    self.asOf = asOf
    self.windows = windows
  }
}

extension RegistryDatabase {
  /// Loads entities, channels and only the snapshots the report reads: per channel open on D,
  /// the latest snapshot with a follower count on or before D and on or before D − W for each
  /// window, each found by one seek on the index snapshot(channel_id, observed_at, source_id).
  /// The cost grows with the number of channels, not with the length of their history.
  public func reportData(_ scope: ReportScope) throws -> ReportData {
    try writer.read { db in
      var data = ReportData()
      var filter = SQLFilter()
      filter.add("e.country = ?", [scope.country])
      if !scope.kinds.isEmpty {
        filter.add(
          "e.kind IN (\(Array(repeating: "?", count: scope.kinds.count).joined(separator: ",")))",
          scope.kinds.map(\.rawValue))
      }
      if !scope.regions.isEmpty {
        filter.add(
          "e.region IN (\(Array(repeating: "?", count: scope.regions.count).joined(separator: ",")))",
          scope.regions)
      }
      let entityRows = try Row.fetchAll(
        db,
        sql: """
          SELECT e.id, e.kind, coalesce(e.region, '(none)') AS region, e.population,
                 e.valid_from, e.valid_to, e.source_id, e.languages
          FROM entity e WHERE \(filter.clauses.joined(separator: " AND ")) AND e.placeholder = 0
          ORDER BY e.id
          """, arguments: filter.arguments)
      data.placeholdersExcluded =
        try Int.fetchOne(
          db,
          sql:
            "SELECT count(*) FROM entity e WHERE \(filter.clauses.joined(separator: " AND ")) AND e.placeholder = 1",
          arguments: filter.arguments) ?? 0
      var names: [String: [(lang: String, name: String)]] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT entity_id, lang, name FROM entity_name") {
        names[r[0], default: []].append((r[1], r[2]))
      }
      var sourceIds = Set<Int64>()
      var entityIds = Set<String>()
      for r in entityRows {
        // By position (id, kind, region, population, valid_from, valid_to, source_id, languages):
        // decoding by name lowercases the column name on every access.
        let id: String = r[0]
        let e = ReportData.EntityRow(
          id: id, name: Self.preferredName(names[id] ?? [], languages: r[7]) ?? id,
          region: r[2], kind: r[1],
          population: r[3], validFrom: (r[4] as String?).flatMap(Day.init),
          validTo: (r[5] as String?).flatMap(Day.init))
        data.entities.append(e)
        entityIds.insert(e.id)
        if Self.exists(e, on: scope.asOf) { sourceIds.insert(r[6]) }
      }
      let existing = Set(data.entities.filter { Self.exists($0, on: scope.asOf) }.map(\.id))
      // The channel scan and the per-channel seeks step raw statements: GRDB's Row decoding by
      // column name was most of the loader's time (perf). Map the file for the seeks: no pread
      // copy per page.
      try db.execute(sql: "PRAGMA mmap_size = 1073741824")
      var openIds: [Int64] = []
      let channelStatement = try db.makeStatement(
        sql: """
          SELECT id, entity_id, platform, handle, coalesce(opened_on, first_seen_on) AS opened,
                 closed_on, emergency_disclaimer, confidence, source_id
          FROM channel ORDER BY id
          """)
      let cs = channelStatement.sqliteStatement
      defer { sqlite3_reset(cs) }
      while true {
        let rc = sqlite3_step(cs)
        if rc == SQLITE_DONE { break }
        guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
        let entityId = Self.text(cs, 1) ?? ""
        guard entityIds.contains(entityId) else { continue }
        let c = ReportData.ChannelRow(
          id: sqlite3_column_int64(cs, 0), entityId: entityId, platform: Self.text(cs, 2) ?? "",
          handle: Self.text(cs, 3) ?? "", openedOn: Self.text(cs, 4).flatMap(Day.init),
          closedOn: Self.text(cs, 5).flatMap(Day.init),
          disclaimer: Self.int(cs, 6).map { $0 != 0 }, confidence: Self.text(cs, 7) ?? "")
        data.channels.append(c)
        let isOpen =
          c.openedOn.map { $0 <= scope.asOf } == true
          && c.closedOn.map { $0 > scope.asOf } != false
        if isOpen && existing.contains(entityId) {
          openIds.append(c.id)
          sourceIds.insert(sqlite3_column_int64(cs, 8))
        }
      }
      // One prepared statement, reset and rebound per seek.
      let seek = try db.makeStatement(
        sql: """
          SELECT observed_at, followers, posts, engagements, engagement_window_days, source_id
          FROM snapshot
          WHERE channel_id = ? AND observed_at <= ? AND followers IS NOT NULL
          ORDER BY observed_at DESC, source_id DESC LIMIT 1
          """)
      let ss = seek.sqliteStatement
      defer { sqlite3_reset(ss) }
      let bounds = ([0] + scope.windows).map { scope.asOf.adding(days: -$0).endOfDayEpochSeconds }
      data.snapshots.reserveCapacity(openIds.count * 2)
      var snapshotSources = Set<Int64>()
      for id in openIds {
        var previous: Int64?
        for bound in bounds {
          sqlite3_reset(ss)
          sqlite3_bind_int64(ss, 1, id)
          sqlite3_bind_int64(ss, 2, bound)
          let rc = sqlite3_step(ss)
          if rc == SQLITE_DONE { break }
          guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
          let at = sqlite3_column_int64(ss, 0)
          // Bounds go back in time: the same snapshot can only repeat the previous one.
          if at == previous { continue }
          previous = at
          data.snapshots.append(
            ReportData.SnapshotRow(
              channelId: id, observedAt: at, followers: Self.int(ss, 1), posts: Self.int(ss, 2),
              engagements: Self.int(ss, 3), windowDays: Self.int(ss, 4)))
          snapshotSources.insert(sqlite3_column_int64(ss, 5))
        }
      }
      sourceIds.formUnion(snapshotSources)
      data.sources = try Source.filter(keys: sourceIds).order(Source.Columns.key).fetchAll(db)
      for r in try Row.fetchAll(db, sql: "SELECT code, name FROM region") {
        data.regionNames[r["code"]] = r["name"]
      }
      return data
    }
  }

  static func text(_ s: OpaquePointer?, _ i: Int32) -> String? {
    guard let p = sqlite3_column_text(s, i) else { return nil }
    return String(cString: p)
  }

  static func int(_ s: OpaquePointer?, _ i: Int32) -> Int64? {
    sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
  }

  /// The name in the entity's first official language that has one, else the first by language.
  static func preferredName(_ names: [(lang: String, name: String)], languages: String) -> String? {
    let order = languages.semicolonList
    return names.min { a, b in
      let ia = order.firstIndex(of: a.lang) ?? Int.max
      let ib = order.firstIndex(of: b.lang) ?? Int.max
      return (ia, a.lang) < (ib, b.lang)
    }?.name
  }

  static func exists(_ e: ReportData.EntityRow, on day: Day) -> Bool {
    if let from = e.validFrom, from > day { return false }
    if let to = e.validTo, to <= day { return false }
    return true
  }
}
