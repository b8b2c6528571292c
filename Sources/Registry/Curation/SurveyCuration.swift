import Foundation
import GRDB
import Vocabulary

/// What recording one survey did.
public struct SurveyOutcome: Sendable, Equatable {
  /// `entity/platform/observed_on/source`: the survey's key in the change log.
  public var key: String
  /// `added`, `changed` (method, confidence or note) or `unchanged` (recorded before).
  public var outcome: String
  /// The channel a found handle was linked to, and whether this survey created it.
  public var channelKey: String?
  public var channelCreated: Bool
}

/// Writes surveys inside a transaction, logging every change. A survey is keyed by entity,
/// platform, day and source: recording it again changes nothing, and the same key with another
/// result or handle is refused (two answers of one source on one day contradict each other).
struct SurveyStore {
  let db: Database
  let recorder: ChangeRecorder
  /// The status of a channel a survey creates; nil leaves the channel table's rule (`active`).
  /// The website collector creates `unverified` channels: a link is not a person's check.
  var newChannelStatus: ChannelStatus? = nil

  /// The columns a survey is given by (`survey add`, `import surveys`, `surveys.csv`), besides
  /// `source`: the entity by id (`entity_id`), or by id, code or name (`entity`, `entity_code`,
  /// `entity_name`).
  static let columns = [
    "entity_id", "entity", "entity_code", "entity_name", "platform", "observed_on", "result",
    "handle", "method", "confidence", "note",
  ]

  /// Records the survey the values describe. A present survey that names a handle is linked to
  /// the channel with that handle, which is created (first seen on the survey's day) when the
  /// registry does not know it; a handle that is another entity's channel is refused.
  func save(_ v: ColumnValues) throws -> SurveyOutcome {
    let entity = try Self.entity(db, v)
    guard let platform = try v.value("platform").flatMap({ $0 }).map(Self.platform) else {
      throw ColumnError("platform", "is required (one of \(Platform.namesList))")
    }
    guard let day = try v.day("observed_on") ?? nil else {
      throw ColumnError("observed_on", "is required: the day of the survey, YYYY-MM-DD")
    }
    guard let result = try v.oneOf("result", SurveyResult.self) ?? nil else {
      throw ColumnError("result", "is required: present or absent")
    }
    guard let method = try v.oneOf("method", SurveyMethod.self) ?? nil else {
      throw ColumnError("method", "is required (one of \(SurveyMethod.namesList))")
    }
    let confidence: Confidence =
      try v.oneOf("confidence", Confidence.self).flatMap { $0 } ?? .medium
    let note = v.value("note") ?? nil
    var handle: Handle?
    if let raw = v.value("handle") ?? nil {
      guard result == .present else {
        throw ColumnError("handle", "an absent survey names no handle (found '\(raw)')")
      }
      switch Handle.parse(raw, platform: platform) {
      case .success(let h) where h.platform == platform: handle = h
      case .success(let h):
        throw ColumnError(
          "handle", "'\(raw)' is a \(h.platform.rawValue) handle, not \(platform.rawValue)")
      case .failure(let e): throw ColumnError("handle", e.reason)
      }
    }
    let sourceKey =
      try String.fetchOne(
        db, sql: "SELECT key FROM source WHERE id = ?", arguments: [recorder.sourceId]) ?? "?"
    let key = "\(entity.id)/\(platform.rawValue)/\(day)/\(sourceKey)"

    if var old = try Survey.filter(
      Survey.Columns.entityId == entity.id && Survey.Columns.platform == platform.rawValue
        && Survey.Columns.observedOn == day && Survey.Columns.sourceId == recorder.sourceId
    ).fetchOne(db) {
      if old.result != result {
        throw ColumnError(
          "result",
          "\(key) is already recorded as \(old.result.rawValue); one source cannot say both on "
            + "one day (cite another source, or correct the survey in the database)")
      }
      if let h = handle?.canonical, h != old.handle {
        throw ColumnError(
          "handle", "\(key) is already recorded with handle \(old.handle ?? "(none)")")
      }
      let before = try old.databaseDictionary
      old.method = method.rawValue
      if v.has("confidence") { old.confidence = confidence }
      if v.has("note") { old.note = note }
      let after = try old.databaseDictionary
      guard before != after else {
        return SurveyOutcome(
          key: key, outcome: "unchanged", channelKey: nil, channelCreated: false)
      }
      try old.update(db)
      try recorder.diff(
        action: "edit", table: "survey", key: key, entityId: entity.id, old: before, new: after,
        skip: ["id"])
      return SurveyOutcome(key: key, outcome: "changed", channelKey: nil, channelCreated: false)
    }

    var channel: Channel?
    var created = false
    if let h = handle {
      channel = try Channel.filter(
        Channel.Columns.platform == h.platform.rawValue && Channel.Columns.handle == h.canonical
      ).fetchOne(db)
      if let c = channel, c.entityId != entity.id {
        throw ColumnError(
          "handle",
          "\(h.platform.rawValue) '\(h.canonical)' is channel \(c.key) of \(c.entityId), not of "
            + "\(entity.id); record the survey for \(c.entityId), or move the channel first")
      }
      if channel == nil {
        var values = ColumnValues([
          "entity_id": entity.id, "platform": platform.rawValue, "handle": h.canonical,
          "first_seen_on": day, "confidence": confidence.rawValue,
        ])
        if let status = newChannelStatus { values["status"] = status.rawValue }
        channel = try ChannelStore(db: db, recorder: recorder).save(values, mode: .add)
        created = true
      }
    }
    var survey = Survey(
      entityId: entity.id, platform: platform, observedOn: day, result: result,
      handle: handle?.canonical, channelId: channel?.id, method: method.rawValue,
      confidence: confidence, sourceId: recorder.sourceId, note: note)
    try survey.insert(db)
    try recorder.diff(
      action: "add", table: "survey", key: key, entityId: entity.id, old: nil,
      new: try survey.databaseDictionary, skip: ["id"])
    return SurveyOutcome(
      key: key, outcome: "added", channelKey: channel?.key, channelCreated: created)
  }

