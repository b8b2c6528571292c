import Foundation
import GRDB
import Vocabulary

/// What `mergeChannel` moved.
public struct ChannelMergeResult: Sendable, Equatable {
  /// The key of the channel removed.
  public var from: String
  /// The channel that remains, as stored after the merge.
  public var into: Channel
  public var snapshots: Int
  public var retractions: Int
  public var surveys: Int
}

extension RegistryDatabase {
  /// Records that the channel `from`, kept without a handle (a source counted an account it did
  /// not name), is the account `into` names: `from`'s snapshots, retracted snapshots and
  /// surveys become `into`'s, `into` is first seen on the earlier of the two first sightings
  /// (its opening day taken from `from` when it has none; with neither date it existed from the
  /// start and keeps that), and `from` is removed. Its fields stay in the change
  /// log (action `merge`, field `merged_into`), with one row per moved snapshot and survey.
  ///
  /// Refused whole, nothing written: a named `from` (two named accounts are two accounts: a
  /// former handle is `channel rename`'s), other platforms or entities, a channel that changed
  /// hands (`channel move`), a closed `into` beside an open `from`, opening days that differ,
  /// `from` seen before `into` opened, and a snapshot both have (same time and source: a person
  /// chooses, with `snapshot retract`).
  ///
  /// Reports of every date then count one channel where they counted two: the audience sums
  /// `into`'s latest count once instead of adding `from`'s; an entity's presence on the
  /// platform does not change (it had an open channel there either way).
  @discardableResult
  public func mergeChannel(_ fromText: String, into intoText: String, context: ChangeContext)
    throws -> ChannelMergeResult
  {
    try curate(context, subject: fromText) { db, recorder in
      let from = try Self.resolveChannel(db, fromText)
      let into = try Self.resolveChannel(db, intoText)
      try Self.checkMerge(db, from, into)
      guard let fromId = from.id, let intoId = into.id else {
        throw RegistryError.invalid("internal error: a stored channel without an id")
      }

      // Every moved row is logged before it moves (its key names the channel it had).
      let snapshotRows = try Row.fetchAll(
        db,
        sql: """
          SELECT s.observed_at, so.key AS source_key FROM snapshot s
          JOIN source so ON so.id = s.source_id
          WHERE s.channel_id = ? ORDER BY s.observed_at, so.key
          """, arguments: [fromId])
      for row in snapshotRows {
        try recorder.record(
          action: "merge", table: "snapshot", key: Self.logKey(row, channel: from),
          entityId: from.entityId, field: "channel", old: from.key, new: into.key)
      }
      let surveys = try Row.fetchAll(
        db,
        sql: """
          SELECT sv.entity_id, sv.platform, sv.observed_on, so.key AS source_key FROM survey sv
          JOIN source so ON so.id = sv.source_id
          WHERE sv.channel_id = ? ORDER BY sv.observed_on, so.key
          """, arguments: [fromId])
      for row in surveys {
        let key: String =
          "\(row["entity_id"] as String)/\(row["platform"] as String)/"
          + "\(row["observed_on"] as String)/\(row["source_key"] as String)"
        try recorder.record(
          action: "merge", table: "survey", key: key, entityId: from.entityId,
          field: "channel", old: from.key, new: into.key)
      }

      try db.execute(
        sql: "UPDATE snapshot SET channel_id = ? WHERE channel_id = ?",
        arguments: [intoId, fromId])
      try db.execute(
        sql: "UPDATE snapshot_retraction SET channel_id = ? WHERE channel_id = ?",
        arguments: [intoId, fromId])
      let retractions = db.changesCount
      try db.execute(
        sql: "UPDATE survey SET channel_id = ? WHERE channel_id = ?", arguments: [intoId, fromId])
      // (A handle-less channel can only have a former handle if one was taken from it by
      // `channel edit`: kept as `into`'s former handle.)
      try db.execute(
        sql: "UPDATE channel_handle_history SET channel_id = ? WHERE channel_id = ?",
        arguments: [intoId, fromId])

      // The dates: `into` with neither date existed from the start and keeps that; else its
      // opening day, or `from`'s, and the earlier of the two first sightings.
      var merged = into
      let before = try merged.databaseDictionary
      if into.openedOn != nil || into.firstSeenOn != nil {
        merged.openedOn = into.openedOn ?? from.openedOn
        merged.firstSeenOn = [into.firstSeenOn, from.firstSeenOn].compactMap { $0 }.min()
      }
      try merged.update(db)
      try recorder.diff(
        action: "merge", table: "channel", key: into.key, entityId: into.entityId, old: before,
        new: try merged.databaseDictionary, skip: ["id"])

      // Its fields as they were, its source by key (the log of a removed row is read without
      // it).
      try recorder.diff(
        action: "merge", table: "channel", key: from.key, entityId: from.entityId,
        old: try from.databaseDictionary, new: nil, skip: ["id", "source_id"])
      try recorder.record(
        action: "merge", table: "channel", key: from.key, entityId: from.entityId,
        field: "source", old: try Source.fetchOne(db, key: from.sourceId)?.key, new: nil)
      try recorder.record(
        action: "merge", table: "channel", key: from.key, entityId: from.entityId,
        field: "merged_into", old: nil, new: into.key)
      try db.execute(sql: "DELETE FROM channel WHERE id = ?", arguments: [fromId])

      return ChannelMergeResult(
        from: from.key, into: merged, snapshots: snapshotRows.count, retractions: retractions,
        surveys: surveys.count)
    }
  }

