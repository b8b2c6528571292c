import Foundation
import GRDB
import Vocabulary

/// Every channel's current and former handles in memory, for bulk imports:
/// (platform, canonical handle) -> the channels that held it, and until when.
struct ChannelResolver {
  struct Holder: Sendable {
    var channelId: Int64
    /// Epoch seconds of the rename day (exclusive end); nil for the current handle.
    var until: Int64?
    var untilDay: String?
  }

  private var byHandle: [String: [Holder]] = [:]
  private var byKey: [String: Int64] = [:]
  private var ids: Set<Int64> = []

  /// `keys`: also load channel keys and ids (for files with a channel_id column); without,
  /// a 10M-row import of 30k channels holds a few MiB less.
  init(_ db: Database, keys: Bool = true) throws {
    let channels = try Int.fetchOne(db, sql: "SELECT count(*) FROM channel") ?? 0
    byHandle.reserveCapacity(channels)
    if keys {
      byKey.reserveCapacity(channels)
      ids.reserveCapacity(channels)
    }
    let rows = try Row.fetchCursor(db, sql: "SELECT id, key, platform, handle FROM channel")
    while let r = try rows.next() {
      let id: Int64 = r["id"]
      let platform: String = r["platform"]
      // A channel without a handle is found by its key only.
      if let handle: String = r["handle"] {
        byHandle[platform + "\u{1}" + handle, default: []].append(
          Holder(channelId: id, until: nil))
      }
      if keys {
        byKey[r["key"]] = id
        ids.insert(id)
      }
    }
    let former = try Row.fetchCursor(
      db,
      sql: """
        SELECT h.channel_id, c.platform, h.handle, h.valid_until
        FROM channel_handle_history h JOIN channel c ON c.id = h.channel_id
        """)
    while let r = try former.next() {
      let platform: String = r["platform"]
      let handle: String = r["handle"]
      let until: String = r["valid_until"]
      guard let day = Day(until) else { continue }
      byHandle[platform + "\u{1}" + handle, default: []].append(
        Holder(channelId: r["channel_id"], until: day.epochSeconds, untilDay: until))
    }
  }

  /// The holders of a handle typed in any form; the reason when it is not a known channel.
  func holders(platform platformText: String, handle text: String) -> Result<[Holder], RowError> {
    let trimmed = platformText.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return .failure(RowError("platform", "is empty")) }
    guard let platform = Platform(userText: trimmed) else {
      return .failure(
        RowError("platform", "'\(platformText)' is not one of \(Platform.namesList)"))
    }
    let handle: Handle
    switch Handle.parse(text, platform: platform) {
    case .success(let h): handle = h
    case .failure(let e): return .failure(RowError("handle", e.reason))
    }
    guard handle.platform == platform else {
      return .failure(
        RowError(
          "handle", "'\(text)' is a \(handle.platform.rawValue) handle, not \(platform.rawValue)"))
    }
    guard let list = byHandle[platform.rawValue + "\u{1}" + handle.canonical] else {
      return .failure(
        RowError(
          "handle",
          "unknown channel \(platform.rawValue)/\(handle.canonical); add it to the registry first"))
    }
    return .success(list)
  }

  /// The channel a key or numeric id names.
  func channel(idOrKey text: String) -> Result<Int64, RowError> {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return .failure(RowError("channel_id", "is empty")) }
    if let id = byKey[t] { return .success(id) }
    if let id = Int64(t), ids.contains(id) { return .success(id) }
    return .failure(RowError("channel_id", "unknown channel '\(t)' (not a channel key or id)"))
  }

  /// Which holder had the handle at `observedAt`: the earliest rename still ahead, else the
  /// current holder.
  static func pick(_ holders: [Holder], at observedAt: Int64, handle: String) -> Result<
    Int64, RowError
  > {
    var best: Holder?
    var current: Int64?
    for h in holders {
      if let until = h.until {
        if observedAt < until, best == nil || until < best!.until! { best = h }
      } else {
        current = h.channelId
      }
    }
    if let best { return .success(best.channelId) }
    if let current { return .success(current) }
    let last = holders.compactMap(\.untilDay).max() ?? "?"
    return .failure(
      RowError(
        "handle",
        "'\(handle)' was renamed on \(last), before this observation; use the channel's new handle")
    )
  }
}

/// Why one row was refused: the column and a reason.
struct RowError: Error, Sendable {
  var column: String
  var reason: String
  init(_ column: String, _ reason: String) {
    self.column = column
    self.reason = reason
  }
}
