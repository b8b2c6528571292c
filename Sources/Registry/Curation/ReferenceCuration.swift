import GRDB

/// Which reference figures to list: a nil field matches every figure; a set field matches
/// figures with that value or with no value in that scope column (which fits anything).
public struct ReferenceFilter: Sendable {
  public var country: String?
  public var platform: String?
  public var kind: String?
  public init(country: String? = nil, platform: String? = nil, kind: String? = nil) {
    self.country = country
    self.platform = platform
    self.kind = kind
  }
}

/// A reference figure with its source's key, title and URL.
public struct ReferenceListing: Sendable, Hashable {
  public var figure: ReferenceFigure
  public var sourceKey: String
  public var sourceTitle: String
  public var sourceURL: String?
}

extension RegistryDatabase {
  /// Lists reference figures by date then id.
  public func referenceFigures(_ f: ReferenceFilter) throws -> [ReferenceListing] {
    var q = SQLFilter()
    if let c = f.country { q.add("(r.country IS NULL OR r.country = ?)", [c.uppercased()]) }
    if let p = f.platform { q.add("(r.platform IS NULL OR r.platform = ?)", [p]) }
    if let k = f.kind { q.add("(r.entity_kind IS NULL OR r.entity_kind = ?)", [k]) }
    return try writer.read { db in
      try Self.referenceRows(db, where: q)
    }
  }

  /// One reference figure, or nil.
  public func referenceFigure(id: String) throws -> ReferenceListing? {
    var q = SQLFilter()
    q.add("r.id = ?", [id])
    return try writer.read { db in try Self.referenceRows(db, where: q).first }
  }

  static func referenceRows(_ db: Database, where q: SQLFilter) throws -> [ReferenceListing] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT r.*, s.key AS source_key, s.title AS source_title, s.url AS source_url
        FROM reference_figure r JOIN source s ON s.id = r.source_id
        \(q.whereSQL) ORDER BY r.as_of, r.id
        """, arguments: q.arguments
    ).map {
      ReferenceListing(
        figure: try ReferenceFigure(row: $0), sourceKey: $0["source_key"],
        sourceTitle: $0["source_title"], sourceURL: $0["source_url"])
    }
  }

  /// Adds a reference figure citing the context's source (the figure's `sourceId` is ignored),
  /// in one transaction with its change-log rows. Refuses an existing id, an unknown entity or
  /// region, and bad scope values, writing nothing.
  public func addReferenceFigure(_ figure: ReferenceFigure, context: ChangeContext) throws {
    try curate(context, subject: figure.id) { db, recorder in
      var r = figure
      if try ReferenceFigure.fetchOne(db, key: r.id) != nil {
        throw RegistryError.invalid(
          "reference figure '\(r.id)' already exists; see `registry-cli reference show \(r.id)`")
      }
      if let problem = r.denominatorProblem {
        throw RegistryError.invalid("\(r.id): value: \(problem)")
      }
      if let e = r.entityId, try Entity.fetchOne(db, key: e) == nil {
        throw RegistryError.invalid("\(r.id): entity_id: no entity '\(e)'")
      }
      if let region = r.region,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM region WHERE code = ?", arguments: [region])
          == 0
      {
        throw RegistryError.invalid("\(r.id): region: unknown region '\(region)'")
      }
      r.sourceId = recorder.sourceId
      try r.insert(db)
      try recorder.diff(
        action: "add", table: "reference_figure", key: r.id, entityId: r.entityId, old: nil,
        new: try r.databaseDictionary)
    }
  }
}
