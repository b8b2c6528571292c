import Foundation
import GRDB
import Vocabulary

/// The columns an import file may have (docs/snapshots.md).
enum SnapshotColumn: Int, CaseIterable {
  case platform, handle, channelId, observedAt, followers, following, posts, engagements
  case engagementWindowDays, sourceURL, source, note

  var name: String {
    switch self {
    case .platform: return "platform"
    case .handle: return "handle"
    case .channelId: return "channel_id"
    case .observedAt: return "observed_at"
    case .followers: return "followers"
    case .following: return "following"
    case .posts: return "posts"
    case .engagements: return "engagements"
    case .engagementWindowDays: return "engagement_window_days"
    case .sourceURL: return "source_url"
    case .source: return "source"
    case .note: return "note"
    }
  }

  static let allNames = allCases.map(\.name)
}

/// How to import: format, what to do with bad rows, the source for rows that name none.
public struct SnapshotImportOptions: Sendable {
  public var format: SnapshotFileFormat?
  /// Write the good rows and send refused ones to `rejectsPath` instead of refusing the file.
  public var skipInvalid = false
  public var rejectsPath: String?
  public var defaultSource: SourceChoice?
  /// Rows validated before a chunk is written (`SnapshotImporter.chunkSize`; tests try others).
  var chunkSize = SnapshotImporter.chunkSize
  public init(
    format: SnapshotFileFormat? = nil, skipInvalid: Bool = false, rejectsPath: String? = nil,
    defaultSource: SourceChoice? = nil
  ) {
    self.format = format
    self.skipInvalid = skipInvalid
    self.rejectsPath = rejectsPath
    self.defaultSource = defaultSource
  }
}

/// What an import did.
public struct SnapshotImportResult: Sendable, Equatable {
  public var rows = 0
  public var inserted = 0
  public var unchanged = 0
  public var rejected = 0
  public var rejectsPath: String?
}

/// Progress of a long import, reported every few thousand rows.
public struct ImportProgress: Sendable {
  public var rows: Int
  public var bytesRead: Int64
  public var totalBytes: Int64?
}

extension RegistryDatabase {
  /// Imports snapshots from a CSV, JSON or NDJSON file (`-` for stdin) in one transaction:
  /// any bad row refuses the whole file unless `skipInvalid`, and nothing is written then.
  public func importSnapshots(
    path: String, options: SnapshotImportOptions = SnapshotImportOptions(),
    progress: ((ImportProgress) -> Void)? = nil
  ) throws -> SnapshotImportResult {
    let input = try ByteInput(path: path)
    let reader = try SnapshotFileReader(input: input, format: options.format)
    let rejectsPath =
      options.rejectsPath ?? (path == "-" ? "stdin.rejects.csv" : path + ".rejects.csv")
    var rejects: RejectsWriter?
    func importRows(_ db: Database) throws -> SnapshotImportResult {
      let importer = try SnapshotImporter(
        db: db, header: reader.header, file: input.name, defaultSource: options.defaultSource,
        keepsRows: options.skipInvalid, chunkSize: options.chunkSize)
      var result = SnapshotImportResult()
      let row = RawRow()
      // Rows refused when their batch is written, in line order: the first one refuses the file,
      // or all go to the rejects file.
      func refuse(_ refusals: [SnapshotImporter.Refusal]) throws {
        guard let first = refusals.first else { return }
        guard options.skipInvalid else {
          throw RegistryError.input(
            file: input.name, line: first.line, field: first.error.column,
            reason: first.error.reason)
        }
        if rejects == nil { rejects = try RejectsWriter(path: rejectsPath, header: reader.header) }
        for r in refusals { try rejects!.write(line: r.line, fields: r.fields, error: r.error) }
        result.rejected += refusals.count
      }
      while try reader.next(into: row) {
        result.rows += 1
        do {
          if try importer.process(row) { try refuse(importer.flush()) }
        } catch let e as RowError {
          // The pending rows come before this one: theirs are refused first.
          try refuse(importer.flush())
          guard options.skipInvalid else {
            throw RegistryError.input(
              file: input.name, line: row.line, field: e.column, reason: e.reason)
          }
          if rejects == nil {
            rejects = try RejectsWriter(path: rejectsPath, header: reader.header)
          }
          try rejects!.write(row, error: e)
          result.rejected += 1
        }
        if let progress, result.rows & 0xFFFF == 0 {
          progress(
            ImportProgress(
              rows: result.rows, bytesRead: input.bytesRead, totalBytes: input.totalBytes))
        }
      }
      try refuse(importer.flush())
      if result.rows == 0 {
        throw RegistryError.input(
          file: input.name, line: 1, field: "file",
          reason: "has no rows (only a header, or an empty list): nothing to import")
      }
      try importer.recomputeSpans()
      result.inserted = importer.inserted
      result.unchanged = importer.unchanged
      return result
    }
    var result = SnapshotImportResult()
    try writer.writeWithoutTransaction { db in
      // Page cache 12 MiB (the default is 2): a smaller one spills dirty pages to the WAL and
      // rewrites them; a bigger one costs memory against the 64 MB peak-RSS target
      // (docs/performance-history.md, "Snapshot import").
      try db.execute(sql: "PRAGMA cache_size = -12288")
      // Every channel_id and source_id written comes from the channel and source tables, read
      // under this same write lock, so SQLite's per-row foreign key probes would only repeat
      // that check (about a tenth of the import time). Restored on the way out.
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      try db.inTransaction {
        // The per-row span trigger would double the cost of each row (Schema v4): it is dropped
        // for this transaction, the spans of the channels written are recomputed once at the
        // end, and the trigger is created again from its own text before the commit. A refused
        // file rolls all three back.
        let spanTrigger = try String.fetchOne(
          db,
          sql:
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'snapshot_span_insert'"
        )
        if spanTrigger != nil { try db.execute(sql: "DROP TRIGGER snapshot_span_insert") }
        result = try importRows(db)
        if let spanTrigger { try db.execute(sql: spanTrigger) }
        return .commit
      }
    }
    var out = result
    if let rejects {
      try rejects.close()
      out.rejectsPath = rejectsPath
    }
    return out
  }

