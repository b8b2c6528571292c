import Foundation
import GRDB
import Vocabulary

/// Which stored snapshot a retraction or a correction is about: a channel, the time it was
/// observed (exact, or a day when that day has one snapshot), and its source when several
/// sources have a count at that time.
public struct SnapshotSelector: Sendable, Equatable {
  public var channelId: Int64
  /// The time as given: an ISO 8601 date-time, or a day (`YYYY-MM-DD`).
  public var at: String
  public var sourceKey: String?

  public init(channelId: Int64, at: String, sourceKey: String? = nil) {
    self.channelId = channelId
    self.at = at
    self.sourceKey = sourceKey
  }
}

/// The counts a correction changes; nil keeps the stored value.
public struct SnapshotChanges: Sendable, Equatable {
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var engagements: Int64?
  public var engagementWindowDays: Int64?

  public init(
    followers: Int64? = nil, following: Int64? = nil, posts: Int64? = nil,
    engagements: Int64? = nil, engagementWindowDays: Int64? = nil
  ) {
    self.followers = followers
    self.following = following
    self.posts = posts
    self.engagements = engagements
    self.engagementWindowDays = engagementWindowDays
  }

  public var isEmpty: Bool {
    followers == nil && following == nil && posts == nil && engagements == nil
      && engagementWindowDays == nil
  }
}

/// A retracted snapshot, as `show` and `history --retracted` list it.
public struct RetractionView: Codable, Sendable, Hashable {
  public var snapshot: SnapshotView
  public var retractedAt: String
  public var retractedBy: String
  public var reason: String?
  /// A correction replaced it (the corrected row is in `snapshot`, with the same key).
  public var corrected: Bool

  enum CodingKeys: String, CodingKey {
    case snapshot, reason, corrected
    case retractedAt = "retracted_at"
    case retractedBy = "retracted_by"
  }

  /// Output columns, in order: the snapshot's, then the retraction's.
  public static let columns =
    SnapshotView.columns + ["retracted_at", "retracted_by", "reason", "corrected"]

  public var values: [String: String?] {
    snapshot.values.merging([
      "retracted_at": retractedAt, "retracted_by": retractedBy, "reason": reason,
      "corrected": corrected ? "yes" : "no",
    ]) { $1 }
  }
}

/// What a retraction or a correction did.
public struct SnapshotCorrectionResult: Sendable, Equatable {
  public var channelKey: String
  /// The snapshot taken out of every figure.
  public var retracted: SnapshotView
  /// The row that replaces it (a correction), nil for a retraction.
  public var corrected: SnapshotView?
}

extension RegistryDatabase {
  /// Takes a snapshot out of every figure: the row moves whole from `snapshot` to
  /// `snapshot_retraction` with when, by whom (`context.by`) and why, in one transaction with
  /// its change-log rows (action `retract`, one per count, and one for the reason). Importing a
  /// row with the same key afterwards stores it again.
  public func retractSnapshot(
    _ selector: SnapshotSelector, reason: String?, context: ChangeContext
  ) throws -> SnapshotCorrectionResult {
    try writer.write { db in
      let (row, channel) = try Self.selectSnapshot(db, selector)
      try Self.retract(db, row, channel: channel, reason: reason, replaced: false, context: context)
      return SnapshotCorrectionResult(
        channelKey: channel.key, retracted: SnapshotView(row: row), corrected: nil)
    }
  }

