import GRDB
import Vocabulary

extension Validation {
  /// Channels of one platform whose handles differ only in case or in the separators `.`, `_`
  /// and `-`: `x/politie_lier` beside `x/politielier`, or two Facebook pages stored before the
  /// page-name rule (periods do not count) and left apart by migration v8. Two accounts can be
  /// named so, but more often one was typed twice; a curator checks and merges or notes them.
  static func nearDuplicateHandles(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    var groups: [String: [(key: String, handle: String, entity: String)]] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql:
        "SELECT key, platform, handle, entity_id FROM channel WHERE handle IS NOT NULL ORDER BY key"
    )
    while let r = try rows.next() {
      let platform: String = r["platform"]
      let handle: String = r["handle"]
      let skeleton = String(
        handle.lowercased().unicodeScalars.filter { !".-_".unicodeScalars.contains($0) })
      groups[platform + "/" + skeleton, default: []].append((r["key"], handle, r["entity_id"]))
    }
    return groups.filter { Set($0.value.map(\.handle)).count > 1 }
      .sorted { $0.key < $1.key }
      .map { skeleton, channels in
        Finding(
          .warning, "near_duplicate_handle", skeleton,
          "handles that differ only in case, '.', '_' or '-': "
            + channels.map { "\($0.key) (\($0.entity))" }.joined(separator: ", ")
            + "; one account typed twice? merge them, or note why they are two")
      }
  }

  /// Ownership periods (`channel_owner`) that do not describe one owner at a time: a channel's
  /// periods must follow each other without gap or overlap, the first open at its start, the
  /// last open at its end and held by the channel's current entity.
  static func ownershipPeriods(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    var out: [Finding] = []
    var periods: [String: [ChannelOwner]] = [:]
    var current: [String: String] = [:]
    var keys: [String] = []
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT c.key, c.entity_id AS current, o.* FROM channel_owner o
        JOIN channel c ON c.id = o.channel_id
        ORDER BY c.key, o.valid_from IS NOT NULL, o.valid_from
        """)
    while let r = try rows.next() {
      let key: String = r["key"]
      if periods[key] == nil { keys.append(key) }
      periods[key, default: []].append(try ChannelOwner(row: r))
      current[key] = r["current"]
    }
    for key in keys {
      let list = periods[key] ?? []
      func finding(_ message: String) {
        out.append(Finding(.error, "ownership", key, message + "; see `registry-cli show \(key)`"))
      }
      if list.first?.validFrom != nil {
        finding("its first ownership period starts on \(list[0].validFrom!), not at its start")
      }
      for (a, b) in zip(list, list.dropFirst()) where a.validTo == nil || a.validTo != b.validFrom {
        finding(
          "ownership periods of \(a.entityId) (until \(a.validTo ?? "now")) and of \(b.entityId) "
            + "(from \(b.validFrom ?? "the start")) do not follow each other")
      }
      if let last = list.last {
        if last.validTo != nil {
          finding("its last ownership period ends on \(last.validTo!): nobody owns it now")
        } else if last.entityId != current[key] {
          finding(
            "its current ownership period is \(last.entityId)'s, but the channel is "
              + "\(current[key] ?? "?")'s")
        }
      }
    }
    return out
  }
}
