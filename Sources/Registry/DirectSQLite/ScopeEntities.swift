import Foundation
import GRDB
import GRDBSQLite
import Vocabulary

/// The entities of one country (of some kinds and regions) with their display names, their
/// channels and the region names: what the adoption report and the comparisons load alike.
struct ScopeEntities {
  /// Whether placeholder entities (owners the sources do not identify) are loaded.
  enum Placeholders {
    /// Counted in `placeholderIds` only: no row, no channel (the adoption report).
    case countOnly
    /// Loaded with the others (the comparisons flag them and leave them out of peers).
    case include
  }

  /// In id order.
  var entities: [ReportData.EntityRow] = []
  /// Ids of the placeholder entities in scope, loaded or not.
  var placeholderIds = Set<String>()
  /// Sources of the loaded entities that exist on the day.
  var existingSources = Set<Int64>()
  /// Every channel of the loaded entities, and which are open on the day.
  var channels = OpenChannels()
  /// Region code → name, every region.
  var regionNames: [String: String] = [:]
}

extension RegistryDatabase {
  /// Loads the entities of `country` whose kind is one of `kinds` and region one of `regions`
  /// (empty: any), with their display names (`EntityDisplayName`), then their channels
  /// (`openChannels`) and the region names. Without `laterEntities`, entities that begin after
  /// the day are left out (not loaded, not counted as placeholders), as their channels' later
  /// ownership periods are: what is dated after the day does not show in its report.
  static func scopeEntities(
    _ db: Database, country: String, kinds: [EntityKind] = [], regions: [String] = [],
    on day: Day, placeholders: ScopeEntities.Placeholders, laterEntities: Bool = true
  ) throws -> ScopeEntities {
    var result = ScopeEntities()
    var filter = SQLFilter()
    filter.add("e.country = ?", [country])
    filter.addIn("e.kind", kinds.map(\.rawValue))
    filter.addIn("e.region", regions)
    // Raw statements, decoded by position: GRDB's Row copies every row's values and column
    // names (perf). Entities and their names are both stepped in id order (the names by their
    // primary key), side by side: the names of each entity are the run of equal ids, compared
    // as bytes like SQLite's BINARY collation orders them, with no dictionary.
    let nameStatement = try db.makeStatement(
      sql: "SELECT entity_id, lang, name FROM entity_name ORDER BY entity_id")
    let ns = nameStatement.sqliteStatement
    defer { sqlite3_reset(ns) }
    var nameRC = sqlite3_step(ns)
    /// The display name of entity `id` (`languages` saying which when it has several), nil when
    /// it has none.
    func nameOf(_ id: UnsafePointer<UInt8>, languages: () -> String) throws -> String? {
      var first: (lang: String, name: String)?
      var more: [(lang: String, name: String)] = []
      while nameRC == SQLITE_ROW {
        guard let other = sqlite3_column_text(ns, 0) else {
          nameRC = sqlite3_step(ns)
          continue
        }
        let order = strcmp(other, id)
        if order > 0 { break }
        if order == 0 {
          let found = (Self.text(ns, 1) ?? "", Self.text(ns, 2) ?? "")
          if first == nil { first = found } else { more.append(found) }
        }
        nameRC = sqlite3_step(ns)
      }
      guard nameRC == SQLITE_ROW || nameRC == SQLITE_DONE else {
        throw DatabaseError(resultCode: ResultCode(rawValue: nameRC))
      }
      guard let first else { return nil }
      return more.isEmpty
        ? first.name : EntityDisplayName.choose([first] + more, languages: languages())
    }
    // Placeholders are stepped too (one scan of the entities), and loaded only when asked for.
    let entityStatement = try db.makeStatement(
      sql: """
        SELECT e.id, e.kind, coalesce(e.region, '(none)') AS region, e.population,
               e.valid_from, e.valid_to, e.source_id, e.languages, e.placeholder
        FROM entity e \(filter.whereSQL)
        ORDER BY e.id
        """)
    try entityStatement.setArguments(filter.arguments)
    var lastSource: Int64?
    var entityIds = Set<String>()
    var existing = Set<String>()
    var codes = TextCache()
    try Self.step(entityStatement) { s in
      if !laterEntities, let from = Self.day(s, 4), from > day { return }
      let isPlaceholder = sqlite3_column_int64(s, 8) != 0
      if isPlaceholder {
        result.placeholderIds.insert(Self.text(s, 0) ?? "")
        if placeholders == .countOnly { return }
      }
      let id = Self.text(s, 0) ?? ""
      let name = try sqlite3_column_text(s, 0).flatMap {
        try nameOf($0, languages: { Self.text(s, 7) ?? "" })
      }
      let e = ReportData.EntityRow(
        id: id, name: name ?? id, region: codes.text(s, 2) ?? "", kind: codes.text(s, 1) ?? "",
        population: Self.int(s, 3), validFrom: Self.day(s, 4), validTo: Self.day(s, 5))
      result.entities.append(e)
      entityIds.insert(id)
      if Self.exists(e, on: day) {
        existing.insert(id)
        // (A set insert hashes: done only when the source changes.)
        let source = sqlite3_column_int64(s, 6)
        if source != lastSource {
          result.existingSources.insert(source)
          lastSource = source
        }
      }
    }
    result.channels = try Self.openChannels(db, of: entityIds, existing: existing, on: day)
    for r in try Row.fetchAll(db, sql: "SELECT code, name FROM region") {
      result.regionNames[r["code"]] = r["name"]
    }
    return result
  }
}