  /// Why `from` cannot be merged into `into`, thrown; nothing when it can.
  static func checkMerge(_ db: Database, _ from: Channel, _ into: Channel) throws {
    func refuse(_ why: String) -> RegistryError {
      RegistryError.invalid("cannot merge \(from.key) into \(into.key): \(why)")
    }
    guard from.id != into.id else { throw refuse("they are the same channel") }
    guard from.handle == nil else {
      throw refuse(
        "\(from.key) has a handle ('\(from.handleText)'): two named channels are two accounts "
          + "(an account recorded under its former handle: `channel rename`)")
    }
    guard from.platform == into.platform else {
      throw refuse(
        "\(from.key) is on \(from.platform.rawValue), \(into.key) on \(into.platform.rawValue)")
    }
    guard from.entityId == into.entityId else {
      throw refuse(
        "\(from.key) is \(from.entityId)'s, \(into.key) is \(into.entityId)'s (if one is "
          + "misattributed, `channel move` it first)")
    }
    let periods =
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM channel_owner WHERE channel_id IN (?, ?)",
        arguments: [from.id, into.id]) ?? 0
    guard periods == 0 else {
      throw refuse(
        "one of them changed hands (`channel move`): their ownership periods would have to be "
          + "merged by hand")
    }
    let fromOpen = from.closedOn == nil && from.status != .closed
    let intoOpen = into.closedOn == nil && into.status != .closed
    if fromOpen && !intoOpen {
      throw refuse(
        "\(into.key) is closed\(into.closedOn.map { " (on \($0))" } ?? "") and \(from.key) is "
          + "open: reopen \(into.key) first (`channel reopen`) if the account is still there")
    }
    if let a = from.openedOn, let b = into.openedOn, a != b {
      throw refuse(
        "their opening days differ (\(a) and \(b)): correct the wrong one first (`channel edit`)")
    }
    if let opened = into.openedOn, let seen = from.firstSeenOn, seen < opened {
      throw refuse(
        "\(from.key) was seen on \(seen), before \(into.key) opened (\(opened)): not the same "
          + "account, or the opening day is wrong")
    }
    if let clash = try Row.fetchOne(
      db,
      sql: """
        SELECT a.observed_at, so.key AS source_key FROM snapshot a
        JOIN snapshot b ON b.channel_id = ? AND b.observed_at = a.observed_at
          AND b.source_id = a.source_id
        JOIN source so ON so.id = a.source_id
        WHERE a.channel_id = ? ORDER BY a.observed_at LIMIT 1
        """, arguments: [into.id, from.id])
    {
      throw refuse(
        "both have a snapshot at \(Timestamp.format(clash["observed_at"])) from source "
          + "\(clash["source_key"] as String): keep one (`snapshot retract` the other) first")
    }
  }

  /// The channel a merge put the channel `key` into, and the time of the merge, from the change
  /// log; nil for a key no merge removed.
  static func mergedInto(_ db: Database, key: String) throws -> (into: String, at: String)? {
    try Row.fetchOne(
      db,
      sql: """
        SELECT new_value, at FROM change_log
        WHERE table_name = 'channel' AND row_key = ? AND field = 'merged_into'
        ORDER BY id DESC LIMIT 1
        """, arguments: [key]
    ).map { ($0["new_value"], $0["at"]) }
  }

  /// The channel key `log --channel` lists: the channel `text` names, or the key of a channel a
  /// merge removed (its history stays in the log under its key).
  public func channelKeyForLog(_ text: String) throws -> String {
    do {
      return try resolveChannel(text).key
    } catch RegistryError.notFound(let why) {
      let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard try writer.read({ db in try Self.mergedInto(db, key: key) }) != nil else {
        throw RegistryError.notFound(why)
      }
      return key
    }
  }
}
