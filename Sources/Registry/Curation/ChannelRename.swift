import Foundation
import GRDB
import Vocabulary

extension RegistryDatabase {
  /// Renames a channel's handle from `day` on, keeping the old handle in
  /// channel_handle_history (valid_until = day) so older observations still resolve to it.
  /// Returns the channel as renamed.
  @discardableResult
  public func renameChannel(
    _ channelId: Int64, to newHandle: String, on day: Day, context: ChangeContext
  )
    throws -> Channel
  {
    try writer.write { db in
      guard var c = try Channel.fetchOne(db, key: channelId) else {
        throw RegistryError.notFound("no channel with id \(channelId)")
      }
      let h: Handle
      switch Handle.parse(newHandle, platform: c.platform) {
      case .success(let v): h = v
      case .failure(let e): throw RegistryError.invalid("new handle: \(e.reason)")
      }
      guard h.platform == c.platform else {
        throw RegistryError.invalid(
          "'\(newHandle)' is a \(h.platform.rawValue) handle, but \(c.key) is on \(c.platform.rawValue)"
        )
      }
      guard h.canonical != c.handle else {
        throw RegistryError.invalid("\(c.key) already has the handle '\(c.handleText)'")
      }
      if let other = try Channel.filter(
        Channel.Columns.platform == c.platform.rawValue && Channel.Columns.handle == h.canonical
      ).fetchOne(db) {
        throw RegistryError.invalid(
          "\(c.platform.rawValue) handle '\(h.canonical)' belongs to channel \(other.key); "
            + "rename that one first")
      }
      let latest = try String.fetchOne(
        db, sql: "SELECT max(valid_until) FROM channel_handle_history WHERE channel_id = ?",
        arguments: [channelId])
      if let latest, latest >= day.description {
        throw RegistryError.invalid(
          "\(c.key) was already renamed on \(latest); a new rename must be later")
      }
      let sourceId = try context.sourceId(db)
      let before = try c.databaseDictionary
      // A channel recorded without a handle gets its first one: no former handle to keep.
      if let old = c.handle {
        try ChannelHandleHistory(
          channelId: channelId, handle: old, validUntil: day.description, sourceId: sourceId
        ).insert(db)
        if let url = c.url, url.lowercased().contains(old.lowercased()) {
          c.url =
            h.url
            ?? url.replacingOccurrences(of: old, with: h.canonical, options: .caseInsensitive)
        }
      } else if c.url == nil {
        c.url = h.url
      }
      c.handle = h.canonical
      try c.update(db)
      try ChangeRecorder(db: db, context: context, sourceId: sourceId).diff(
        action: "rename", table: "channel", key: c.key, entityId: c.entityId, old: before,
        new: try c.databaseDictionary)
      try SearchIndex.rebuild(db)
      return c
    }
  }
}