  /// Replaces a snapshot's counts: the stored row is retracted (kept in `snapshot_retraction`,
  /// marked replaced) and a row with the same channel, time and source and the changed counts
  /// takes its place, in one transaction with the change log (action `correct`: one row per
  /// count changed, and one for the reason). The new counts pass the limits every snapshot
  /// passes (`SnapshotLimits`).
  public func correctSnapshot(
    _ selector: SnapshotSelector, changes: SnapshotChanges, reason: String?,
    context: ChangeContext
  ) throws -> SnapshotCorrectionResult {
    guard !changes.isEmpty else {
      throw RegistryError.invalid(
        "say what to correct: --followers, --following, --posts, --engagements or --window-days")
    }
    return try writer.write { db in
      let (row, channel) = try Self.selectSnapshot(db, selector)
      var new = SnapshotImporter.Values()
      new.channelId = row["channel_id"]
      new.observedAt = row["observed_at"]
      new.sourceId = row["source_id"]
      new.counts = SnapshotImporter.Counts(
        changes.followers ?? row["followers"], changes.following ?? row["following"],
        changes.posts ?? row["posts"], changes.engagements ?? row["engagements"],
        changes.engagementWindowDays ?? row["engagement_window_days"])
      let old = SnapshotImporter.Counts(
        row["followers"], row["following"], row["posts"], row["engagements"],
        row["engagement_window_days"])
      if (0..<5).allSatisfy({ old[$0] == new.counts[$0] }) {
        throw RegistryError.invalid(
          "the snapshot already has these counts; nothing to correct")
      }
      do {
        // The time is the stored one: only the counts are checked against today.
        try SnapshotImporter.check(new, today: Day(epochSeconds: new.observedAt))
      } catch let e as RowError {
        let option = e.column == "engagement_window_days" ? "window-days" : e.column
        throw RegistryError.invalid("--\(option): \(e.reason)")
      }
      try Self.retract(db, row, channel: channel, reason: reason, replaced: true, context: context)
      try db.execute(
        sql: """
          INSERT INTO snapshot (channel_id, observed_at, followers, following, posts, engagements,
            engagement_window_days, source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          new.channelId, new.observedAt, new.counts.followers, new.counts.following,
          new.counts.posts, new.counts.engagements, new.counts.engagementWindowDays, new.sourceId,
          row["note"] as String?,
        ])
      let recorder = ChangeRecorder(db: db, context: context, sourceId: new.sourceId)
      let key = Self.logKey(row, channel: channel)
      for i in 0..<5 where old[i] != new.counts[i] {
        try recorder.record(
          action: "correct", table: "snapshot", key: key, entityId: channel.entityId,
          field: SnapshotImporter.countColumns[i].name, old: old[i].map(String.init),
          new: new.counts[i].map(String.init))
      }
      if let reason {
        try recorder.record(
          action: "correct", table: "snapshot", key: key, entityId: channel.entityId,
          field: "reason", old: nil, new: reason)
      }
      let stored = try Row.fetchOne(
        db,
        sql: """
          SELECT s.*, src.key AS source_key FROM snapshot s JOIN source src ON src.id = s.source_id
          WHERE s.channel_id = ? AND s.observed_at = ? AND s.source_id = ?
          """, arguments: [new.channelId, new.observedAt, new.sourceId])!
      return SnapshotCorrectionResult(
        channelKey: channel.key, retracted: SnapshotView(row: row),
        corrected: SnapshotView(row: stored))
    }
  }

  /// The retracted snapshots of a channel, oldest observation first (then the order of their
  /// retraction).
  public func retractions(channelId: Int64) throws -> [RetractionView] {
    try writer.read { db in try Self.retractions(db, channelId: channelId) }
  }

  static func retractions(_ db: Database, channelId: Int64) throws -> [RetractionView] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT r.*, src.key AS source_key FROM snapshot_retraction r
        JOIN source src ON src.id = r.source_id
        WHERE r.channel_id = ? ORDER BY r.observed_at, r.source_id, r.id
        """, arguments: [channelId]
    ).map { r in
      RetractionView(
        snapshot: SnapshotView(row: r), retractedAt: r["retracted_at"],
        retractedBy: r["retracted_by"], reason: r["reason"], corrected: r["replaced"])
    }
  }

  /// The stored snapshot `selector` names (with its source key), or a message saying what
  /// matched instead.
  static func selectSnapshot(_ db: Database, _ selector: SnapshotSelector) throws -> (
    Row, Channel
  ) {
    guard let channel = try Channel.fetchOne(db, key: selector.channelId) else {
      throw RegistryError.notFound("no channel with id \(selector.channelId)")
    }
    let text = selector.at.trimmingCharacters(in: .whitespaces)
    let range: (Int64, Int64)
    switch Timestamp.parse(text) {
    case .failure(let e): throw RegistryError.invalid("--at: \(e.reason)")
    case .success(let t):
      // A bare day names every snapshot of that day; a time names one instant.
      if text.count == 10, let day = Day(text) {
        range = (day.epochSeconds, day.endOfDayEpochSeconds)
      } else {
        range = (t, t)
      }
    }
    var sql = """
      SELECT s.*, src.key AS source_key FROM snapshot s JOIN source src ON src.id = s.source_id
      WHERE s.channel_id = ? AND s.observed_at BETWEEN ? AND ?
      """
    var arguments: [(any DatabaseValueConvertible)?] = [selector.channelId, range.0, range.1]
    if let key = selector.sourceKey {
      sql += " AND src.key = ?"
      arguments.append(key)
    }
    let rows = try Row.fetchAll(
      db, sql: sql + " ORDER BY s.observed_at, s.source_id",
      arguments: StatementArguments(arguments))
    let at = text.count == 10 ? "on \(text)" : "at \(Timestamp.format(range.0))"
    let from = selector.sourceKey.map { " from source \($0)" } ?? ""
    guard let first = rows.first else {
      throw RegistryError.notFound(
        "no snapshot of \(channel.key) \(at)\(from); see `registry-cli history \(channel.key)`")
    }
    guard rows.count == 1 else {
      let list = rows.map {
        "\(Timestamp.format($0["observed_at"])) \($0["source_key"] as String)"
      }.joined(separator: ", ")
      throw RegistryError.invalid(
        "\(rows.count) snapshots of \(channel.key) \(at)\(from): \(list); give the exact --at "
          + "time and --source KEY")
    }
    return (first, channel)
  }

  /// Moves `row` (a snapshot row with its source key) to `snapshot_retraction` and logs it.
  static func retract(
    _ db: Database, _ row: Row, channel: Channel, reason: String?, replaced: Bool,
    context: ChangeContext
  ) throws {
    let channelId: Int64 = row["channel_id"]
    let observedAt: Int64 = row["observed_at"]
    let sourceId: Int64 = row["source_id"]
    try db.execute(
      sql: """
        INSERT INTO snapshot_retraction (channel_id, observed_at, followers, following, posts,
          engagements, engagement_window_days, source_id, note, retracted_at, retracted_by,
          reason, replaced)
        SELECT channel_id, observed_at, followers, following, posts, engagements,
               engagement_window_days, source_id, note, ?, ?, ?, ?
        FROM snapshot WHERE channel_id = ? AND observed_at = ? AND source_id = ?
        """,
      arguments: [
        Timestamp.format(context.at), context.by, reason, replaced, channelId, observedAt,
        sourceId,
      ])
    try db.execute(
      sql: "DELETE FROM snapshot WHERE channel_id = ? AND observed_at = ? AND source_id = ?",
      arguments: [channelId, observedAt, sourceId])
    guard !replaced else { return }
    // A correction logs its own rows (old and new values); a retraction logs what left.
    let recorder = ChangeRecorder(db: db, context: context, sourceId: sourceId)
    let key = logKey(row, channel: channel)
    for column in SnapshotImporter.countColumns.map(\.name) {
      guard let v: Int64 = row[column] else { continue }
      try recorder.record(
        action: "retract", table: "snapshot", key: key, entityId: channel.entityId,
        field: column, old: String(v), new: nil)
    }
    if let reason {
      try recorder.record(
        action: "retract", table: "snapshot", key: key, entityId: channel.entityId,
        field: "reason", old: nil, new: reason)
    }
  }

  /// A snapshot's row key in the change log: `CHANNEL_KEY TIME SOURCE_KEY`
  /// (`x/zp5327 2024-05-01T00:00:00Z counts-2024`).
  static func logKey(_ row: Row, channel: Channel) -> String {
    "\(channel.key) \(Timestamp.format(row["observed_at"])) \(row["source_key"] as String)"
  }
}