  /// Stores one snapshot; an identical one already stored is `unchanged`, a different one with
  /// the same channel, time and source is refused naming both values.
  public func addSnapshot(
    channelId: Int64, observedAt: Int64, followers: Int64?, following: Int64?, posts: Int64?,
    engagements: Int64?, engagementWindowDays: Int64?, source: SourceChoice
  ) throws -> (SnapshotImporter.Outcome, sourceKey: String) {
    try writer.write { db in
      let sourceId = try source.resolve(db)
      let importer = try SnapshotImporter(db: db, header: [], file: "", defaultSource: nil)
      var values = SnapshotImporter.Values()
      values.channelId = channelId
      values.observedAt = observedAt
      values.counts = SnapshotImporter.Counts(
        followers, following, posts, engagements, engagementWindowDays)
      values.sourceId = sourceId
      do {
        if let bad = (0..<4).first(where: { (values.counts[$0] ?? 0) < 0 }) {
          throw RowError(SnapshotImporter.countColumns[bad].name, "must be 0 or more")
        }
        try SnapshotImporter.check(values, today: importer.today)
        let outcome = try importer.store(values)
        let key = try String.fetchOne(
          db, sql: "SELECT key FROM source WHERE id = ?", arguments: [sourceId])
        return (outcome, key ?? "")
      } catch let e as RowError {
        let option = e.column == "observed_at" ? "at" : e.column
        throw RegistryError.invalid(
          "--\(option.replacingOccurrences(of: "_", with: "-")): \(e.reason)")
      }
    }
  }
}

/// Validates rows of an import file, buffers up to `chunkSize` of them, and stores each chunk in
/// key order `batchSize` rows at a time with one prepared multi-row INSERT (one statement run per
/// batch instead of per row is faster, see docs/performance-history.md). Channel, source and
/// platform lookups are cached; the common case (same channel as the previous row) costs a byte
/// comparison.
public final class SnapshotImporter {
  public enum Outcome: Sendable, Equatable { case inserted, unchanged }

  /// Rows per multi-row INSERT (9 parameters each, far below SQLite's limit of 32,766).
  static let batchSize = 64

  /// Rows validated before any is written; each chunk is written sorted by the table's key
  /// (channel, time, source). A file sorted by date otherwise sends each row to another leaf of
  /// the clustered table: with about as many channels as the page cache holds leaves, the cache
  /// churns (0.62x the C loop's rate at 1M rows). Sorted, a chunk visits each channel's last leaf
  /// once with all its rows. 32,768 rows: about 4 MiB of buffered values, against the 64 MB
  /// peak-RSS target (docs/performance-history.md, "Date-ordered import").
  static let chunkSize = 32_768

