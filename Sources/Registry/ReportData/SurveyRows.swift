import GRDB
import Vocabulary

/// The surveys of a set of entities, as the statuses read them, with their sources.
struct SurveyRows {
  var rows: [ReportData.SurveyRow] = []
  /// Per row, its source id.
  var sourceIds: [Int64] = []

  /// The sources of the surveys dated on or before `day` with at least `minConfidence`: those
  /// the statuses count, cited by the report.
  func sources(onOrBefore day: Day, minConfidence: Confidence) -> Set<Int64> {
    var out = Set<Int64>()
    for (r, s) in zip(rows, sourceIds) where r.observedOn <= day && r.confidence >= minConfidence {
      out.insert(s)
    }
    return out
  }
}

extension RegistryDatabase {
  /// The surveys of the entities (of `country`, when given) that are in `entityIds`, by entity,
  /// platform and day. One query of the survey table (a row per survey: no snapshot is read).
  static func surveyRows(_ db: Database, country: String?, of entityIds: Set<String>) throws
    -> SurveyRows
  {
    try surveyRows(db, country: country, of: { entityIds })
  }

  /// `surveyRows`, with the entity ids made only when there is a survey (most registries have
  /// none yet: a report then pays one empty query).
  static func surveyRows(_ db: Database, country: String?, of ids: () -> Set<String>) throws
    -> SurveyRows
  {
    var out = SurveyRows()
    var entityIds: Set<String>?
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT v.entity_id, v.platform, v.observed_on, v.result, v.confidence, v.method,
               v.handle, v.source_id, s.key
        FROM survey v JOIN entity e ON e.id = v.entity_id JOIN source s ON s.id = v.source_id
        WHERE ? IS NULL OR e.country = ?
        ORDER BY v.entity_id, v.platform, v.observed_on, v.id
        """, arguments: [country, country])
    while let r = try rows.next() {
      let entityId: String = r[0]
      if entityIds == nil { entityIds = ids() }
      guard entityIds!.contains(entityId), let day = Day(r[2] as String),
        let result = SurveyResult(rawValue: r[3]), let confidence = Confidence(rawValue: r[4])
      else { continue }
      out.rows.append(
        ReportData.SurveyRow(
          entityId: entityId, platform: r[1], observedOn: day, result: result,
          confidence: confidence, method: r[5], handle: r[6], sourceKey: r[8]))
      out.sourceIds.append(r[7])
    }
    return out
  }
}
