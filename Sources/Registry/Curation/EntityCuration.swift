import Foundation
import GRDB
import Vocabulary

/// What a curator says about one entity: column values as text, names and municipalities.
public struct EntityInput: Sendable, Equatable {
  public var id: String
  /// Columns of `entities.csv` (`kind`, `code`, `country`, `region`, `valid_to`...).
  public var values: ColumnValues
  /// Names per language; an empty name removes that language's name.
  public var names: [String: String]
  /// Municipalities to add or rename: NIS code -> name (nil keeps or leaves no name).
  public var municipalities: [String: String?]
  /// NIS codes to remove from the entity.
  public var removedMunicipalities: [String]

  public init(
    id: String, values: ColumnValues = ColumnValues(), names: [String: String] = [:],
    municipalities: [String: String?] = [:], removedMunicipalities: [String] = []
  ) {
    self.id = id
    self.values = values
    self.names = names
    self.municipalities = municipalities
    self.removedMunicipalities = removedMunicipalities
  }
}

/// Whether a save may create the row, change it, or both.
enum SaveMode { case add, edit, upsert }

/// Writes entities inside a transaction, logging every changed field.
struct EntityStore {
  let db: Database
  let recorder: ChangeRecorder

  func save(_ input: EntityInput, mode: SaveMode, action: String? = nil) throws {
    let id = input.id.trimmingCharacters(in: .whitespaces)
    guard !id.isEmpty, id.count <= 100,
      id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
    else {
      throw ColumnError("id", "'\(id)' must be 1-100 lowercase ascii letters, digits and '-'")
    }
    let old = try Entity.fetchOne(db, key: id)
    if mode == .add, old != nil {
      throw ColumnError("id", "entity '\(id)' already exists; use `entity edit \(id)`")
    }
    if mode == .edit, old == nil {
      throw ColumnError("id", "no entity '\(id)'; use `entity add \(id)` to create it")
    }
    let v = input.values
    if old == nil {
      for column in ["kind", "country"] where (v.value(column) ?? nil) == nil {
        throw ColumnError(column, "is required for a new entity")
      }
    }
    var e =
      old ?? Entity(id: id, kind: .localPolice, country: "", sourceId: recorder.sourceId)
    if old == nil && !v.has("valid_from") {
      // A new entity without a start date exists from the day of the change, not since the
      // start of every series: reports as of an earlier day are as they were. (Empty text says
      // it always existed.)
      e.validFrom = recorder.context.day.description
    }
    try apply(v, to: &e)
    try check(e)
    let oldDict = try old?.databaseDictionary
    let newDict = try e.databaseDictionary
    if old == nil {
      try e.insert(db)
    } else if oldDict != newDict {
      try e.update(db)
    }
    let act = action ?? (old == nil ? "add" : "edit")
    try recorder.diff(
      action: act, table: "entity", key: id, entityId: id, old: oldDict, new: newDict)
    try saveNames(id, input.names, action: act)
    try saveMunicipalities(id, input, action: act)
  }

  func apply(_ v: ColumnValues, to e: inout Entity) throws {
    if let k = try v.oneOf("kind", EntityKind.self) {
      guard let k else { throw ColumnError("kind", "cannot be empty") }
      e.kind = k
    }
    if let c = v.value("country") {
      guard let c = c?.uppercased(), c.count == 2, c.allSatisfy({ $0.isASCII && $0.isLetter })
      else { throw ColumnError("country", "must be an ISO 3166-1 alpha-2 code, e.g. BE") }
      e.country = c
    }
    if let r = v.value("region") { e.region = r?.uppercased() }
    if let c = v.value("code") { e.code = c }
    if let key = v.value("code_source") {
      e.codeSourceId = try key.map { key in
        guard let s = try Source.filter(Source.Columns.key == key).fetchOne(db) else {
          throw ColumnError("code_source", "unknown source '\(key)'")
        }
        return s.id!
      }
    }
    if e.code != nil && e.codeSourceId == nil { e.codeSourceId = recorder.sourceId }
    if e.code == nil { e.codeSourceId = nil }
    if let l = v.list("languages", lowercase: true) { e.languages = l }
    if let p = try v.int("population") { e.population = p }
    if let y = try v.int("population_year") { e.populationYear = y.map(Int.init) }
    if let p = v.value("parent_id") { e.parentId = p }
    if let f = try v.day("valid_from") { e.validFrom = f }
    if let t = try v.day("valid_to") { e.validTo = t }
    if let n = v.value("note") { e.note = n }
  }

  func check(_ e: Entity) throws {
    if let region = e.region {
      guard region.hasPrefix(e.country + "-") else {
        throw ColumnError("region", "'\(region)' is not a region of country \(e.country)")
      }
      let known = try String.fetchAll(
        db, sql: "SELECT code FROM region WHERE country = ? ORDER BY code", arguments: [e.country])
      guard known.contains(region) else {
        throw ColumnError(
          "region",
          "unknown region '\(region)'; known codes for \(e.country): "
            + (known.isEmpty ? "none" : known.joined(separator: ", ")))
      }
    }
    if let p = e.parentId {
      guard p != e.id else { throw ColumnError("parent_id", "an entity cannot be its own parent") }
      guard try Entity.exists(db, key: p) else {
        throw ColumnError("parent_id", "unknown entity '\(p)'")
      }
    }
    if let from = e.validFrom, let to = e.validTo, from > to {
      throw ColumnError("valid_to", "\(to) is before valid_from \(from)")
    }
  }

