import Stats

extension Comparing {
  /// A league table as text in `format`; `scope` is printed in its heading.
  public static func render(_ table: LeagueTable, scope: String, as format: ListingFormat)
    -> String
  {
    switch format {
    case .table:
      return SideBySideText.render(table, scope: scope, markdown: false)
    case .json:
      return ScorecardJSON.render(table, scope: scope)
    case .ndjson:
      var out = ""
      for e in table.entries { out += ScorecardJSON.entry(table, e).compact() + "\n" }
      for m in table.missing { out += ScorecardJSON.missingEntry(table, m).compact() + "\n" }
      return out
    case .csv:
      let inputs = LeagueTable.inputColumns(table.metric)
      let dates = LeagueTable.dateColumns(table.metric)
      let columns =
        ["rank", "entity_id", "name", "region", "value"] + inputs + dates + ["missing_reason"]
      func number(_ v: Double?) -> String? { v.map { JSONValue.number($0).compact() } }
      var rows: [[String?]] = []
      for e in table.entries {
        var row: [String?] = [String(e.rank), e.entity.id, e.entity.name, e.entity.region]
        row.append(number(e.value))
        for k in inputs { row.append(number(e.inputs[k]?.value)) }
        if !dates.isEmpty { row += LeagueTable.dates(e) }
        row.append(nil)
        rows.append(row)
      }
      for m in table.missing {
        var row: [String?] = [nil, m.entity.id, m.entity.name, m.entity.region, nil]
        row += Array(repeating: nil, count: inputs.count + dates.count)
        row.append(m.reason.rawValue)
        rows.append(row)
      }
      return CSVOutput.render(columns: columns, rows: rows)
    }
  }
}
