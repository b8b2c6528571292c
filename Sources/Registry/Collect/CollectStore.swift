import Foundation
import GRDB
import Vocabulary

/// Writes collector results: one short transaction per channel, so a failure or a killed run
/// never loses the channels already stored.
public struct CollectStore: Sendable {
  public let registry: RegistryDatabase
  public let today: Day
  /// Epoch seconds stamped on every snapshot of the run.
  public let observedAt: Int64

  public init(registry: RegistryDatabase, today: Day, observedAt: Int64) {
    self.registry = registry
    self.today = today
    self.observedAt = observedAt
  }

  /// The source row of a collector run: one per platform and day.
  public func sourceKey(_ platform: Platform) -> String {
    "collector-\(platform.rawValue)-\(today)"
  }

  /// Plans the update without writing (for `--dry-run`).
  public func plan(_ target: ChannelTarget, _ profile: FetchedProfile) throws -> Result<
    CollectPlan, FetchFailure
  > {
    try registry.writer.read { db in try makePlan(db, target, profile) }
  }

  /// Plans and stores in one transaction.
  public func store(_ target: ChannelTarget, _ profile: FetchedProfile, sourceURL: String?) throws
    -> Result<CollectPlan, FetchFailure>
  {
    try registry.writer.write { db in
      let planned = try makePlan(db, target, profile)
      guard case .success(let plan) = planned else { return planned }
      try apply(db, plan, target, sourceURL: sourceURL)
      return planned
    }
  }

  private func makePlan(_ db: Database, _ target: ChannelTarget, _ profile: FetchedProfile) throws
    -> Result<CollectPlan, FetchFailure>
  {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT followers, following, posts FROM snapshot WHERE channel_id = ?
        ORDER BY observed_at DESC, source_id DESC LIMIT 1
        """, arguments: [target.channelId])
    let latest = row.map {
      (
        followers: $0["followers"] as Int64?, following: $0["following"] as Int64?,
        posts: $0["posts"] as Int64?
      )
    }
    var owners: [String: HandleOwner] = [:]
    for handle in [profile.handle, profile.movedTo?.handle].compactMap({ $0 }) {
      let other = try Row.fetchOne(
        db, sql: "SELECT id, key, entity_id FROM channel WHERE platform = ? AND handle = ?",
        arguments: [target.platform.rawValue, handle])
      if let other {
        let id: Int64 = other["id"]
        let key: String = other["key"]
        let entity: String = other["entity_id"]
        owners[handle] =
          id == target.channelId
          ? .itself
          : entity == target.entityId
            ? .sameEntity(channelKey: key) : .otherEntity(channelKey: key, entityId: entity)
      }
    }
    return CollectPlan.make(
      target: target, profile: profile, latest: latest, owner: { owners[$0] ?? .nobody })
  }

  private func apply(
    _ db: Database, _ plan: CollectPlan, _ target: ChannelTarget, sourceURL: String?
  ) throws {
    let key = sourceKey(target.platform)
    var source = try Source.filter(Source.Columns.key == key).fetchOne(db)
    if source == nil {
      var s = Source(
        key: key, title: Self.title(target.platform), url: sourceURL,
        retrievedOn: today.description,
        note: "Counts read by `registry-cli collect`; each snapshot's note has its request URL.")
      try s.insert(db)
      source = s
    }
    guard let sourceId = source?.id else { throw RegistryError.database("no source id for \(key)") }
    try Snapshot(
      channelId: target.channelId, observedAt: observedAt, followers: plan.followers,
      following: plan.following, posts: plan.posts, sourceId: sourceId,
      note: plan.requestNote
    ).insert(db, onConflict: .replace)

    if let rename = plan.rename {
      try ChannelHandleHistory(
        channelId: target.channelId, handle: rename.from, validUntil: today.description,
        sourceId: sourceId
      ).insert(db, onConflict: .ignore)
      try db.execute(
        sql: """
          UPDATE channel SET handle = ?,
            url = CASE WHEN url IS NOT NULL AND instr(url, ?) > 0 THEN replace(url, ?, ?) ELSE url END
          WHERE id = ?
          """,
        arguments: [rename.to, rename.from, rename.from, rename.to, target.channelId])
    }
    if let id = plan.newPlatformId {
      try db.execute(
        sql: "UPDATE channel SET platform_id = ? WHERE id = ?", arguments: [id, target.channelId])
    }
    if let note = plan.note {
      let line = "\(note) (seen \(today) by registry-cli collect)"
      try db.execute(
        sql: """
          UPDATE channel SET note = CASE WHEN note IS NULL OR note = '' THEN ?
            ELSE note || '; ' || ? END
          WHERE id = ?
          """, arguments: [line, line, target.channelId])
    }
    try db.execute(
      sql: "UPDATE channel SET emergency_disclaimer = ?, disclaimer_seen_on = ? WHERE id = ?",
      arguments: [plan.disclaimer, today.description, target.channelId])
  }

  static func title(_ platform: Platform) -> String {
    switch platform {
    case .mastodon: return "Mastodon collector: public API accounts/lookup"
    case .bluesky: return "Bluesky collector: public AppView app.bsky.actor.getProfiles"
    default: return "\(platform.rawValue) collector"
    }
  }
}
