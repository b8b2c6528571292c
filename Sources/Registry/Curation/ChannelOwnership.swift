import Foundation
import GRDB
import Vocabulary

extension ChannelStore {
  /// Period columns the change log leaves out: the row key names the channel, and the log row
  /// has its own source.
  static let unlogged: Set<String> = ["id", "channel_id", "source_id"]

  /// Records that channel `c` passes from its current owner to `newOwner` on `day`: the current
  /// ownership period ends on `day` and the new owner's begins then (the first move of a
  /// channel also writes the period it had until then, open at its start). The caller changes
  /// `channel.entity_id`. Refuses a move the periods cannot hold: to an entity that does not
  /// exist on the day, of a channel closed by then, or dated on or before the current period's
  /// start.
  func recordOwnerChange(_ c: Channel, to newOwner: String, on day: Day, action: String) throws {
    let d = day.description
    guard let channelId = c.id else { return }
    guard let entity = try Entity.fetchOne(db, key: newOwner) else {
      throw ColumnError("entity_id", "unknown entity '\(newOwner)'; see `registry-cli entities`")
    }
    guard entity.exists(on: day) else {
      throw ColumnError(
        "entity_id",
        "\(newOwner) does not exist on \(d), the day of the move (it exists "
          + "\(entity.validFrom.map { "from \($0)" } ?? "from the start")"
          + "\(entity.validTo.map { " until \($0)" } ?? ""))")
    }
    if let closed = c.closedOn, closed <= d {
      throw ColumnError(
        "entity_id", "\(c.key) was closed on \(closed); it cannot change hands on \(d)")
    }
    let periods = try ChannelOwner.filter(sql: "channel_id = ?", arguments: [channelId])
      .order(sql: "valid_from IS NOT NULL, valid_from").fetchAll(db)
    if periods.isEmpty {
      // Until now the channel belonged to its current owner for its whole life: that period,
      // on the channel's own source, ends on the day of the move.
      var first = ChannelOwner(
        channelId: channelId, entityId: c.entityId, validFrom: nil, validTo: d,
        sourceId: c.sourceId)
      try first.insert(db)
      try recorder.diff(
        action: action, table: "channel_owner", key: c.key, entityId: c.entityId, old: nil,
        new: try first.databaseDictionary, skip: Self.unlogged)
    } else {
      guard var current = periods.last(where: { $0.validTo == nil }) else {
        throw ColumnError("entity_id", "\(c.key) has no open ownership period; see `validate`")
      }
      if let from = current.validFrom, from >= d {
        throw ColumnError(
          "entity_id",
          "\(c.key) has belonged to \(current.entityId) since \(from); a move must be dated "
            + "after that (--on)")
      }
      let before = try current.databaseDictionary
      current.validTo = d
      try current.update(db)
      try recorder.diff(
        action: action, table: "channel_owner", key: c.key, entityId: current.entityId,
        old: before, new: try current.databaseDictionary, skip: Self.unlogged)
    }
    var next = ChannelOwner(
      channelId: channelId, entityId: newOwner, validFrom: d, validTo: nil,
      sourceId: recorder.sourceId)
    try next.insert(db)
    try recorder.diff(
      action: action, table: "channel_owner", key: c.key, entityId: newOwner, old: nil,
      new: try next.databaseDictionary, skip: Self.unlogged)
  }
}

/// A channel's ownership period, for `show`.
public struct OwnershipView: Codable, Sendable, Hashable {
  public var entityId: String
  public var validFrom: String?
  public var validTo: String?
  public var source: String
  enum CodingKeys: String, CodingKey {
    case source
    case entityId = "entity_id"
    case validFrom = "valid_from"
    case validTo = "valid_to"
  }
}

/// A channel an entity owned before it changed hands, for `show`.
public struct FormerChannelView: Codable, Sendable, Hashable {
  public var key: String
  public var platform: String
  public var handle: String?
  public var validFrom: String?
  public var validTo: String
  /// The channel's owner now.
  public var owner: String
  enum CodingKeys: String, CodingKey {
    case key, platform, handle, owner
    case validFrom = "valid_from"
    case validTo = "valid_to"
  }
}

extension RegistryDatabase {
  /// The ownership periods of a channel, oldest first; empty when it always belonged to its
  /// entity.
  static func ownershipViews(_ db: Database, channelId: Int64) throws -> [OwnershipView] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT o.entity_id, o.valid_from, o.valid_to, s.key AS source
        FROM channel_owner o JOIN source s ON s.id = o.source_id
        WHERE o.channel_id = ? ORDER BY o.valid_from IS NOT NULL, o.valid_from
        """, arguments: [channelId]
    ).map {
      OwnershipView(
        entityId: $0["entity_id"], validFrom: $0["valid_from"], validTo: $0["valid_to"],
        source: $0["source"])
    }
  }

  /// The channels entity `id` owned in a period that ended (they belong to another now).
  static func formerChannels(_ db: Database, entityId id: String) throws -> [FormerChannelView] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, c.platform, c.handle, o.valid_from, o.valid_to, c.entity_id AS owner
        FROM channel_owner o JOIN channel c ON c.id = o.channel_id
        WHERE o.entity_id = ? AND o.valid_to IS NOT NULL
        ORDER BY o.valid_to, c.key
        """, arguments: [id]
    ).map {
      FormerChannelView(
        key: $0["key"], platform: $0["platform"], handle: $0["handle"],
        validFrom: $0["valid_from"], validTo: $0["valid_to"], owner: $0["owner"])
    }
  }
}
