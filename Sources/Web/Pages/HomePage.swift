import Stats
import Vocabulary

/// `/`: the national picture on a date: headline figures with their intervals, the map of the
/// zones on one platform, the region × platform matrix, the diffusion curves, and links to the
/// rest. Built on the adoption report's value, so a figure the report gains is one line here.
enum HomePage {
  static let e = Layout.e

  struct Choice {
    var asOfGiven: Day?
    var selector: Int
    var colouring: ZoneMapChart.Colouring
    /// `min_confidence` when the address gives it (links keep it).
    var minConfidenceGiven: Confidence?
  }

  static func render(
    _ r: AdoptionReport, choice: Choice, map: Result<ZoneMap, ZoneMapUnavailable>, nonce: String
  ) -> String {
    let k = choice.selector
    let platform = r.selectors[k].name
    let label = ReportText.platformLabel(platform)
    let asOf = "\(r.asOf)"
    let dateQuery =
      (choice.asOfGiven.map { [("as_of", "\($0)")] } ?? [])
      + (choice.minConfidenceGiven.map { [("min_confidence", $0.rawValue)] } ?? [])
    var o = "<h1>Police on social media in Belgium, as of \(asOf)</h1>\n"
    o += form(r, choice: choice)
    o += "<div class=\"key\" id=\"headline\">" + headline(r, k).joined() + "</div>\n"
    o +=
      "<p id=\"sentence\">On any social platform: " + e(ReportText.headline(r.nationalAny.presence))
    if k != 0 {
      o += ".<br/>On \(e(label)): " + e(ReportText.headline(r.national[k].presence))
    }
    o += ".</p>\n"

    o += "<h2>Zones on \(e(label))"
    o += choice.colouring == .perThousand ? ": followers per 1,000 inhabitants" : ""
    o += "</h2>\n"
    switch map {
    case .success(let m):
      o += "<figure class=\"map\">"
      o += ZoneMapChart.render(
        r, map: m, selector: k, colouring: choice.colouring, link: { "/entities/\($0)" })
      let unmapped = ZoneMapChart.unmapped(r, map: m)
      o += "<figcaption>Each zone's outline is the union of its municipalities (2019 "
      o += "boundaries, simplified); click a zone for its page."
      if !unmapped.isEmpty {
        o += " \(unmapped.count) of the \(r.entities.count) entities in scope have no outline "
        o += "on this map (no municipalities in the registry, or none in the map file)."
      }
      o += "</figcaption>" + ZoneMapChart.licenceHTML(m) + "</figure>\n"
    case .failure(let why):
      o += "<p class=\"missing\">The map cannot be drawn: \(e(why.reason))</p>\n"
    }
    // As wide as the platforms are many: it scrolls, not the page.
    o += "<h2>Adoption by region and platform</h2>\n<div class=\"scroll\">" + matrix(r) + "</div>"
    o += "<p class=\"muted\">Each cell: the estimate (present / (present + absent)) and its 95% "
    o += "Wilson interval; the bounds (present / entities to (present + unknown) / entities); "
    o += "present · absent · unknown of the entities existing on \(asOf), and the coverage. An "
    o += "estimate in italics rests on less than half of the entities (low coverage). Where no "
    o += "estimate can be made (no status known, or none known absent while some are unknown) "
    o += "the bounds lead the cell and the reason follows.</p>"
    let defs = Dictionary(
      Methodology.definitions(stalenessDays: r.stalenessDays, minConfidence: r.minConfidence),
      uniquingKeysWith: { a, _ in a })
    o += "<details class=\"defs\"><summary>Definitions</summary>"
    for key in ["presence_status", "estimate", "any_platform"] {
      if let text = defs[key] { o += "<p>\(e(text))</p>" }
    }
    o += "</details>\n"

    o += "<h2>Diffusion</h2>\n<figure>" + ReportCharts.diffusion(r)
    o += "<figcaption>All regions: the share of the entities existing at the end of each year "
    o += "that were present on each platform then (lines: the lower bound); for any social "
    o += "platform the shaded band reaches up to the upper bound (present + unknown).</figcaption>"
    o += "</figure>\n"

    o += "<h2>Everything else</h2>\n<ul>"
    o += "<li>The full adoption report: "
    for (name, ext) in [("HTML", "html"), ("JSON", "json"), ("CSV", "csv"), ("Markdown", "md")] {
      o += "<a href=\"/report.\(ext)\(Layout.hrefQuery(dateQuery))\">\(name)</a> "
    }
    o += "</li>"
    let accountsQuery = Layout.hrefQuery(
      dateQuery + (platform == "any" ? [] : [("platform", platform)]) + [("country", "BE")])
    o += "<li><a href=\"/accounts\(accountsQuery)\">The accounts"
    o += platform == "any" ? "" : " on \(e(platform))"
    o += "</a>, filterable, as CSV, JSON or NDJSON</li>"
    o += "<li><a href=\"/entities?country=BE&amp;kind=local_police\">The zones</a> and every "
    o += "other entity</li>"
    o +=
      "<li>League tables: <a href=\"/rank\(Layout.hrefQuery(dateQuery + [("metric", "followers_per_1000"), ("platform", platform)]))\">"
    o +=
      "followers per 1,000 inhabitants</a>, <a href=\"/rank\(Layout.hrefQuery(dateQuery + [("metric", "followers"), ("platform", platform)]))\">"
    o += "followers</a></li>"
    o += "<li><a href=\"/api/v1/openapi.json\">The JSON API</a> (OpenAPI 3.1)</li></ul>\n"
    return Layout.page(
      title: "Overview as of \(asOf)", nonce: nonce, section: "/", body: o,
      extraStyle: ZoneMapChart.style, synthetic: r.synthetic)
  }

