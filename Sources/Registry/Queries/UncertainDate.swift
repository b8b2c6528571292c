import GRDB

/// An entity date the sources give only as a year or between bounds (docs/data.md): the day
/// the as-of counts use and the bounds around it.
public struct UncertainDate: Sendable, Equatable {
  public var entityId: String
  /// `start` or `end`.
  public var side: String
  /// The day the as-of counts use: the latest the sources allow.
  public var used: String
  public var earliest: String?
  public var latest: String?
  /// The source of the date: the lineage row's (the merger), else the entity's.
  public var sourceKey: String

  /// "end 2015-12-31 (between 2015-01-01 and 2015-12-31; counts use the latest; source gva-...)".
  public var text: String {
    "\(side) \(used) (between \(earliest ?? "an unknown date") and \(latest ?? "an unknown date");"
      + " as-of counts use the latest date the sources allow; source \(sourceKey))"
  }

  /// Every uncertain start and end, by entity then side.
  public static func all(_ db: Database) throws -> [UncertainDate] {
    var out: [UncertainDate] = []
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT e.id, e.valid_from, e.valid_from_earliest, e.valid_from_latest, e.valid_to,
               e.valid_to_earliest, e.valid_to_latest,
               coalesce((SELECT ls.key FROM entity_lineage l JOIN source ls ON ls.id = l.source_id
                         WHERE l.successor_id = e.id ORDER BY l.predecessor_id LIMIT 1), s.key)
                 AS start_source,
               coalesce((SELECT ls.key FROM entity_lineage l JOIN source ls ON ls.id = l.source_id
                         WHERE l.predecessor_id = e.id ORDER BY l.successor_id LIMIT 1), s.key)
                 AS end_source
        FROM entity e JOIN source s ON s.id = e.source_id
        WHERE coalesce(e.valid_from_earliest, e.valid_from_latest, e.valid_to_earliest,
                       e.valid_to_latest) IS NOT NULL
        ORDER BY e.id
        """)
    {
      let id: String = r["id"]
      let fromE: String? = r["valid_from_earliest"]
      let fromL: String? = r["valid_from_latest"]
      if fromE != nil || fromL != nil, let used: String = r["valid_from"] {
        out.append(
          UncertainDate(
            entityId: id, side: "start", used: used, earliest: fromE, latest: fromL,
            sourceKey: r["start_source"]))
      }
      let toE: String? = r["valid_to_earliest"]
      let toL: String? = r["valid_to_latest"]
      if toE != nil || toL != nil, let used: String = r["valid_to"] {
        out.append(
          UncertainDate(
            entityId: id, side: "end", used: used, earliest: toE, latest: toL,
            sourceKey: r["end_source"]))
      }
    }
    return out
  }
}
