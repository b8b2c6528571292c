import Reporting
import Stats
import Vocabulary

/// `/rank`: a league table as a page, with its form and the same query as CSV, JSON, NDJSON.
enum RankPage {
  static let e = Layout.e

  static func render(
    _ table: LeagueTable, request: RankRequest, query: Query,
    regions: [(code: String, name: String)], nonce: String
  ) -> String {
    let inputs = LeagueTable.inputColumns(table.metric)
    let filters = query.pairs
    var o = "<h1>\(e(table.metric.label)), \(e(ReportText.platformLabel(table.platform.name))), "
    o += "as of \(table.asOf)</h1>\n"
    o += form(query: query, regions: regions)
    o += "<p class=\"muted\">Scope: \(e(request.scope.summary)). Ranking: "
    o += e(LeagueTable.tieRule) + ".</p>\n"
    o += "<p class=\"formats\">The same query: "
    for ext in ["csv", "json", "ndjson"] {
      o += "<a href=\"/rank.\(ext)\(Layout.hrefQuery(filters))\">\(ext.uppercased())</a>"
    }
    o += "</p>\n<table class=\"listing\" id=\"league\"><tr><th>rank</th><th>entity</th>"
    o += "<th>region</th><th>value</th>"
    for k in inputs { o += "<th>\(e(k))</th>" }
    o += "</tr>\n"
    for entry in table.entries {
      o += "<tr><td class=\"n\">\(entry.rank)</td><td><a href=\"/entities/"
      o += Layout.encode(entry.entity.id) + "\">\(e(entry.entity.name))</a></td>"
      o += "<td>\(e(entry.entity.region))</td><td class=\"n\">"
      o += e(ReportText.decimal(.value(entry.value), digits: 2)) + "</td>"
      for k in inputs {
        let text = entry.inputs[k].map { ReportText.decimal($0, digits: 2) } ?? ""
        o += "<td class=\"n\">" + HomePage.value(text) + "</td>"
      }
      o += "</tr>\n"
    }
    o += "</table>\n"
    if table.cutOff > 0 { o += "<p class=\"muted\">\(table.cutOff) more below the cut.</p>\n" }
    if !table.missing.isEmpty {
      o += "<h2>Not ranked: no value (\(table.missing.count))</h2>\n<table class=\"listing\">"
      o += "<tr><th>entity</th><th>region</th><th>reason</th></tr>\n"
      for m in table.missing {
        o += "<tr><td><a href=\"/entities/\(Layout.encode(m.entity.id))\">\(e(m.entity.name))"
        o += "</a></td><td>\(e(m.entity.region))</td><td class=\"missing\">"
        o += e(m.reason.rawValue) + "</td></tr>\n"
      }
      o += "</table>\n"
    }
    return Layout.page(
      title: "Rank: \(table.metric.label)", nonce: nonce, section: "/rank", body: o,
      synthetic: table.synthetic)
  }

  static func form(query: Query, regions: [(code: String, name: String)]) -> String {
    func current(_ name: String) -> String { query.pairs.first { $0.0 == name }?.1 ?? "" }
    func select(_ name: String, _ label: String, _ options: [(String, String)], any: String?)
      -> String
    {
      var o = "<label>\(label)<select name=\"\(name)\">"
      if let any { o += "<option value=\"\">\(e(any))</option>" }
      for (value, text) in options {
        o += "<option value=\"\(e(value))\"" + (value == current(name) ? " selected" : "") + ">"
        o += e(text) + "</option>"
      }
      return o + "</select></label>"
    }
    var o = "<form class=\"filters\" method=\"get\" action=\"/rank\">"
    o += select(
      "metric", "Metric", RankMetric.allCases.map { ($0.rawValue, $0.rawValue) }, any: nil)
    o += select(
      "platform", "Platform",
      [("any", "any social")]
        + Platform.allCases.filter(\.isSocial).map { ($0.rawValue, $0.rawValue) },
      any: nil)
    o += select("region", "Region", regions.map { ($0.code, "\($0.code) \($0.name)") }, any: "all")
    o +=
      "<label>As of<input type=\"date\" name=\"as_of\" value=\"\(e(current("as_of")))\"/></label>"
    o += "<label>Top<input type=\"number\" name=\"top\" min=\"1\" max=\"100000\" "
    o += "value=\"\(e(current("top")))\"/></label>"
    o += "<button type=\"submit\">Rank</button></form>\n"
    return o
  }
}
