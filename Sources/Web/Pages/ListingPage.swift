import Reporting
import Stats
import Vocabulary

/// A listing (accounts, entities) as a page: the filter form, the rows of one page with their
/// columns sortable by a link, the pager, and links to the same query as CSV, JSON and NDJSON.
enum ListingPage {
  static let e = Layout.e

  /// What differs between the listings.
  struct Spec {
    var title: String
    /// `/accounts`: the page, and with an extension its downloads.
    var path: String
    /// The column whose cells link to an entity page, and the column holding the entity's id.
    var linkColumns: [String: String]
    /// The filter fields the form shows.
    var fields: [Field]
  }

  enum Field {
    case search, region, platform, kind, status, asOf
    case presence
    /// Accounts: also the entities that no longer exist.
    case ceased
    /// Accounts: each entity's status per platform instead, and the surveys counted.
    case statuses
  }

  struct Page {
    var page: Int
    var perPage: Int
    var sort: String?
    var desc: Bool
  }

  static func render(
    _ listing: AnyListing, spec: Spec, query: Query, page: Page,
    regions: [(code: String, name: String)], nonce: String, synthetic: Bool = false
  ) throws -> String {
    let total = listing.count
    let shape = ListingShape(
      format: .table, limit: page.perPage, sort: page.sort, desc: page.desc,
      offset: (page.page - 1) * page.perPage)
    let rows = try listing.cells(shape)
    let columns = listing.pageColumns
    let filters = query.pairs(except: ["page", "per_page", "sort", "desc"])
    let order: [(String, String)] =
      (page.sort.map { [("sort", $0)] } ?? []) + (page.desc ? [("desc", "1")] : [])

    var o = "<h1>\(e(spec.title))</h1>\n" + form(spec, query: query, regions: regions)
    let first = total == 0 ? 0 : shape.offset + 1
    let last = shape.offset + rows.count
    o += "<p class=\"muted\" id=\"count\">\(total) rows match; showing \(first)–\(last).</p>\n"
    o += "<p class=\"formats\">The same query: "
    for ext in ["csv", "json", "ndjson"] {
      o +=
        "<a href=\"\(spec.path).\(ext)\(Layout.hrefQuery(filters + order))\">\(ext.uppercased())</a>"
    }
    o += "<span class=\"muted\">(up to \(PageRequests.downloadLimit) rows; add limit= and "
    o += "offset= for more)</span></p>\n"

    o += "<table class=\"listing\"><thead><tr>"
    for c in columns {
      let isSorted = page.sort == c
      let next: [(String, String)] = [("sort", c)] + (isSorted && !page.desc ? [("desc", "1")] : [])
      let arrow = isSorted ? (page.desc ? " ▼" : " ▲") : ""
      o +=
        "<th><a href=\"\(spec.path)\(Layout.hrefQuery(filters + next))\">\(e(c))\(arrow)</a></th>"
    }
    o += "</tr></thead><tbody>\n"
    for cells in rows {
      o += "<tr>"
      for c in columns {
        let text = (cells[c] ?? nil) ?? ""
        let numeric = Double(text) != nil && c != "entity_code" && c != "code"
        o += numeric ? "<td class=\"n\">" : "<td>"
        if let idColumn = spec.linkColumns[c], let id = cells[idColumn] ?? nil, !text.isEmpty {
          o += "<a href=\"/entities/\(Layout.encode(id))\">\(e(text))</a>"
        } else {
          o += e(text)
        }
        o += "</td>"
      }
      o += "</tr>\n"
    }
    o += "</tbody></table>\n"

    let pages = max(1, (total + page.perPage - 1) / page.perPage)
    o += "<p class=\"pager\">"
    let keep =
      filters + order
      + (page.perPage == PageRequests.perPage
        ? [] : [("per_page", String(page.perPage))])
    if page.page > 1 {
      o +=
        "<a rel=\"prev\" href=\"\(spec.path)\(Layout.hrefQuery(keep + [("page", String(page.page - 1))]))\">← previous</a>"
    }
    o += "<span>page \(page.page) of \(pages)</span>"
    if page.page < pages {
      o +=
        "<a rel=\"next\" href=\"\(spec.path)\(Layout.hrefQuery(keep + [("page", String(page.page + 1))]))\">next →</a>"
    }
    o += "</p>\n"
    return Layout.page(
      title: spec.title, nonce: nonce, section: spec.path, body: o, synthetic: synthetic)
  }

