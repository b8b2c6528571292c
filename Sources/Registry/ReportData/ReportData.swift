import Foundation
import GRDB
import GRDBSQLite
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
  /// window: read from the channel's `snapshot_span` when the date is on or after its latest
  /// snapshot or before its first, else found by one seek on the key (channel_id, observed_at,
  /// source_id) (`RegistryDatabase.Seeker`). With a pool
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
      let bounds = ([0] + scope.windows).map { scope.asOf.adding(days: -$0).endOfDayEpochSeconds }
      let clauses = filter.clauses.joined(separator: " AND ")
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
      // Raw statements, decoded by position: GRDB's Row copies every row's values and column
      // names (perf). Entities and their names are both stepped in id order (the names by their
      // primary key), side by side: the names of each entity are the run of equal ids, compared
      // as bytes like SQLite's BINARY collation orders them, with no dictionary.
      let nameStatement = try db.makeStatement(
        sql: "SELECT entity_id, lang, name FROM entity_name ORDER BY entity_id")
      let ns = nameStatement.sqliteStatement
      defer { sqlite3_reset(ns) }
      var nameRC = sqlite3_step(ns)
      /// The name of entity `id` (its preferred one when it has several, `languages` saying
      /// which), nil when it has none.
      func nameOf(_ id: UnsafePointer<UInt8>, languages: () -> String) throws -> String? {
        var first: (lang: String, name: String)?
        var more: [(lang: String, name: String)] = []
        while nameRC == SQLITE_ROW {
          guard let other = sqlite3_column_text(ns, 0) else {
            nameRC = sqlite3_step(ns)
            continue
          }
          let order = strcmp(other, id)
          if order > 0 { break }
          if order == 0 {
            let found = (Self.text(ns, 1) ?? "", Self.text(ns, 2) ?? "")
            if first == nil { first = found } else { more.append(found) }
          }
          nameRC = sqlite3_step(ns)
        }
        guard nameRC == SQLITE_ROW || nameRC == SQLITE_DONE else {
          throw DatabaseError(resultCode: ResultCode(rawValue: nameRC))
        }
        guard let first else { return nil }
        return more.isEmpty
          ? first.name : EntityDisplayName.choose([first] + more, languages: languages())
      }
      // Placeholders are stepped too, and only counted (one scan of the entities).
      let entityStatement = try db.makeStatement(
        sql: """
          SELECT e.id, e.kind, coalesce(e.region, '(none)') AS region, e.population,
                 e.valid_from, e.valid_to, e.source_id, e.languages, e.placeholder
          FROM entity e WHERE \(clauses)
          ORDER BY e.id
          """)
      try entityStatement.setArguments(filter.arguments)
      var sourceIds = Set<Int64>()
      var lastSource: Int64?
      var entityIds = Set<String>()
      var existing = Set<String>()
      var codes = TextCache()
      try Self.step(entityStatement) { s in
        if sqlite3_column_int64(s, 8) != 0 {
          data.placeholdersExcluded += 1
          return
        }
        let id = Self.text(s, 0) ?? ""
        let name = try sqlite3_column_text(s, 0).flatMap {
          try nameOf($0, languages: { Self.text(s, 7) ?? "" })
        }
        let e = ReportData.EntityRow(
          id: id, name: name ?? id, region: codes.text(s, 2) ?? "", kind: codes.text(s, 1) ?? "",
          population: Self.int(s, 3), validFrom: Self.day(s, 4), validTo: Self.day(s, 5))
        data.entities.append(e)
        entityIds.insert(id)
        if Self.exists(e, on: scope.asOf) {
          existing.insert(id)
          // (A set insert hashes: done only when the source changes.)
          let source = sqlite3_column_int64(s, 6)
          if source != lastSource {
            sourceIds.insert(source)
            lastSource = source
          }
        }
      }
      PhaseTimings.mark("load entities")

      let open = try Self.openChannels(db, of: entityIds, existing: existing, on: scope.asOf)
      data.channels = open.channels
      for r in try Row.fetchAll(db, sql: "SELECT code, name FROM region") {
        data.regionNames[r["code"]] = r["name"]
      }
      PhaseTimings.mark("load channels, region names")
      sourceIds.formUnion(open.openSources)
      try whileSeeking(data)
      PhaseTimings.mark("while seeking")
      let seeks =
        try job?.finish(db, ids: open.openIds)
        ?? Self.seekFollowers(db, ids: open.openIds[...], bounds: bounds)
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