  func saveNames(_ id: String, _ names: [String: String], action: String) throws {
    for (rawLang, rawName) in names.sorted(by: { $0.key < $1.key }) {
      let lang = rawLang.lowercased()
      guard (2...8).contains(lang.count),
        lang.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") })
      else {
        throw ColumnError("name", "'\(rawLang)' is not a language code (e.g. fr, nl, de, en)")
      }
      let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
      let old = try String.fetchOne(
        db, sql: "SELECT name FROM entity_name WHERE entity_id = ? AND lang = ?",
        arguments: [id, lang])
      let new: String? = name.isEmpty ? nil : name
      guard old != new else { continue }
      if let new {
        try EntityName(entityId: id, lang: lang, name: new).save(db)
      } else {
        try db.execute(
          sql: "DELETE FROM entity_name WHERE entity_id = ? AND lang = ?", arguments: [id, lang])
      }
      try recorder.record(
        action: action, table: "entity_name", key: id, entityId: id, field: "name.\(lang)",
        old: old, new: new)
    }
  }

  func saveMunicipalities(_ id: String, _ input: EntityInput, action: String) throws {
    for (nis, name) in input.municipalities.sorted(by: { $0.key < $1.key }) {
      guard !nis.isEmpty, nis.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw ColumnError("municipality", "'\(nis)' is not a NIS code (digits)")
      }
      let old = try EntityMunicipality.fetchOne(db, key: ["entity_id": id, "nis_code": nis])
      if let old {
        guard let name, name != old.name else { continue }
        var m = old
        m.name = name
        try m.update(db)
        try recorder.record(
          action: action, table: "entity_municipality", key: id, entityId: id,
          field: "municipality.\(nis)", old: old.name ?? nis, new: name)
      } else {
        try EntityMunicipality(entityId: id, nisCode: nis, name: name, population: nil).insert(db)
        try recorder.record(
          action: action, table: "entity_municipality", key: id, entityId: id,
          field: "municipality.\(nis)", old: nil, new: name ?? nis)
      }
    }
    for nis in input.removedMunicipalities {
      guard let old = try EntityMunicipality.fetchOne(db, key: ["entity_id": id, "nis_code": nis])
      else { throw ColumnError("municipality", "entity '\(id)' has no municipality \(nis)") }
      try old.delete(db)
      try recorder.record(
        action: action, table: "entity_municipality", key: id, entityId: id,
        field: "municipality.\(nis)", old: old.name ?? nis, new: nil)
    }
  }
}

extension RegistryDatabase {
  /// Runs `body` in one write transaction with a recorder citing the context's source, then
  /// refreshes the search index. Column errors become `subject: column: reason`.
  func curate<T>(
    _ context: ChangeContext, subject: String, _ body: (Database, ChangeRecorder) throws -> T
  ) throws -> T {
    do {
      return try writer.write { db in
        let recorder = ChangeRecorder(db: db, context: context, sourceId: try context.sourceId(db))
        let result = try body(db, recorder)
        try SearchIndex.rebuild(db)
        return result
      }
    } catch let e as ColumnError {
      throw RegistryError.invalid("\(subject): \(e.column): \(e.reason)")
    }
  }

  /// Creates an entity; refuses an existing id. Without `valid_from` among its values it exists
  /// from the day of the change (`context.day`); empty text for it says it always existed.
  /// Returns the entity as stored.
  @discardableResult
  public func addEntity(_ input: EntityInput, context: ChangeContext) throws -> Entity {
    try curate(context, subject: input.id) { db, recorder in
      try EntityStore(db: db, recorder: recorder).save(input, mode: .add)
      guard let e = try Entity.fetchOne(db, key: input.id.trimmingCharacters(in: .whitespaces))
      else { throw RegistryError.notFound("entity \(input.id) was not stored") }
      return e
    }
  }

  /// Changes the given columns, names and municipalities of an existing entity.
  public func editEntity(_ input: EntityInput, context: ChangeContext) throws {
    try curate(context, subject: input.id) { db, recorder in
      try EntityStore(db: db, recorder: recorder).save(input, mode: .edit)
    }
  }

  /// Ends an entity's lifespan on `day` (exclusive: the day it ceased). The row stays.
  public func closeEntity(_ id: String, on day: Day, context: ChangeContext) throws {
    try curate(context, subject: id) { db, recorder in
      guard let e = try Entity.fetchOne(db, key: id) else {
        throw RegistryError.notFound("no entity '\(id)'; see `registry-cli entities`")
      }
      if let to = e.validTo {
        throw RegistryError.invalid(
          "\(id) is already closed (valid_to \(to)); edit valid_to instead")
      }
      let input = EntityInput(id: id, values: ColumnValues(["valid_to": day.description]))
      try EntityStore(db: db, recorder: recorder).save(input, mode: .edit, action: "close")
    }
  }
}