  /// The filters as a GET form, showing the query's current values.
  static func form(_ spec: Spec, query: Query, regions: [(code: String, name: String)]) -> String {
    func current(_ name: String) -> String {
      query.pairs.first { $0.0 == name }?.1 ?? ""
    }
    func select(
      _ name: String, _ label: String, _ options: [(String, String)], any: String = "any"
    ) -> String {
      var o = "<label>\(label)<select name=\"\(name)\"><option value=\"\">\(e(any))</option>"
      let chosen = current(name)
      for (value, text) in options {
        o += "<option value=\"\(e(value))\"" + (value == chosen ? " selected" : "") + ">"
        o += e(text) + "</option>"
      }
      return o + "</select></label>"
    }
    var o = "<form class=\"filters\" method=\"get\" action=\"\(spec.path)\">"
    for field in spec.fields {
      switch field {
      case .search:
        o += "<label>Search<input type=\"search\" name=\"search\" maxlength=\"200\" "
        o += "value=\"\(e(current("search")))\"/></label>"
      case .region:
        o += select("region", "Region", regions.map { ($0.code, "\($0.code) \($0.name)") })
      case .platform:
        o += select("platform", "Platform", Platform.allCases.map { ($0.rawValue, $0.rawValue) })
      case .kind:
        o += select("kind", "Kind", EntityKind.allCases.map { ($0.rawValue, $0.rawValue) })
      case .status:
        o += select("status", "Status", ChannelStatus.allCases.map { ($0.rawValue, $0.rawValue) })
      case .asOf:
        o += "<label>As of<input type=\"date\" name=\"as_of\" value=\"\(e(current("as_of")))\"/>"
        o += "</label>"
      case .ceased:
        let on = query.pairs.contains { $0.0 == "include_ceased" }
        o += "<label>ceased entities too<input type=\"checkbox\" name=\"include_ceased\" "
        o += "value=\"1\"" + (on ? " checked" : "") + "/></label>"
      case .statuses:
        let on = query.pairs.contains { $0.0 == "presence" }
        o += "<label>statuses instead<input type=\"checkbox\" name=\"presence\" value=\"1\""
        o += (on ? " checked" : "") + "/></label>"
        o += select(
          "min_confidence", "Surveys counted",
          Confidence.allCases.map { ($0.rawValue, "\($0.rawValue) or higher") },
          any: "\(PresenceRule.defaultMinConfidence.rawValue) or higher")
      case .presence:
        for (name, text) in [("with_channels", "with channels"), ("without_channels", "without")] {
          let on = query.pairs.contains { $0.0 == name }
          o += "<label>\(text)<input type=\"checkbox\" name=\"\(name)\" value=\"1\""
          o += (on ? " checked" : "") + "/></label>"
        }
      }
    }
    // The query's other parameters (country, language, entity, the order) ride along.
    let shown: Set<String> = [
      "search", "region", "platform", "kind", "status", "as_of", "with_channels",
      "without_channels", "include_ceased", "presence", "min_confidence", "page",
    ]
    // A shown field holds the first value of its parameter; further values ride along hidden.
    var firstSeen = Set<String>()
    for (name, value) in query.pairs where name != "page" {
      let isFirst = firstSeen.insert(name).inserted
      if shown.contains(name) && isFirst { continue }
      o += "<input type=\"hidden\" name=\"\(e(name))\" value=\"\(e(value))\"/>"
    }
    o += "<button type=\"submit\">Filter</button></form>\n"
    return o
  }
}
