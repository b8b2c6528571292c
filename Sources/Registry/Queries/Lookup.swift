import Foundation
import GRDB
import Vocabulary

/// What `show` found for a user's text: an entity or a channel.
public enum LookupResult: Sendable {
  case entity(EntityDetail)
  case channel(ChannelDetail)
}

/// An entity in full, for `show`.
public struct EntityDetail: Codable, Sendable {
  public var entity: Entity
  public var names: [String: String]
  public var municipalities: [EntityMunicipality]
  public var parent: String?
  public var children: [String]
  public var predecessors: [EntityLineage]
  public var successors: [EntityLineage]
  public var channels: [ChannelDetail]
  /// Channels it owned until they changed hands (now another entity's).
  public var formerChannels: [FormerChannelView]
  public var sources: [Source]

  enum CodingKeys: String, CodingKey {
    case entity, names, municipalities, parent, children, predecessors, successors, channels
    case sources
    case formerChannels = "former_channels"
  }

  /// The display name (`EntityDisplayName`), else the id.
  public var displayName: String {
    EntityDisplayName.choose(names.map { ($0.key, $0.value) }, languages: entity.languages)
      ?? entity.id
  }
}

/// A snapshot in a form fit for output (ISO time, source key).
public struct SnapshotView: Codable, Sendable, Hashable {
  public var observedAt: String
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var engagements: Int64?
  public var engagementWindowDays: Int64?
  public var source: String
  enum CodingKeys: String, CodingKey {
    case followers, following, posts, engagements, source
    case observedAt = "observed_at"
    case engagementWindowDays = "engagement_window_days"
  }

  /// From a row of `SELECT s.*, src.key AS source_key FROM snapshot s JOIN source src ...`.
  init(row r: Row) {
    observedAt = Timestamp.format(r["observed_at"])
    followers = r["followers"]
    following = r["following"]
    posts = r["posts"]
    engagements = r["engagements"]
    engagementWindowDays = r["engagement_window_days"]
    source = r["source_key"]
  }

  /// Output columns, in order.
  public static let columns = [
    "observed_at", "followers", "following", "posts", "engagements", "engagement_window_days",
    "source",
  ]

  public var values: [String: String?] {
    [
      "observed_at": observedAt, "followers": followers.map(String.init),
      "following": following.map(String.init), "posts": posts.map(String.init),
      "engagements": engagements.map(String.init),
      "engagement_window_days": engagementWindowDays.map(String.init), "source": source,
    ]
  }
}

/// A channel in full, for `show`.
public struct ChannelDetail: Codable, Sendable {
  public var channel: Channel
  public var entityName: String
  public var handleHistory: [ChannelHandleHistory]
  public var latestSnapshots: [SnapshotView]
  public var snapshotCount: Int
  /// Snapshots taken out of every figure (`snapshot retract`, `snapshot correct`).
  public var retractions: [RetractionView]
  public var source: Source
  /// Its owners over time, oldest first; empty when it always belonged to its entity.
  public var owners: [OwnershipView]
  enum CodingKeys: String, CodingKey {
    case channel, source, owners, retractions
    case entityName = "entity_name"
    case handleHistory = "handle_history"
    case latestSnapshots = "latest_snapshots"
    case snapshotCount = "snapshot_count"
  }
}

extension RegistryDatabase {
  /// Finds the channel a user means by a channel key, numeric id, handle in any pasted form, or
  /// a former handle. Throws `notFound` with a hint, or `invalid` when several channels match.
  public func resolveChannel(_ text: String, on day: Day? = nil) throws -> Channel {
    try writer.read { db in try Self.resolveChannel(db, text, on: day) }
  }

  static func resolveChannel(_ db: Database, _ text: String, on day: Day? = nil) throws -> Channel {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let c = try Channel.filter(Channel.Columns.key == t).fetchOne(db) { return c }
    if let id = Int64(t), let c = try Channel.fetchOne(db, key: id) { return c }
    var candidates: [Channel] = []
    let looksQualified = t.contains("/") || t.contains(".") || t.dropFirst().contains("@")
    if looksQualified, case .success(let h) = Handle.parse(t) {
      candidates = try channels(db, platform: h.platform, handle: h.canonical, on: day)
    } else {
      // A bare handle: try it on every platform, in each platform's canonical form.
      for p in Platform.allCases {
        if case .success(let h) = Handle.parse(t, platform: p) {
          candidates += try channels(db, platform: p, handle: h.canonical, on: day)
        }
      }
    }
    var seen = Set<Int64>()
    candidates = candidates.filter { seen.insert($0.id!).inserted }
    if candidates.count == 1 { return candidates[0] }
    if candidates.isEmpty {
      if let merge = try mergedInto(db, key: t) {
        throw RegistryError.notFound(
          "channel \(t) was merged into \(merge.into) at \(merge.at); its history: "
            + "`registry-cli log --channel \(t)`")
      }
      throw RegistryError.notFound(
        "no channel matches '\(text)'; try `registry-cli accounts --search \(text)`")
    }
    let list = candidates.map { "\($0.key) (\($0.entityId))" }.joined(separator: ", ")
    throw RegistryError.invalid(
      "'\(text)' matches several channels: \(list); give the platform, e.g. a URL or channel key")
  }