  /// A row refused when its batch was written: it repeats a stored snapshot with other values.
  struct Refusal {
    var line: Int
    var error: RowError
    /// The row's fields, kept only when the importer keeps rows (for a rejects file).
    var fields: [String]
  }

  static let countColumns: [SnapshotColumn] = [
    .followers, .following, .posts, .engagements, .engagementWindowDays,
  ]

  /// followers, following, posts, engagements, engagement_window_days: fixed storage, no array.
  struct Counts {
    var followers: Int64?
    var following: Int64?
    var posts: Int64?
    var engagements: Int64?
    var engagementWindowDays: Int64?

    init(
      _ followers: Int64? = nil, _ following: Int64? = nil, _ posts: Int64? = nil,
      _ engagements: Int64? = nil, _ engagementWindowDays: Int64? = nil
    ) {
      self.followers = followers
      self.following = following
      self.posts = posts
      self.engagements = engagements
      self.engagementWindowDays = engagementWindowDays
    }

    subscript(i: Int) -> Int64? {
      switch i {
      case 0: return followers
      case 1: return following
      case 2: return posts
      case 3: return engagements
      default: return engagementWindowDays
      }
    }
  }

  struct Values {
    var channelId: Int64 = 0
    var observedAt: Int64 = 0
    var counts = Counts()
    var sourceId: Int64 = 0
  }

  private let db: Database
  private let file: String
  /// SnapshotColumn.rawValue -> field index, or -1.
  @exclusivity(unchecked) private var column: [Int]
  /// Field indexes of the columns every row reads (-1 when absent).
  private let observedAtField: Int
  private let followersField: Int
  private let followingField: Int
  private let postsField: Int
  private let engagementsField: Int
  private let windowField: Int
  private let resolver: ChannelResolver
  private let defaultSourceId: Int64?
  /// The day the rows are checked on: none may be observed after the end of the next day.
  let today: Day
  /// The prepared statements that write the rows (the raw sqlite3 fast path).
  private let writer: SnapshotWriter
  /// Rows validated and not yet written (at most `chunkSize`), in file order, with their line
  /// and note (nil: none).
  @exclusivity(unchecked) private var pending: [Values] = []
  @exclusivity(unchecked) private var pendingLines: [Int] = []
  @exclusivity(unchecked) private var pendingNotes: [[UInt8]?] = []
  /// Rows per chunk (`Self.chunkSize` except in tests).
  private let chunkSize: Int
  /// Indexes into `pending` in the order they are written (by key, then line).
  private var order: [Int32] = []
  /// With `keepsRows`, the pending rows' fields: bytes, the end of each field in `keptBytes`,
  /// and the index in `keptEnds` where each row's fields start.
  private let keepsRows: Bool
  private var keptBytes: [UInt8] = []
  private var keptEnds: [Int] = []
  private var keptRowStarts: [Int] = []
  /// Rows written, and rows that repeated a stored snapshot with the same values.
  private(set) var inserted = 0
  private(set) var unchanged = 0
  /// The channels of the rows processed, for `recomputeSpans`.
  private var touched = Set<Int64>()
  @exclusivity(unchecked) private var lastTouched: Int64 = -1
  // Per-row state, touched only from `process` (never re-entrantly): no dynamic exclusivity checks.
  @exclusivity(unchecked) private var values = Values()

  // Caches keyed by the raw bytes of the previous row, then by text.
  @exclusivity(unchecked) private var lastChannelBytes: [UInt8] = []
  @exclusivity(unchecked) private var lastHolders: Result<[ChannelResolver.Holder], RowError>?
  /// The channel of `lastHolders` when it is one current holder (the common case), else -1.
  @exclusivity(unchecked) private var lastSingleChannel: Int64 = -1
  @exclusivity(unchecked) private var lastChannelText = ""
  private var holderCache: [String: Result<[ChannelResolver.Holder], RowError>] = [:]
  private var idCache: [String: Result<Int64, RowError>] = [:]
  @exclusivity(unchecked) private var lastSourceBytes: [UInt8] = []
  @exclusivity(unchecked) private var lastSource: Result<Int64, RowError>?
  @exclusivity(unchecked) private var lastSourceByKey = false
  private var sourceCache: [String: Result<Int64, RowError>] = [:]

