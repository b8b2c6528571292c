import GRDB
import GRDBSQLite
import Vocabulary

/// The channels of a set of entities and which of them are open on a day: the scan the adoption
/// report and the comparisons share.
struct OpenChannels {
  /// Every channel of the entities, in id order.
  var channels: [ReportData.ChannelRow] = []
  /// Ids of the channels open on the day whose entity exists then, ascending.
  var openIds: [Int64] = []
  /// Sources of those open channels.
  var openSources = Set<Int64>()
  /// Ids of the other channels whose entity exists on the day (closed by then, or with an
  /// evidence date unknown or after it), ascending: a snapshot of one on or before the day is
  /// presence evidence too.
  var otherIds: [Int64] = []
}

extension RegistryDatabase {
  /// Scans the channel table in id order, keeping the channels of `entityIds`. A channel's
  /// evidence date is coalesce(opened_on, first_seen_on), else its source's published_on, else
  /// its retrieved_on; it is open on `day` iff that date <= day and (closed_on is null or > day),
  /// and counts as open here only if its entity is in `existing` (exists on the day). Steps a
  /// raw statement: GRDB's Row decoding by column name was most of the loader's time (perf).
  ///
  /// A channel with ownership periods (`channel_owner`) gives one row per tenure as seen on
  /// `day` (`Ownership.tenures`, from the channel's evidence date), each kept when its owner is
  /// in `entityIds`: the owner of the day holds it open, earlier owners keep their part of its
  /// past. The periods are read in channel order beside the scan (no lookup per channel). Such a
  /// channel's id is listed once: in `openIds` when a tenure is open, else in `otherIds` when
  /// one of its owners exists.
  static func openChannels(
    _ db: Database, of entityIds: Set<String>, existing: Set<String>, on day: Day
  ) throws -> OpenChannels {
    var result = OpenChannels()
    // The few sources' dates, read once: only a channel with neither date of its own needs one.
    var sourceDates: [Int64: (day: Day, dating: ChannelDating)] = [:]
    try Self.step(
      db.makeStatement(
        sql: """
          SELECT id, published_on, retrieved_on FROM source
          WHERE published_on IS NOT NULL OR retrieved_on IS NOT NULL
          """)
    ) { s in
      if let p = Self.day(s, 1) {
        sourceDates[sqlite3_column_int64(s, 0)] = (p, .sourcePublished)
      } else if let r = Self.day(s, 2) {
        sourceDates[sqlite3_column_int64(s, 0)] = (r, .sourceRetrieved)
      }
    }
    let periods = try ownershipPeriods(db)
    var nextPeriod = 0
    let statement = try db.makeStatement(
      sql: """
        SELECT id, entity_id, platform, opened_on, closed_on, emergency_disclaimer, confidence,
               source_id, first_seen_on, verified_on
        FROM channel ORDER BY id
        """)
    let cs = statement.sqliteStatement
    defer { sqlite3_reset(cs) }
    // The current row's evidence date: the first known of opened_on, first_seen_on, the
    // source's (a column is read only when the one before is NULL).
    func evidence() -> (day: Day?, dating: ChannelDating?) {
      if let opened = Self.day(cs, 3) { return (opened, .opened) }
      if let first = Self.day(cs, 8) { return (first, .firstSeen) }
      if let d = sourceDates[sqlite3_column_int64(cs, 7)] { return (d.day, d.dating) }
      return (nil, nil)
    }
    // Channels come grouped by entity: each run of one entity's channels is looked up once, and
    // shares one String.
    var lastEntity: (id: String, inScope: Bool, exists: Bool)?
    var names = TextCache()
    while true {
      let rc = sqlite3_step(cs)
      if rc == SQLITE_DONE { break }
      guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
      let id = sqlite3_column_int64(cs, 0)
      while nextPeriod < periods.count && periods[nextPeriod].channelId < id { nextPeriod += 1 }
      if nextPeriod < periods.count && periods[nextPeriod].channelId == id {
        var own: [OwnershipPeriod] = []
        while nextPeriod < periods.count && periods[nextPeriod].channelId == id {
          own.append(periods[nextPeriod].period)
          nextPeriod += 1
        }
        appendTenures(
          cs, id: id, periods: own, evidence: evidence(), names: &names, of: entityIds,
          existing: existing, on: day, to: &result)
        continue
      }
      // (entity_id is NOT NULL, and no entity has an empty id: a NULL would be out of scope.)
      guard let entityBytes = Self.bytes(cs, 1) else { continue }
      if lastEntity.map({ !$0.id.utf8.elementsEqual(entityBytes) }) ?? true {
        let id = String(decoding: entityBytes, as: UTF8.self)
        lastEntity = (id, entityIds.contains(id), existing.contains(id))
      }
      guard let entity = lastEntity, entity.inScope else { continue }
      let (opened, dating) = evidence()
      let c = ReportData.ChannelRow(
        id: id, entityId: entity.id, platform: names.text(cs, 2) ?? "",
        openedOn: opened, dating: dating, closedOn: Self.day(cs, 4),
        verifiedOn: Self.day(cs, 9), disclaimer: Self.int(cs, 5).map { $0 != 0 },
        confidence: names.text(cs, 6) ?? "")
      result.channels.append(c)
      if Self.isOpen(c, on: day) && entity.exists {
        result.openIds.append(c.id)
        result.openSources.insert(sqlite3_column_int64(cs, 7))
      } else if entity.exists {
        result.otherIds.append(c.id)
      }
    }
    return result
  }

