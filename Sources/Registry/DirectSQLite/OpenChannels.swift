import Foundation
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
  /// Scans the channel table in id order, keeping the channels of `entities` (in id order: their
  /// ids' bytes ascending, each id once). A channel's
  /// evidence date is coalesce(opened_on, first_seen_on), else its source's published_on, else
  /// its retrieved_on; it is open on `day` iff that date <= day and (closed_on is null or > day),
  /// and counts as open here only if its entity exists on the day (`existing[i]` for
  /// `entities[i]`). Steps a raw statement: GRDB's Row decoding by column name was most of the
  /// loader's time (perf). A channel's entity is found by its id's bytes (the next entity first,
  /// else a binary search), not by hashing: each channel row shares its entity's id String.
  ///
  /// A channel with ownership periods (`channel_owner`) gives one row per tenure as seen on
  /// `day` (`Ownership.tenures`, from the channel's evidence date), each kept when its owner is
  /// among `entities`: the owner of the day holds it open, earlier owners keep their part of its
  /// past. The periods are read in channel order beside the scan (no lookup per channel). Such a
  /// channel's id is listed once: in `openIds` when a tenure is open, else in `otherIds` when
  /// one of its owners exists.
  ///
  /// With `helper` (a pool) and many channels, the upper half of the ids is scanned on a second
  /// connection, on another thread, while this one scans the lower half (the second core was
  /// idle then): the halves are put together in id order, as one scan gives them. That read
  /// transaction begins a moment after the caller's: a write committed in between (another
  /// process importing at that moment) can show in the upper half, as with the report's seeks
  /// (`FollowerSeekJob`). If the second connection fails, its half is scanned here.
  static func openChannels(
    _ db: Database, of entities: [ReportData.EntityRow], existing: [Bool], on day: Day,
    helper: DatabasePool? = nil, splitAt minimum: Int = splitChannelScanThreshold
  ) throws -> OpenChannels {
    let context = try ChannelScanContext(db)
    // (Counted only when a split is possible: count(*) reads a whole index.)
    let count = helper == nil ? 0 : try Int.fetchOne(db, sql: "SELECT count(*) FROM channel") ?? 0
    let low = try Int64.fetchOne(db, sql: "SELECT min(id) FROM channel") ?? 0
    let high = try Int64.fetchOne(db, sql: "SELECT max(id) FROM channel") ?? 0
    guard let helper, count >= minimum, high > low else {
      return try scanChannels(
        db, ids: Int64.min...Int64.max, of: entities, existing: existing, on: day,
        context: context, capacity: count)
    }
    let mid = low + (high - low) / 2
    let upper = ScanResult()
    let done = DispatchGroup()
    DispatchQueue.global(qos: .userInitiated).async(group: done) {
      upper.value = try? helper.read { db in
        try Self.scanChannels(
          db, ids: (mid + 1)...Int64.max, of: entities, existing: existing, on: day,
          context: context, capacity: count / 2)
      }
    }
    var result = try scanChannels(
      db, ids: Int64.min...mid, of: entities, existing: existing, on: day, context: context,
      capacity: count)
    done.wait()
    let rest =
      try upper.value
      ?? scanChannels(
        db, ids: (mid + 1)...Int64.max, of: entities, existing: existing, on: day,
        context: context, capacity: count / 2)
    result.channels.append(contentsOf: rest.channels)
    result.openIds.append(contentsOf: rest.openIds)
    result.otherIds.append(contentsOf: rest.otherIds)
    result.openSources.formUnion(rest.openSources)
    return result
  }

  /// Below this many channels the scan stays on one connection: a second one costs more to start.
  static let splitChannelScanThreshold = 20_000

  /// The upper half's result, written by the thread that scans it and read by the caller after
  /// waiting for that thread.
  private final class ScanResult: @unchecked Sendable {
    var value: OpenChannels?
  }

  /// What every part of a channel scan reads besides the channel table: the few sources'
  /// dates (only a channel with neither date of its own needs one) and the ownership periods.
  struct ChannelScanContext: Sendable {
    var sourceDates: [Int64: SourceDate] = [:]
    var periods: [ChannelPeriod]

    struct SourceDate: Sendable {
      var day: Day
      var dating: ChannelDating
    }

    struct ChannelPeriod: Sendable {
      var channelId: Int64
      var period: OwnershipPeriod
    }

    init(_ db: Database) throws {
      var dates: [Int64: SourceDate] = [:]
      try RegistryDatabase.step(
        db.makeStatement(
          sql: """
            SELECT id, published_on, retrieved_on FROM source
            WHERE published_on IS NOT NULL OR retrieved_on IS NOT NULL
            """)
      ) { s in
        if let p = RegistryDatabase.day(s, 1) {
          dates[sqlite3_column_int64(s, 0)] = SourceDate(day: p, dating: .sourcePublished)
        } else if let r = RegistryDatabase.day(s, 2) {
          dates[sqlite3_column_int64(s, 0)] = SourceDate(day: r, dating: .sourceRetrieved)
        }
      }
      sourceDates = dates
      periods = try RegistryDatabase.ownershipPeriods(db).map {
        ChannelPeriod(channelId: $0.channelId, period: $0.period)
      }
    }
  }

  /// The scan of the channels whose ids are in `ids`, in id order (`openChannels`).
  private static func scanChannels(
    _ db: Database, ids: ClosedRange<Int64>, of entities: [ReportData.EntityRow],
    existing: [Bool], on day: Day, context: ChannelScanContext, capacity: Int
  ) throws -> OpenChannels {
    var result = OpenChannels()
    result.channels.reserveCapacity(capacity)
    let finder = EntityFinder(entities)
    let sourceDates = context.sourceDates
    let periods = context.periods
    var nextPeriod = 0
    let statement = try db.makeStatement(
      sql: """
        SELECT id, entity_id, platform, opened_on, closed_on, emergency_disclaimer, confidence,
               source_id, first_seen_on, verified_on
        FROM channel WHERE id BETWEEN ? AND ? ORDER BY id
        """)
    let cs = statement.sqliteStatement
    defer { sqlite3_reset(cs) }
    sqlite3_bind_int64(cs, 1, ids.lowerBound)
    sqlite3_bind_int64(cs, 2, ids.upperBound)
    // The current row's evidence date: the first known of opened_on, first_seen_on, the
    // source's (a column is read only when the one before is NULL).
    func evidence() -> (day: Day?, dating: ChannelDating?) {
      if let opened = Self.day(cs, 3) { return (opened, .opened) }
      if let first = Self.day(cs, 8) { return (first, .firstSeen) }
      if let d = sourceDates[sqlite3_column_int64(cs, 7)] { return (d.day, d.dating) }
      return (nil, nil)
    }
    // Channels come grouped by entity: each run of one entity's channels is looked up once.
    // The run's id bytes, and its entity's position (nil: not in scope).
    var runBytes: [UInt8] = []
    var runEntity: Int?
    var inRun = false
    var lastSource: Int64?
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
          cs, id: id, periods: own, evidence: evidence(), names: &names, finder: finder,
          existing: existing, on: day, to: &result)
        continue
      }
      // (entity_id is NOT NULL, and no entity has an empty id: a NULL would be out of scope.)
      guard let entityBytes = Self.bytes(cs, 1) else { continue }
      if !inRun || !Self.equal(runBytes, entityBytes) {
        runBytes.removeAll(keepingCapacity: true)
        runBytes.append(contentsOf: entityBytes)
        runEntity = finder.position(of: entityBytes, after: runEntity)
        inRun = true
      }
      guard let p = runEntity else { continue }
      let exists = existing[p]
      let (opened, dating) = evidence()
      let c = ReportData.ChannelRow(
        id: id, entityId: entities[p].id, platform: names.text(cs, 2) ?? "",
        openedOn: opened, dating: dating, closedOn: Self.day(cs, 4),
        verifiedOn: Self.day(cs, 9), disclaimer: Self.int(cs, 5).map { $0 != 0 },
        confidence: names.text(cs, 6) ?? "")
      if Self.isOpen(c, on: day) && exists {
        result.openIds.append(c.id)
        // (A set insert hashes: done only when the source changes.)
        let source = sqlite3_column_int64(cs, 7)
        if source != lastSource {
          result.openSources.insert(source)
          lastSource = source
        }
      } else if exists {
        result.otherIds.append(c.id)
      }
      result.channels.append(c)
    }
    return result
  }

  /// Whether `a` holds the bytes of `b`.
  private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count
      && a.withUnsafeBufferPointer { a in
        a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
      }
  }

  /// Appends the tenures of channel `id` (the current row of `cs`; `periods`: its ownership
  /// periods). A tenure opens on the later of the channel's evidence date and its period's start.
  private static func appendTenures(
    _ cs: OpaquePointer?, id: Int64, periods: [OwnershipPeriod],
    evidence: (day: Day?, dating: ChannelDating?),
    names: inout TextCache, finder: EntityFinder, existing: [Bool], on day: Day,
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
    for t in tenures {
      guard let p = finder.position(of: t.entityId) else { continue }
      // A verification is evidence for the owner who held the channel on its day.
      let verifiedOn = verified.flatMap { v in
        (t.openedOn.map { $0 <= v } ?? true) && (t.closedOn.map { $0 > v } ?? true) ? v : nil
      }
      let c = ReportData.ChannelRow(
        id: id, entityId: t.entityId, platform: platform, openedOn: t.openedOn,
        dating: evidence.dating, closedOn: t.closedOn, verifiedOn: verifiedOn,
        disclaimer: disclaimer, confidence: confidence)
      result.channels.append(c)
      guard existing[p] else { continue }
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

/// Finds an entity's position among entities in id order (their ids' bytes ascending, as
/// SQLite's BINARY collation orders them) by its id's bytes: the position after the previous
/// one first (channels mostly come in their entities' order), else a binary search.
struct EntityFinder {
  private let entities: [ReportData.EntityRow]

  init(_ entities: [ReportData.EntityRow]) { self.entities = entities }

  /// The position of the entity whose id is `bytes`; nil when none. `previous`: the position
  /// found last, if any.
  func position(of bytes: UnsafeBufferPointer<UInt8>, after previous: Int? = nil) -> Int? {
    let next = previous.map { $0 + 1 } ?? 0
    if next < entities.count && Self.compare(entities[next].id, bytes) == 0 { return next }
    var low = 0
    var high = entities.count
    while low < high {
      let mid = (low + high) / 2
      let order = Self.compare(entities[mid].id, bytes)
      if order == 0 { return mid }
      if order < 0 { low = mid + 1 } else { high = mid }
    }
    return nil
  }

  func position(of id: String) -> Int? {
    Array(id.utf8).withUnsafeBufferPointer { position(of: $0) }
  }

  /// The order of `s`'s UTF-8 bytes against `bytes` (memcmp, then the shorter first): < 0, 0
  /// or > 0.
  static func compare(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    func order(_ a: UnsafeBufferPointer<UInt8>) -> Int {
      let n = min(a.count, bytes.count)
      let c = n == 0 ? 0 : memcmp(a.baseAddress!, bytes.baseAddress!, n)
      return c != 0 ? Int(c) : a.count - bytes.count
    }
    return s.utf8.withContiguousStorageIfAvailable(order)
      ?? Array(s.utf8).withUnsafeBufferPointer(order)
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
    for v in seen where v.bytes.count == bytes.count {
      let equal = v.bytes.withUnsafeBufferPointer { b in
        b.isEmpty || memcmp(b.baseAddress!, bytes.baseAddress!, b.count) == 0
      }
      if equal { return v.text }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    // Bounded: a column with many values gains nothing from it.
    if seen.count < 32 { seen.append((Array(bytes), text)) }
    return text
  }
}