  init(
    db: Database, header: [String], file: String, defaultSource: SourceChoice?,
    keepsRows: Bool = false, chunkSize: Int = SnapshotImporter.chunkSize, today: Day = Day.today()
  ) throws {
    precondition(chunkSize > 0, "a chunk holds at least one row")
    self.db = db
    // Keeping each row's fields for a rejects file about doubles the memory of a buffered row:
    // half the rows keep the 10M-row `--skip-invalid` import under 64 MB (67 MB with whole
    // chunks, docs/performance-history.md, "Date-ordered import").
    self.chunkSize = keepsRows ? max(1, chunkSize / 2) : chunkSize
    self.file = file
    self.keepsRows = keepsRows
    self.today = today
    column = Array(repeating: -1, count: SnapshotColumn.allCases.count)
    var seen = Set<String>()
    for (i, name) in header.enumerated() {
      guard let c = SnapshotColumn.allCases.first(where: { $0.name == name }) else {
        throw RegistryError.input(
          file: file, line: 1, field: name.isEmpty ? "header" : name,
          reason: "unknown column (expected: \(SnapshotColumn.allNames.joined(separator: ",")))")
      }
      guard seen.insert(name).inserted else {
        throw RegistryError.input(file: file, line: 1, field: name, reason: "duplicate column")
      }
      column[c.rawValue] = i
    }
    if !header.isEmpty {
      if column[SnapshotColumn.observedAt.rawValue] < 0 {
        throw RegistryError.input(
          file: file, line: 1, field: "observed_at", reason: "missing column")
      }
      let byHandle =
        column[SnapshotColumn.platform.rawValue] >= 0 && column[SnapshotColumn.handle.rawValue] >= 0
      if !byHandle && column[SnapshotColumn.channelId.rawValue] < 0 {
        throw RegistryError.input(
          file: file, line: 1, field: "channel_id",
          reason: "missing column: give platform and handle columns, or a channel_id column")
      }
      if column[SnapshotColumn.source.rawValue] < 0 && column[SnapshotColumn.sourceURL.rawValue] < 0
        && defaultSource == nil
      {
        throw RegistryError.input(
          file: file, line: 1, field: "source_url",
          reason:
            "missing column: give a source or source_url column, or --source KEY / --source-url URL"
        )
      }
    }
    observedAtField = column[SnapshotColumn.observedAt.rawValue]
    followersField = column[SnapshotColumn.followers.rawValue]
    followingField = column[SnapshotColumn.following.rawValue]
    postsField = column[SnapshotColumn.posts.rawValue]
    engagementsField = column[SnapshotColumn.engagements.rawValue]
    windowField = column[SnapshotColumn.engagementWindowDays.rawValue]
    defaultSourceId = try defaultSource?.resolve(db)
    resolver = try ChannelResolver(db, keys: column[SnapshotColumn.channelId.rawValue] >= 0)
    writer = try SnapshotWriter(db, batchSize: Self.batchSize)
    pending.reserveCapacity(chunkSize)
    pendingLines.reserveCapacity(chunkSize)
    pendingNotes.reserveCapacity(chunkSize)
    order.reserveCapacity(chunkSize)
  }

  @inline(__always) private func field(_ row: RawRow, _ c: SnapshotColumn) -> UnsafeBufferPointer<
    UInt8
  > {
    row.field(column[c.rawValue])
  }

  /// Validates one row and adds it to the pending chunk; true when the chunk is full (then call
  /// `flush`). A bad row throws and is not added.
  func process(_ row: RawRow) throws -> Bool {
    // observed_at
    let at = trim(row.field(observedAtField))
    if at.isEmpty { throw RowError("observed_at", "is empty") }
    switch Timestamp.parse(bytes: at, original: String(decoding: at, as: UTF8.self)) {
    case .success(let t): values.observedAt = t
    case .failure(let e): throw RowError("observed_at", e.reason)
    }
    // counts
    values.counts.followers = try Self.count(trim(row.field(followersField)), .followers)
    values.counts.following = try Self.count(trim(row.field(followingField)), .following)
    values.counts.posts = try Self.count(trim(row.field(postsField)), .posts)
    values.counts.engagements = try Self.count(trim(row.field(engagementsField)), .engagements)
    values.counts.engagementWindowDays = try Self.count(
      trim(row.field(windowField)), .engagementWindowDays)
    let any =
      values.counts.followers != nil || values.counts.following != nil
      || values.counts.posts != nil || values.counts.engagements != nil
    if !any {
      throw RowError("followers", "no count given (followers, following, posts or engagements)")
    }
    try Self.check(values, today: today)
    values.channelId = try channel(row)
    values.sourceId = try source(row)
    if values.channelId != lastTouched {
      touched.insert(values.channelId)
      lastTouched = values.channelId
    }
    pending.append(values)
    pendingLines.append(row.line)
    let note = field(row, .note)
    pendingNotes.append(note.isEmpty ? nil : Array(note))
    if keepsRows {
      keptRowStarts.append(keptEnds.count)
      for i in 0..<row.count {
        keptBytes.append(contentsOf: row.field(i))
        keptEnds.append(keptBytes.count)
      }
    }
    return pending.count == chunkSize
  }