  /// Channels with this handle now, or (as a former handle) before it was renamed.
  static func channels(_ db: Database, platform: Platform, handle: String, on day: Day?) throws
    -> [Channel]
  {
    let current = try Channel.filter(
      Channel.Columns.platform == platform.rawValue && Channel.Columns.handle == handle
    ).fetchAll(db)
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.*, h.valid_until AS former_until
        FROM channel c JOIN channel_handle_history h ON h.channel_id = c.id
        WHERE c.platform = ? AND h.handle = ? ORDER BY h.valid_until
        """,
      arguments: [platform.rawValue, handle])
    let former = try rows.map { try Channel(row: $0) }
    guard let day else { return current + former }
    // On a date before a rename, the handle meant the channel that held it then (the earliest
    // rename still ahead of the date).
    if let i = rows.firstIndex(where: { ($0["former_until"] as String) > day.description }) {
      return [former[i]]
    }
    // After the last rename the handle means whoever holds it now; when nobody does, it still
    // names the channel that gave it up last (a count typed with the old handle).
    if !current.isEmpty { return current }
    return former.last.map { [$0] } ?? []
  }

  /// Looks up an entity or a channel the way `resolve` does, in full.
  public func lookup(_ text: String) throws -> LookupResult {
    try writer.read { db in
      switch try Self.resolve(db, text) {
      case .entity(let e): return .entity(try Self.entityDetail(db, e))
      case .channel(let c): return .channel(try Self.channelDetail(db, c))
      }
    }
  }

  static func entityDetail(_ db: Database, _ e: Entity) throws -> EntityDetail {
    let names = Dictionary(
      try EntityName.filter(sql: "entity_id = ?", arguments: [e.id]).fetchAll(db).map {
        ($0.lang, $0.name)
      }, uniquingKeysWith: { a, _ in a })
    let channels = try Channel.filter(Channel.Columns.entityId == e.id)
      .order(sql: "platform, handle").fetchAll(db)
    let channelDetails = try channels.map { try channelDetail(db, $0) }
    var sourceIds = Set([e.sourceId])
    if let s = e.codeSourceId { sourceIds.insert(s) }
    let predecessors = try EntityLineage.filter(sql: "successor_id = ?", arguments: [e.id])
      .fetchAll(db)
    let successors = try EntityLineage.filter(sql: "predecessor_id = ?", arguments: [e.id])
      .fetchAll(db)
    for l in predecessors + successors { sourceIds.insert(l.sourceId) }
    for c in channelDetails { sourceIds.insert(c.source.id!) }
    let former = try formerChannels(db, entityId: e.id)
    let sources = try Source.filter(keys: Array(sourceIds)).order(sql: "key").fetchAll(db)
    return EntityDetail(
      entity: e, names: names,
      municipalities: try EntityMunicipality.filter(sql: "entity_id = ?", arguments: [e.id])
        .order(sql: "nis_code").fetchAll(db),
      parent: e.parentId,
      children: try String.fetchAll(
        db, sql: "SELECT id FROM entity WHERE parent_id = ? ORDER BY id", arguments: [e.id]),
      predecessors: predecessors, successors: successors, channels: channelDetails,
      formerChannels: former, sources: sources)
  }

  static func channelDetail(_ db: Database, _ c: Channel) throws -> ChannelDetail {
    let name =
      try String.fetchOne(
        db, sql: "SELECT \(EntityDisplayName.sql) FROM entity e WHERE e.id = ?",
        arguments: [c.entityId])
      ?? c.entityId
    let snaps = try Row.fetchAll(
      db,
      sql: """
        SELECT s.*, src.key AS source_key FROM snapshot s JOIN source src ON src.id = s.source_id
        WHERE s.channel_id = ? ORDER BY s.observed_at DESC LIMIT 5
        """, arguments: [c.id])
    return ChannelDetail(
      channel: c, entityName: name,
      handleHistory: try ChannelHandleHistory.filter(sql: "channel_id = ?", arguments: [c.id])
        .order(sql: "valid_until").fetchAll(db),
      latestSnapshots: snaps.map(SnapshotView.init(row:)),
      snapshotCount: try Int.fetchOne(
        db, sql: "SELECT count(*) FROM snapshot WHERE channel_id = ?", arguments: [c.id]) ?? 0,
      retractions: try retractions(db, channelId: c.id!),
      source: try Source.fetchOne(db, key: c.sourceId)!,
      owners: try ownershipViews(db, channelId: c.id!))
  }
}
