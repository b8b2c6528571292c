import Registry
import Stats
import Vocabulary

/// Everything an entity's page shows: the entity in full (as `show` has it), each channel's
/// follower history, and the change log of the entity and its channels.
public struct EntityProfile: Sendable {
  public var detail: EntityDetail
  /// Its statuses on the day asked for and its surveys, as `show` has them.
  public var statuses: EntityStatuses
  /// Channel id → its snapshots, oldest first: every day's last one, or every week's when a
  /// channel has more than `EntityProfile.maxPoints` days.
  public var histories: [Int64: [HistoryRow]]
  /// The most recent `EntityProfile.maxChanges` changes, oldest first.
  public var changes: [ChangeLogEntry]
  /// Changes in all (the page says when it shows fewer).
  public var changeCount: Int

  /// A chart wider than this many points shows weeks instead of days.
  public static let maxPoints = 400
  public static let maxChanges = 200
}

/// Pages about one record.
public enum Profiles {
  /// The entity `id` (exact id) as `show` has it: in full, with its statuses on `day` under
  /// `rule` and its surveys. Throws `RegistryError.notFound` for an unknown id.
  public static func shown(
    _ registry: RegistryDatabase, id: String, on day: Day, rule: PresenceRule
  ) throws -> (detail: EntityDetail, statuses: EntityStatuses) {
    let notFound = RegistryError.notFound("no entity has the id '\(id)'")
    // `lookup` also finds codes and channels; a page is the entity of that exact id.
    let found: LookupResult
    do {
      found = try registry.lookup(id)
    } catch RegistryError.notFound {
      throw notFound
    }
    guard case .entity(let detail) = found, detail.entity.id == id else { throw notFound }
    return (detail, try PresenceListing.entity(registry, id: id, on: day, rule: rule))
  }

  /// The profile of the entity `id` (exact id): `shown`, each channel's follower history and
  /// the change log. Throws `RegistryError.notFound` for an unknown id.
  public static func entity(
    _ registry: RegistryDatabase, id: String, on day: Day, rule: PresenceRule
  ) throws -> EntityProfile {
    let (detail, statuses) = try shown(registry, id: id, on: day, rule: rule)
    var histories: [Int64: [HistoryRow]] = [:]
    for c in detail.channels {
      guard let channelId = c.channel.id, c.snapshotCount > 0 else { continue }
      var rows = try registry.history(channelId: channelId, every: .day)
      if rows.count > EntityProfile.maxPoints {
        rows = try registry.history(channelId: channelId, every: .week)
      }
      histories[channelId] = rows
    }
    let changes = try registry.changeLog(ChangeLogFilter(entityId: id))
    return EntityProfile(
      detail: detail, statuses: statuses, histories: histories,
      changes: Array(changes.suffix(EntityProfile.maxChanges)), changeCount: changes.count)
  }
}