  /// Writes the pending rows in key order (rows with the same key in line order, so the first
  /// in the file is the one stored): full batches with the multi-row INSERT, the rest row by row.
  /// Returns the rows refused because they repeat a stored snapshot with other values (nothing
  /// of theirs is written), in line order. The outcome is the same as writing the rows in file
  /// order: each key's first row is written, every later one compared with it.
  func flush() throws -> [Refusal] {
    if pending.isEmpty { return [] }
    defer {
      pending.removeAll(keepingCapacity: true)
      pendingLines.removeAll(keepingCapacity: true)
      pendingNotes.removeAll(keepingCapacity: true)
      order.removeAll(keepingCapacity: true)
      keptBytes.removeAll(keepingCapacity: true)
      keptEnds.removeAll(keepingCapacity: true)
      keptRowStarts.removeAll(keepingCapacity: true)
    }
    sortPending()
    var refusals: [Refusal] = []
    let full = pending.count - pending.count % Self.batchSize
    for start in stride(from: 0, to: full, by: Self.batchSize) {
      let batch = order[start..<start + Self.batchSize]
      let written = try writer.insertBatch(pending, notes: pendingNotes, batch: batch)
      inserted += written
      if written < batch.count {
        // Some rows were already stored (before, or earlier in this chunk): each must repeat the
        // stored values. A row this batch wrote compares equal to itself.
        let before = refusals.count
        for i in batch {
          do { _ = try compareExisting(pending[Int(i)]) } catch let e as RowError {
            refusals.append(refusal(Int(i), e))
          }
        }
        unchanged += batch.count - written - (refusals.count - before)
      }
    }
    for i in order[full...] {
      let i = Int(i)
      do {
        let outcome =
          try pendingNotes[i].map { note in
            try note.withUnsafeBufferPointer { try store(pending[i], note: $0) }
          } ?? store(pending[i])
        if outcome == .inserted { inserted += 1 } else { unchanged += 1 }
      } catch let e as RowError {
        refusals.append(refusal(i, e))
      }
    }
    refusals.sort { $0.line < $1.line }
    return refusals
  }

  /// Fills `order` with the indexes of `pending` sorted by (channel, time, source, line). Rows
  /// already in key order (a file written channel by channel) are left in place after one pass.
  private func sortPending() {
    order.append(contentsOf: (0..<Int32(pending.count)))
    pending.withUnsafeBufferPointer { p in
      @inline(__always) func before(_ a: Int32, _ b: Int32) -> Bool {
        let x = p[Int(a)]
        let y = p[Int(b)]
        if x.channelId != y.channelId { return x.channelId < y.channelId }
        if x.observedAt != y.observedAt { return x.observedAt < y.observedAt }
        if x.sourceId != y.sourceId { return x.sourceId < y.sourceId }
        return a < b
      }
      var sorted = true
      for k in 1..<max(1, order.count) where !before(order[k - 1], order[k]) {
        sorted = false
        break
      }
      if !sorted { order.sort(by: before) }
    }
  }

  /// Recomputes the `snapshot_span` row of every channel of the rows processed (their first
  /// and latest snapshot with a follower count: two seeks each), for the bulk import, which
  /// writes without the span trigger (Schema v4).
  func recomputeSpans() throws {
    try writer.recomputeSpans(touched.sorted())
  }