  static func platform(_ text: String) throws -> Platform {
    guard let p = Platform(userText: text) else {
      throw ColumnError("platform", "'\(text)' is not one of \(Platform.namesList)")
    }
    return p
  }

  /// The entity the values name: `entity_id` (an id), else `entity` (an id, an official code or
  /// a name), else `entity_code`, else `entity_name`. A code or name shared by several entities
  /// is refused with their ids.
  static func entity(_ db: Database, _ v: ColumnValues) throws -> Entity {
    if let id = v.value("entity_id") ?? nil {
      guard let e = try Entity.fetchOne(db, key: id) else {
        throw ColumnError("entity_id", "no entity '\(id)'; see `registry-cli entities`")
      }
      return e
    }
    for column in ["entity", "entity_code", "entity_name"] {
      guard let text = v.value(column) ?? nil else { continue }
      if column == "entity", let e = try Entity.fetchOne(db, key: text) { return e }
      var found: [Entity] = []
      if column != "entity_name" {
        // A code names the zone that holds it now before an ended one.
        found = try Entity.filter(sql: "code = ?", arguments: [text])
          .order(sql: "valid_to IS NOT NULL, id").fetchAll(db)
        if found.count > 1 && found[0].validTo == nil && found[1].validTo != nil {
          found = [found[0]]
        }
      }
      if found.isEmpty && column != "entity_code" {
        found = try Entity.fetchAll(
          db,
          sql: """
            SELECT DISTINCT e.* FROM entity e JOIN entity_name n ON n.entity_id = e.id
            WHERE n.name = ? COLLATE NOCASE ORDER BY e.id
            """, arguments: [text])
      }
      if found.count == 1 { return found[0] }
      if found.count > 1 {
        throw ColumnError(
          column,
          "'\(text)' names several entities (\(found.map(\.id).joined(separator: ", "))); "
            + "give the entity id")
      }
      throw ColumnError(
        column, "no entity '\(text)' (by id, code or name); see `registry-cli entities`")
    }
    throw ColumnError("entity_id", "is required: the entity's id (or entity: its id, code or name)")
  }
}

extension RegistryDatabase {
  /// Records one survey (`SurveyStore.save`) in one transaction with its change-log rows.
  @discardableResult
  public func addSurvey(_ values: ColumnValues, context: ChangeContext) throws -> SurveyOutcome {
    let subject = values["entity_id"] ?? values["entity"] ?? "survey"
    return try curate(context, subject: subject) { db, recorder in
      try SurveyStore(db: db, recorder: recorder).save(values)
    }
  }
}