  /// Appends the tenures of channel `id` (the current row of `cs`; `periods`: its ownership
  /// periods). A tenure opens on the later of the channel's evidence date and its period's start.
  private static func appendTenures(
    _ cs: OpaquePointer?, id: Int64, periods: [OwnershipPeriod],
    evidence: (day: Day?, dating: ChannelDating?),
    names: inout TextCache, of entityIds: Set<String>, existing: Set<String>, on day: Day,
    to result: inout OpenChannels
  ) {
    let platform = names.text(cs, 2) ?? ""
    let disclaimer = Self.int(cs, 5).map { $0 != 0 }
    let confidence = names.text(cs, 6) ?? ""
    let verified = Self.day(cs, 9)
    let tenures = Ownership.tenures(
      openedOn: evidence.day, closedOn: Self.day(cs, 4), periods: periods, on: day)
    var isOpen = false
    var ownerExists = false
    for t in tenures where entityIds.contains(t.entityId) {
      // A verification is evidence for the owner who held the channel on its day.
      let verifiedOn = verified.flatMap { v in
        (t.openedOn.map { $0 <= v } ?? true) && (t.closedOn.map { $0 > v } ?? true) ? v : nil
      }
      let c = ReportData.ChannelRow(
        id: id, entityId: t.entityId, platform: platform, openedOn: t.openedOn,
        dating: evidence.dating, closedOn: t.closedOn, verifiedOn: verifiedOn,
        disclaimer: disclaimer, confidence: confidence)
      result.channels.append(c)
      guard existing.contains(t.entityId) else { continue }
      ownerExists = true
      if Self.isOpen(c, on: day) { isOpen = true }
    }
    if isOpen {
      result.openIds.append(id)
      result.openSources.insert(sqlite3_column_int64(cs, 7))
    } else if ownerExists {
      result.otherIds.append(id)
    }
  }

  static func isOpen(_ c: ReportData.ChannelRow, on day: Day) -> Bool {
    c.openedOn.map { $0 <= day } == true && c.closedOn.map { $0 > day } != false
  }

  /// Every ownership period, in channel order and, within a channel, by start (open start
  /// first). Usually few rows: only moved channels have any.
  static func ownershipPeriods(_ db: Database) throws -> [(
    channelId: Int64, period: OwnershipPeriod
  )] {
    var result: [(channelId: Int64, period: OwnershipPeriod)] = []
    let statement = try db.makeStatement(
      sql: """
        SELECT channel_id, entity_id, valid_from, valid_to FROM channel_owner
        ORDER BY channel_id, valid_from IS NOT NULL, valid_from
        """)
    try step(statement) { s in
      result.append(
        (
          sqlite3_column_int64(s, 0),
          OwnershipPeriod(entityId: text(s, 1) ?? "", from: day(s, 2), to: day(s, 3))
        ))
    }
    return result
  }

  /// Steps `statement` to the end, calling `row` with the raw statement at each row.
  static func step(_ statement: Statement, _ row: (OpaquePointer?) throws -> Void) throws {
    let s = statement.sqliteStatement
    defer { sqlite3_reset(s) }
    while true {
      let rc = sqlite3_step(s)
      if rc == SQLITE_DONE { return }
      guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
      try row(s)
    }
  }

  /// A text column's bytes (nil when NULL), valid until the statement steps or resets.
  static func bytes(_ s: OpaquePointer?, _ i: Int32) -> UnsafeBufferPointer<UInt8>? {
    guard let p = sqlite3_column_text(s, i) else { return nil }
    return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i)))
  }

  static func text(_ s: OpaquePointer?, _ i: Int32) -> String? {
    guard let p = sqlite3_column_text(s, i) else { return nil }
    return String(cString: p)
  }

  /// A day column: parsed from the bytes when exactly `YYYY-MM-DD`, else as `Day(String)` does.
  static func day(_ s: OpaquePointer?, _ i: Int32) -> Day? {
    guard let bytes = bytes(s, i), let p = bytes.baseAddress else { return nil }
    return DateText.plainDay(bytes) ?? Day(String(cString: p))
  }

  static func int(_ s: OpaquePointer?, _ i: Int32) -> Int64? {
    sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
  }
}

/// One String per distinct value of columns with few values (platforms, confidence levels,
/// regions, kinds): a row's text is compared with the values seen, not decoded and allocated
/// again.
struct TextCache {
  private var seen: [(bytes: [UInt8], text: String)] = []

  /// Column `i` of the current row of `s`; nil when NULL.
  mutating func text(_ s: OpaquePointer?, _ i: Int32) -> String? {
    guard let bytes = RegistryDatabase.bytes(s, i) else { return nil }
    for v in seen where v.bytes.elementsEqual(bytes) { return v.text }
    let text = String(decoding: bytes, as: UTF8.self)
    // Bounded: a column with many values gains nothing from it.
    if seen.count < 32 { seen.append((Array(bytes), text)) }
    return text
  }
}
