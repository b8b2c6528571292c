import Foundation
import GRDB
import Vocabulary

/// Writes channels inside a transaction, logging every changed field.
struct ChannelStore {
  let db: Database
  let recorder: ChangeRecorder

  /// Finds the channel an input row means: by `key`, else by (platform, canonical handle).
  func find(_ v: ColumnValues) throws -> (channel: Channel?, handle: Handle?) {
    var handle: Handle? = nil
    if let raw = v.value("handle") ?? nil {
      let hint = try v.oneOf("platform", Platform.self) ?? nil
      switch Handle.parse(raw, platform: hint) {
      case .success(let h):
        if let hint, h.platform != hint {
          throw ColumnError(
            "handle", "'\(raw)' is a \(h.platform.rawValue) handle, not \(hint.rawValue)")
        }
        handle = h
      case .failure(let e): throw ColumnError("handle", e.reason)
      }
    }
    let byHandle =
      try handle.map {
        try Channel.filter(
          Channel.Columns.platform == $0.platform.rawValue && Channel.Columns.handle == $0.canonical
        ).fetchOne(db)
      } ?? nil
    if let key = v.value("key") ?? nil {
      let byKey = try Channel.filter(Channel.Columns.key == key).fetchOne(db)
      if let byHandle, byKey?.id != byHandle.id {
        throw ColumnError(
          "handle",
          "\(byHandle.platform.rawValue) '\(byHandle.handleText)' is channel \(byHandle.key), not \(key)"
        )
      }
      return (byKey, handle)
    }
    return (byHandle, handle)
  }

  /// Adds or changes the channel the values describe.
  @discardableResult
  func save(_ v: ColumnValues, mode: SaveMode) throws -> Channel {
    let (existing, handle) = try find(v)
    if let existing {
      guard mode != .add else {
        throw ColumnError(
          "handle",
          "\(existing.platform.rawValue) '\(existing.handleText)' is already channel "
            + "\(existing.key); use `channel edit \(existing.key)`")
      }
      return try change(existing, v, action: "edit")
    }
    guard mode != .edit else { throw ColumnError("key", "no such channel") }
    guard let handle else { throw ColumnError("handle", "is required for a new channel") }
    guard let entityId = v.value("entity_id") ?? nil else {
      throw ColumnError("entity_id", "is required for a new channel")
    }
    let key = (v.value("key") ?? nil) ?? "\(handle.platform.rawValue)/\(handle.canonical)"
    var c = Channel(
      key: key, entityId: entityId, platform: handle.platform, handle: handle.canonical,
      url: handle.url, sourceId: recorder.sourceId)
    var values = v
    values["key"] = nil
    values["platform"] = nil
    values["handle"] = nil
    let verified = try apply(values, to: &c)
    if c.openedOn == nil && c.firstSeenOn == nil {
      c.firstSeenOn = recorder.context.day.description
    }
    try check(c)
    try c.insert(db)
    if let verified {
      try db.execute(
        sql: "UPDATE channel SET verified_on = ? WHERE id = ?", arguments: [verified, c.id])
    }
    var dict = try c.databaseDictionary
    dict["verified_on"] = verified?.databaseValue ?? .null
    try recorder.diff(
      action: "add", table: "channel", key: c.key, entityId: c.entityId, old: nil, new: dict,
      skip: ["id"])
    return c
  }

  /// Changes an existing channel's columns. A new `entity_id` is a change of hands on `movedOn`
  /// (default: the day of the change), recorded as ownership periods (`recordOwnerChange`), so
  /// the channel's past stays with its earlier owner.
  @discardableResult
  func change(_ old: Channel, _ v: ColumnValues, action: String, movedOn: Day? = nil) throws
    -> Channel
  {
    if let key = v.value("key") ?? nil, key != old.key {
      throw ColumnError("key", "the key of a channel never changes (it is \(old.key))")
    }
    if let p = try v.oneOf("platform", Platform.self) ?? nil, p != old.platform {
      throw ColumnError(
        "platform", "channel \(old.key) is on \(old.platform.rawValue), not \(p.rawValue)")
    }
    if let raw = v.value("handle") ?? nil {
      guard case .success(let h) = Handle.parse(raw, platform: old.platform),
        h.canonical == old.handle
      else {
        throw ColumnError(
          "handle",
          "'\(raw)' differs from the current handle '\(old.handleText)'; "
            + "use `registry-cli channel rename` to record a new handle")
      }
    }
    let oldVerified = try String.fetchOne(
      db, sql: "SELECT verified_on FROM channel WHERE id = ?", arguments: [old.id])
    var c = old
    var values = v
    for column in ["key", "platform", "handle"] { values[column] = nil }
    let verified = try apply(values, to: &c) ?? oldVerified
    try check(c)
    var oldDict = try old.databaseDictionary
    oldDict["verified_on"] = oldVerified?.databaseValue ?? .null
    var newDict = try c.databaseDictionary
    newDict["verified_on"] = verified?.databaseValue ?? .null
    guard oldDict != newDict else { return c }
    if c.entityId != old.entityId {
      try recordOwnerChange(
        old, to: c.entityId, on: movedOn ?? recorder.context.day, action: action)
    }
    try c.update(db)
    try db.execute(
      sql: "UPDATE channel SET verified_on = ? WHERE id = ?", arguments: [verified, c.id])
    try recorder.diff(
      action: action, table: "channel", key: c.key, entityId: c.entityId, old: oldDict,
      new: newDict, skip: ["id"])
    return c
  }