  private func refusal(_ i: Int, _ error: RowError) -> Refusal {
    var fields: [String] = []
    if keepsRows {
      let first = keptRowStarts[i]
      let end = i + 1 < keptRowStarts.count ? keptRowStarts[i + 1] : keptEnds.count
      var start = first == 0 ? 0 : keptEnds[first - 1]
      for f in first..<end {
        fields.append(String(decoding: keptBytes[start..<keptEnds[f]], as: UTF8.self))
        start = keptEnds[f]
      }
    }
    return Refusal(line: pendingLines[i], error: error, fields: fields)
  }

  /// The checks every row and `snapshot add` pass besides their parsing: the plausibility
  /// limits of each count and of the window, the window given with engagements, and an
  /// observation time no later than the end of the day after `today` (`SnapshotLimits`).
  static func check(_ v: Values, today: Day) throws {
    for i in 0..<4 {
      if let c = v.counts[i], let problem = SnapshotLimits.countProblem(c) {
        throw RowError(countColumns[i].name, problem)
      }
    }
    if v.counts.engagements != nil && v.counts.engagementWindowDays == nil {
      throw RowError("engagement_window_days", "is empty but engagements are given")
    }
    if let w = v.counts.engagementWindowDays, let problem = SnapshotLimits.windowProblem(w) {
      throw RowError("engagement_window_days", problem)
    }
    if let problem = SnapshotLimits.observedAtProblem(v.observedAt, today: today) {
      throw RowError("observed_at", problem)
    }
  }

  /// A non-negative integer, nil when empty.
  @inline(__always) static func count(_ b: UnsafeBufferPointer<UInt8>, _ c: SnapshotColumn) throws
    -> Int64?
  {
    if b.isEmpty { return nil }
    var negative = false
    var i = 0
    if b[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    } else if b[0] == UInt8(ascii: "+") {
      i = 1
    }
    guard i < b.count else { throw RowError(c.name, "'\(text(b))' is not an integer") }
    var v: Int64 = 0
    if b.count - i <= 18 {
      // Up to 18 digits cannot overflow: no overflow checks.
      var bad = false
      while i < b.count {
        let d = b[i] &- 48
        bad = bad || d >= 10
        v = v &* 10 &+ Int64(d)
        i &+= 1
      }
      if bad { throw RowError(c.name, "'\(text(b))' is not an integer") }
    }
    while i < b.count {
      let d = b[i] &- 48
      guard d < 10 else { throw RowError(c.name, "'\(text(b))' is not an integer") }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      guard !o1 && !o2 else { throw RowError(c.name, "'\(text(b))' is too large") }
      v = s
      i += 1
    }
    if negative && v != 0 {
      if c == .engagementWindowDays { return -v }
      throw RowError(c.name, "-\(v) is negative: counts are 0 or more")
    }
    return v
  }

  static func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

  @inline(__always) private func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>
  {
    guard let base = b.baseAddress, !b.isEmpty else { return b }
    var s = 0
    var e = b.count
    while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
    while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
    return UnsafeBufferPointer(start: base + s, count: e - s)
  }

  @inline(__always) private static func same(_ cached: [UInt8], _ b: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard cached.count == b.count else { return false }
    return cached.withUnsafeBufferPointer { c in
      c.count == 0 || memcmp(c.baseAddress!, b.baseAddress!, c.count) == 0
    }
  }

  private func channel(_ row: RawRow) throws -> Int64 {
    let idField = field(row, .channelId)
    if column[SnapshotColumn.channelId.rawValue] >= 0 && !trim(idField).isEmpty {
      let t = String(decoding: idField, as: UTF8.self)
      if let hit = idCache[t] { return try hit.get() }
      let r = resolver.channel(idOrKey: t)
      idCache[t] = r
      return try r.get()
    }
    let p = field(row, .platform)
    let h = field(row, .handle)
    // Key: platform bytes, a 0 byte, handle bytes.
    let total = p.count + 1 + h.count
    var hit = lastHolders != nil && lastChannelBytes.count == total
    if hit {
      hit = lastChannelBytes.withUnsafeBufferPointer { c in
        (p.isEmpty || memcmp(c.baseAddress!, p.baseAddress!, p.count) == 0) && c[p.count] == 0
          && (h.isEmpty || memcmp(c.baseAddress! + p.count + 1, h.baseAddress!, h.count) == 0)
      }
    }
    if hit && lastSingleChannel >= 0 { return lastSingleChannel }
    if !hit {
      lastChannelBytes.removeAll(keepingCapacity: true)
      lastChannelBytes.append(contentsOf: p)
      lastChannelBytes.append(0)
      lastChannelBytes.append(contentsOf: h)
      let key = String(decoding: lastChannelBytes, as: UTF8.self)
      let handleText = String(decoding: h, as: UTF8.self)
      if let cached = holderCache[key] {
        lastHolders = cached
      } else {
        let r: Result<[ChannelResolver.Holder], RowError>
        if trim(h).isEmpty {
          r = .failure(RowError("handle", "is empty"))
        } else {
          r = resolver.holders(platform: String(decoding: p, as: UTF8.self), handle: handleText)
        }
        holderCache[key] = r
        lastHolders = r
      }
      lastChannelText = handleText
      lastSingleChannel = -1
      if case .success(let list) = lastHolders!, list.count == 1, list[0].until == nil {
        lastSingleChannel = list[0].channelId
      }
    }
    let holders = try lastHolders!.get()
    if holders.count == 1 && holders[0].until == nil { return holders[0].channelId }
    return try ChannelResolver.pick(holders, at: values.observedAt, handle: lastChannelText).get()
  }