  /// The headline figures, each a `<div>` of the key strip: the entities, then for any social
  /// platform (and the platform chosen) the estimate, the bounds and the coverage, as the
  /// report's summary has them; then the audience and its growth on the platform chosen.
  static func headline(_ r: AdoptionReport, _ k: Int) -> [String] {
    var out = [figure("Entities existing on \(r.asOf)", String(r.nationalAny.entities))]
    for g in k == 0 ? [r.nationalAny] : [r.nationalAny, r.national[k]] {
      let on = "On \(ReportText.platformLabel(g.platform))"
      let b = g.presence
      let estimate = ReportText.percent(b.estimate.rate)
      out.append(
        figure(
          on + ": estimate" + (b.lowCoverage ? " (low coverage)" : ""),
          b.lowCoverage || b.estimate.rate.value == nil
            ? "<span class=\"missing\">\(e(estimate))</span>" : e(estimate),
          note: ReportText.estimateNote(b)))
      out.append(
        figure(
          on + ": bounds", e(ReportText.bounds(b)),
          note: "at least \(b.counts.present), at most \(b.counts.present + b.counts.unknown) of "
            + "\(b.counts.entities)"))
      out.append(
        figure(
          on + ": coverage", value(ReportText.percent(b.coverage)),
          note: "present \(b.counts.present) (\(b.counts.presentConfirmed) confirmed), absent "
            + "\(b.counts.absent), unknown \(b.counts.unknown)"))
    }
    let chosen = r.national[k]
    out.append(figure("Total audience", value(ReportText.count(chosen.followers.sum))))
    out.append(
      figure("Followers per 1,000 inhabitants", value(ReportText.decimal(chosen.perThousand))))
    out.append(
      figure(
        "Growth, last 90 days", value(ReportText.signedPercent(r.growth90.percent)),
        note: "\(r.growth90.channels) channels with both counts"))
    return out
  }

  static func value(_ text: String) -> String {
    text.hasPrefix("missing") ? "<span class=\"missing\">\(e(text))</span>" : e(text)
  }

  static func figure(_ label: String, _ valueHTML: String, note: String? = nil) -> String {
    "<div>\(e(label))<b>\(valueHTML)</b>" + (note.map { "<small>\(e($0))</small>" } ?? "")
      + "</div>"
  }

  /// Regions down, selectors across: the estimate and its interval, the bounds, the statuses
  /// and the coverage.
  static func matrix(_ r: AdoptionReport) -> String {
    var o = "<table id=\"matrix\"><tr><th>Region</th>"
    for s in r.selectors { o += "<th>\(e(ReportText.platformLabel(s.name)))</th>" }
    o += "</tr>\n"
    let groups = r.regions + r.national
    var regionOrder: [String] = []
    for g in groups where !regionOrder.contains(g.region) { regionOrder.append(g.region) }
    for region in regionOrder {
      o += "<tr><td>\(e(r.regionName(region)))</td>"
      for s in r.selectors {
        guard let g = groups.first(where: { $0.region == region && $0.platform == s.name })
        else {
          o += "<td></td>"
          continue
        }
        let b = g.presence
        let c = b.counts
        let estimate = e(ReportText.percent(b.estimate.rate))
        o += "<td class=\"n cell\" data-present=\"\(c.present)\" data-absent=\"\(c.absent)\" "
        o += "data-unknown=\"\(c.unknown)\">"
        if b.estimate.rate.value == nil {
          // No estimate: the bounds are the figure, and the reason follows.
          o += "<b>\(e(ReportText.bounds(b)))</b><br/><small>bounds; estimate "
          o += "<span class=\"missing\">\(estimate)</span><br/>"
        } else {
          o += "<b>" + (b.lowCoverage ? "<span class=\"missing\">\(estimate)</span>" : estimate)
          o += "</b> <small>\(e(ReportText.interval(b.estimate)))</small>"
          o += "<br/><small>bounds \(e(ReportText.bounds(b)))<br/>"
        }
        o += "\(c.present) · \(c.absent) · \(c.unknown) of \(c.entities), coverage "
        o += value(ReportText.percent(b.coverage)) + "</small></td>"
      }
      o += "</tr>\n"
    }
    return o + "</table>\n"
  }

  /// The date, platform and colouring chooser (a plain GET form: no script).
  static func form(_ r: AdoptionReport, choice: Choice) -> String {
    let chosen = r.selectors[choice.selector].name
    var o = "<form class=\"filters\" method=\"get\" action=\"/\">"
    o += "<label>As of<input type=\"date\" name=\"as_of\" value=\"\(r.asOf)\"/></label>"
    o += "<label>Platform<select name=\"platform\">"
    let names = ["any"] + Platform.allCases.filter(\.isSocial).map(\.rawValue)
    for n in names {
      o += "<option value=\"\(n)\"" + (n == chosen ? " selected" : "") + ">"
      o += e(ReportText.platformLabel(n)) + "</option>"
    }
    o += "</select></label><label>Colour by<select name=\"colour\">"
    for c in ZoneMapChart.Colouring.allCases {
      o += "<option value=\"\(c.rawValue)\"" + (c == choice.colouring ? " selected" : "") + ">"
      o += e(c.label) + "</option>"
    }
    o += "</select></label><label>Surveys counted<select name=\"min_confidence\">"
    for c in Confidence.allCases {
      o += "<option value=\"\(c.rawValue)\"" + (c == r.minConfidence ? " selected" : "") + ">"
      o += "\(c.rawValue) or higher</option>"
    }
    o += "</select></label><button type=\"submit\">Show</button></form>\n"
    return o
  }
}