  /// Applies the values; returns the new `verified_on` when the values set it.
  func apply(_ v: ColumnValues, to c: inout Channel) throws -> String? {
    if let e = v.value("entity_id") {
      guard let e else { throw ColumnError("entity_id", "cannot be empty") }
      guard try Entity.exists(db, key: e) else {
        throw ColumnError("entity_id", "unknown entity '\(e)'; see `registry-cli entities`")
      }
      c.entityId = e
    }
    if let u = v.value("url") { c.url = u }
    if let p = v.value("platform_id") { c.platformId = p }
    if let l = v.list("languages", lowercase: true) { c.languages = l }
    if let p = v.list("purposes", lowercase: true) { c.purposes = p }
    if let o = try v.day("opened_on") { c.openedOn = o }
    if let f = try v.day("first_seen_on") { c.firstSeenOn = f }
    if let closed = try v.day("closed_on") {
      c.closedOn = closed
      if !v.has("status") { c.status = closed == nil ? .active : .closed }
    }
    if let s = try v.oneOf("status", ChannelStatus.self) { c.status = s ?? .active }
    if let d = try v.bool("emergency_disclaimer") { c.emergencyDisclaimer = d }
    if let d = try v.day("disclaimer_seen_on") { c.disclaimerSeenOn = d }
    if let conf = try v.oneOf("confidence", Confidence.self) { c.confidence = conf ?? .high }
    if let n = v.value("confidence_note") { c.confidenceNote = n }
    if let n = v.value("note") { c.note = n }
    if let verified = try v.day("verified_on") { return verified }
    return nil
  }

  func check(_ c: Channel) throws {
    if let o = c.openedOn, let cl = c.closedOn, o > cl {
      throw ColumnError("closed_on", "\(cl) is before opened_on \(o)")
    }
    if c.status == .closed && c.closedOn == nil {
      throw ColumnError("closed_on", "is empty but status is closed; give the closing day")
    }
  }
}

extension RegistryDatabase {
  /// Adds a channel. `values` holds `channels.csv` columns as text (`entity_id`, `platform`,
  /// `handle` in any pasted form, `url`, `languages`...). Returns its key.
  @discardableResult
  public func addChannel(_ values: ColumnValues, context: ChangeContext) throws -> String {
    let subject = values["handle"] ?? "channel"
    return try curate(context, subject: subject) { db, recorder in
      try ChannelStore(db: db, recorder: recorder).save(values, mode: .add).key
    }
  }

  /// Changes columns of the channel `text` names (key, id, handle or URL).
  public func editChannel(
    _ text: String, _ values: ColumnValues, action: String = "edit", context: ChangeContext
  ) throws {
    try curate(context, subject: text) { db, recorder in
      let c = try Self.resolveChannel(db, text)
      try ChannelStore(db: db, recorder: recorder).change(c, values, action: action)
    }
  }

  /// Closes a channel on `day` (exclusive: the first day it no longer exists). The row stays.
  public func closeChannel(_ text: String, on day: Day, context: ChangeContext) throws {
    let c = try resolveChannel(text)
    if let closed = c.closedOn {
      throw RegistryError.invalid(
        "\(c.key) is already closed on \(closed); `channel reopen` it first")
    }
    try editChannel(
      c.key, ColumnValues(["closed_on": day.description, "status": "closed"]), action: "close",
      context: context)
  }

  /// Reopens a closed channel (clears its closing day).
  public func reopenChannel(_ text: String, context: ChangeContext) throws {
    let c = try resolveChannel(text)
    guard c.closedOn != nil || c.status == .closed else {
      throw RegistryError.invalid("\(c.key) is not closed")
    }
    try editChannel(
      c.key, ColumnValues(["closed_on": "", "status": "active"]), action: "reopen",
      context: context)
  }

  /// Gives a channel to another entity on `day` (default: the day of the change): it stays its
  /// earlier owner's before that day (`channel_owner`).
  public func moveChannel(
    _ text: String, to entityId: String, on day: Day? = nil, context: ChangeContext
  ) throws {
    try curate(context, subject: text) { db, recorder in
      let c = try Self.resolveChannel(db, text)
      guard c.entityId != entityId else {
        throw RegistryError.invalid("\(c.key) already belongs to \(entityId)")
      }
      try ChannelStore(db: db, recorder: recorder).change(
        c, ColumnValues(["entity_id": entityId]), action: "move", movedOn: day)
    }
  }

  /// Records that a person checked on `day` that the account still belongs to its entity.
  /// A channel a collector added (`unverified`) becomes `active`: a person has now checked it.
  public func verifyChannel(_ text: String, on day: Day, context: ChangeContext) throws {
    var values = ColumnValues(["verified_on": day.description])
    if try resolveChannel(text).status == .unverified {
      values["status"] = ChannelStatus.active.rawValue
    }
    try editChannel(text, values, action: "verify", context: context)
  }

  /// The day a person last checked the channel's ownership, if ever.
  public func verifiedOn(_ text: String) throws -> String? {
    let c = try resolveChannel(text)
    return try writer.read { db in
      try String.fetchOne(
        db, sql: "SELECT verified_on FROM channel WHERE id = ?", arguments: [c.id])
    }
  }
}