  private func source(_ row: RawRow) throws -> Int64 {
    let byKey = column[SnapshotColumn.source.rawValue] >= 0 && !trim(field(row, .source)).isEmpty
    let c: SnapshotColumn = byKey ? .source : .sourceURL
    let b = trim(field(row, c))
    if b.isEmpty {
      if let defaultSourceId { return defaultSourceId }
      throw RowError("source_url", "is empty and no --source or --source-url was given")
    }
    if let lastSource, lastSourceByKey == byKey, Self.same(lastSourceBytes, b) {
      return try lastSource.get()
    }
    lastSourceBytes = Array(b)
    lastSourceByKey = byKey
    let text = (byKey ? "k:" : "u:") + String(decoding: b, as: UTF8.self)
    let r: Result<Int64, RowError>
    if let cached = sourceCache[text] {
      r = cached
    } else {
      let value = String(text.dropFirst(2))
      do {
        r = .success(try (byKey ? SourceChoice.key(value) : .url(value, title: nil)).resolve(db))
      } catch let e as RegistryError {
        r = .failure(RowError(c.name, e.description))
      }
      sourceCache[text] = r
    }
    lastSource = r
    return try r.get()
  }

  /// Inserts `v`; an existing row with the same key is compared instead.
  /// `note` is bytes of the row (empty: none): bound as a copy, so no String per row.
  func store(_ v: Values, note: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0)) throws
    -> Outcome
  {
    if try writer.insertOne(v, note: note) { return .inserted }
    return try compareExisting(v)
  }

  /// A row whose key is stored already must repeat the stored counts.
  private func compareExisting(_ v: Values) throws -> Outcome {
    let stored = try writer.storedCounts(of: v)
    for i in 0..<5 where stored[i] != v.counts[i] {
      let name = Self.countColumns[i].name
      throw RowError(
        name,
        "a snapshot of this channel at \(Timestamp.format(v.observedAt)) from this source "
          + "already has \(name) \(stored[i].map(String.init) ?? "empty"), this row says "
          + "\(v.counts[i].map(String.init) ?? "empty"); snapshots are never overwritten")
    }
    return .unchanged
  }
}

/// The refused rows of a `--skip-invalid` import, as CSV: line, column, reason, then the row
/// (`CSVWriter.data`: the row's values read back exactly, to be fixed and imported again).
final class RejectsWriter {
  private let handle: FileHandle
  private var buffer = ""
  let path: String

  init(path: String, header: [String]) throws {
    self.path = path
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let h = FileHandle(forWritingAtPath: path)
    else {
      throw RegistryError.invalid(
        "cannot write the rejects file \(path); give another --rejects PATH")
    }
    handle = h
    buffer = CSVWriter.data.row(["line", "column", "reason"] + header)
  }

  func write(_ row: RawRow, error: RowError) throws {
    try write(line: row.line, fields: (0..<row.count).map(row.string), error: error)
  }

  func write(line: Int, fields: [String], error: RowError) throws {
    let cells = ["\(line)", error.column, error.reason] + fields
    buffer += CSVWriter.data.row(cells)
    if buffer.utf8.count > 1 << 16 { flush() }
  }

  private func flush() {
    handle.write(Data(buffer.utf8))
    buffer = ""
  }

  func close() throws {
    flush()
    try handle.close()
  }
}
