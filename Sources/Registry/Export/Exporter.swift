import Foundation
import GRDB
import Vocabulary

/// Writes the whole registry as seed files (docs/data.md): `registry-cli init --seed DIR`
/// rebuilds the same content, ids included. One read transaction, so the files are one moment's
/// state even while others write. Text is written verbatim (`CSVWriter.export`, no spreadsheet
/// formula guard): these files are for re-import, not for opening in a spreadsheet.
public enum Exporter {
  /// Each file with the query whose result columns are the file's columns, in order.
  static let queries: [(file: String, sql: String)] = [
    (
      "sources.csv",
      "SELECT id, key, title, publisher, url, published_on, retrieved_on, note FROM source ORDER BY id"
    ),
    (
      "regions.csv",
      """
      SELECT r.code, r.country, r.name, r.parent_code, s.key AS source
      FROM region r JOIN source s ON s.id = r.source_id ORDER BY r.code
      """
    ),
    (
      "entities.csv",
      """
      SELECT e.id, e.kind, e.code, cs.key AS code_source, e.country, e.region, e.languages,
        e.population, e.population_year, e.parent_id, e.valid_from, e.valid_to, s.key AS source,
        e.note, CASE e.placeholder WHEN 1 THEN 'yes' ELSE 'no' END AS placeholder,
        e.valid_from_earliest, e.valid_from_latest, e.valid_to_earliest, e.valid_to_latest
      FROM entity e JOIN source s ON s.id = e.source_id
      LEFT JOIN source cs ON cs.id = e.code_source_id ORDER BY e.id
      """
    ),
    ("entity_names.csv", "SELECT entity_id, lang, name FROM entity_name ORDER BY entity_id, lang"),
    (
      "entity_codes.csv",
      """
      SELECT k.entity_id, k.code, k.title, k.confidence, s.key AS source, k.note
      FROM code_fact k JOIN source s ON s.id = k.source_id ORDER BY k.id
      """
    ),
    (
      "entity_municipalities.csv",
      "SELECT entity_id, nis_code, name, population FROM entity_municipality ORDER BY entity_id, nis_code"
    ),
    (
      "lineage.csv",
      """
      SELECT l.predecessor_id, l.successor_id, l.on_date, s.key AS source, l.note
      FROM entity_lineage l JOIN source s ON s.id = l.source_id
      ORDER BY l.predecessor_id, l.successor_id
      """
    ),
    (
      "channels.csv",
      """
      SELECT c.id, c.key, c.entity_id, c.platform, c.handle, c.url, c.platform_id, c.languages,
        c.purposes, c.status, c.opened_on, c.first_seen_on, c.closed_on,
        CASE c.emergency_disclaimer WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS emergency_disclaimer,
        c.disclaimer_seen_on, c.confidence, c.confidence_note, s.key AS source, c.note,
        c.verified_on
      FROM channel c JOIN source s ON s.id = c.source_id ORDER BY c.id
      """
    ),
    (
      "snapshots.csv",
      """
      SELECT c.key AS channel, strftime('%Y-%m-%dT%H:%M:%SZ', x.observed_at, 'unixepoch') AS observed_at,
        x.followers, x.following, x.posts, x.engagements, x.engagement_window_days,
        s.key AS source, x.note
      FROM snapshot x JOIN channel c ON c.id = x.channel_id JOIN source s ON s.id = x.source_id
      ORDER BY x.channel_id, x.observed_at, x.source_id
      """
    ),
    (
      "reference_figures.csv",
      """
      SELECT f.id, f.label, f.metric, f.value, f.denominator, f.unit, f.country, f.region,
        f.entity_kind, f.platform, f.entity_id, f.as_of, f.as_of_precision, s.key AS source, f.note
      FROM reference_figure f JOIN source s ON s.id = f.source_id ORDER BY f.id
      """
    ),
    (
      "surveys.csv",
      """
      SELECT v.id, v.entity_id, v.platform, v.observed_on, v.result, v.handle, v.method,
        v.confidence, s.key AS source, v.note, c.key AS channel
      FROM survey v JOIN source s ON s.id = v.source_id LEFT JOIN channel c ON c.id = v.channel_id
      ORDER BY v.id
      """
    ),
    (
      "channel_handle_history.csv",
      """
      SELECT c.key AS channel, h.handle, h.valid_until, s.key AS source
      FROM channel_handle_history h JOIN channel c ON c.id = h.channel_id
      LEFT JOIN source s ON s.id = h.source_id ORDER BY c.id, h.valid_until, h.handle
      """
    ),
    (
      "channel_owners.csv",
      """
      SELECT o.id, c.key AS channel, o.entity_id, o.valid_from, o.valid_to, s.key AS source,
        o.note
      FROM channel_owner o JOIN channel c ON c.id = o.channel_id
      JOIN source s ON s.id = o.source_id ORDER BY c.id, o.valid_from IS NOT NULL, o.valid_from
      """
    ),
    (
      "snapshot_retractions.csv",
      """
      SELECT r.id, c.key AS channel,
        strftime('%Y-%m-%dT%H:%M:%SZ', r.observed_at, 'unixepoch') AS observed_at, r.followers,
        r.following, r.posts, r.engagements, r.engagement_window_days, s.key AS source, r.note,
        r.retracted_at, r.retracted_by, r.reason,
        CASE r.replaced WHEN 1 THEN 'yes' ELSE 'no' END AS replaced
      FROM snapshot_retraction r JOIN channel c ON c.id = r.channel_id
      JOIN source s ON s.id = r.source_id ORDER BY r.id
      """
    ),
    (
      "change_log.csv",
      """
      SELECT l.id, l.at, l.action, l.table_name, l.row_key, l.entity_id, l.field, l.old_value,
        l.new_value, s.key AS source, l.changed_by
      FROM change_log l LEFT JOIN source s ON s.id = l.source_id ORDER BY l.id
      """
    ),
  ]

  /// Rows written per file.
  public typealias Counts = [(file: String, rows: Int)]

  /// Writes every file into `directory` (created if needed).
  @discardableResult
  public static func export(_ registry: RegistryDatabase, to directory: String) throws -> Counts {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let csv = CSVWriter.export
    return try registry.writer.read { db in
      var counts: Counts = []
      for (file, sql) in queries {
        let out = try BufferedFile(path: directory + "/" + file)
        let statement = try db.makeStatement(sql: sql)
        out.append(csv.row(statement.columnNames))
        var n = 0
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
          // Only text can need quotes: numbers skip the writer (the bulk of a big export).
          let cells = (0..<row.count).map { i -> String in
            switch (row[i] as DatabaseValue).storage {
            case .null: return ""
            case .int64(let v): return String(v)
            case .double(let v): return "\(v)"
            case .string(let v): return csv.field(v)
            case .blob(let v): return csv.field(String(decoding: v, as: UTF8.self))
            }
          }
          out.append(cells.joined(separator: ",") + csv.lineEnd)
          n += 1
        }
        try out.close()
        counts.append((file, n))
      }
      return counts
    }
  }
}
