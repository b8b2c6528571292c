import Vocabulary

/// The report as one self-contained HTML file: inline CSS and SVG, no script, no network.
public enum ReportHTML {
  /// Escapes text for HTML content and attribute values.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        // Control characters are not allowed in HTML text.
        if u.value < 0x20 && u != "\n" && u != "\t" {
          out += " "
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }

  static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;\
    margin:2em auto;padding:0 1em;color:#1c2833;line-height:1.45}
    h1{font-size:1.6em;border-bottom:3px solid #1b4f72;padding-bottom:.3em}
    h2{font-size:1.25em;margin-top:2em;color:#1b4f72;border-bottom:1px solid #d5d8dc}
    table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
    table.wide{font-size:.78em;width:100%;table-layout:fixed}table.wide td,table.wide th{overflow-wrap:anywhere}table.wide tr>:first-child{width:17%}table.wide tr>:nth-child(2){width:10%}
    th,td{border:1px solid #d5d8dc;padding:.25em .55em;text-align:left;vertical-align:top}
    th{background:#eaf2f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
    .missing{color:#a04000;font-style:italic}
    .key{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
    .key div{border:1px solid #d5d8dc;border-radius:6px;padding:.6em 1em;min-width:12em}
    .key b{display:block;font-size:1.5em;color:#1b4f72}
    figure{margin:1.2em 0;border:1px solid #d5d8dc;padding:.6em;border-radius:6px}
    figcaption{font-size:.85em;color:#566573;margin-top:.4em}
    svg{max-width:100%;height:auto;font-size:11px;fill:#1c2833}
    svg .grid{stroke:#d5d8dc;stroke-width:1}svg .whisker{stroke:#1c2833;stroke-width:1.5}
    svg text.missing{fill:#a04000}
    .def{font-size:.85em;color:#566573}
    @media print{body{margin:0;max-width:none;font-size:10pt}figure,table{break-inside:avoid}
    h2{break-after:avoid}a{color:inherit;text-decoration:none}}
    """

  public static func render(_ r: AdoptionReport, options: HTMLOptions = HTMLOptions()) -> String {
    let asOf = "\(r.asOf)"
    let any = r.nationalAny
    let defs = Dictionary(
      uniqueKeysWithValues: Methodology.definitions(
        stalenessDays: r.stalenessDays, minConfidence: r.minConfidence))
    let sourceNote = "Source: the registry's entities, channels and snapshots; see Sources below."
    var o = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    o += "<title>\(r.synthetic ? SyntheticBanner.titlePrefix : "")"
    o += "Police on social media: adoption report as of \(asOf)</title>"
    let mapFigure = zoneMapFigure(r, options)
    o += options.styleTag + style + (mapFigure.isEmpty ? "" : ZoneMapChart.style)
    o += (r.synthetic ? SyntheticBanner.css : "") + (options.header?.css ?? "")
    o += "</style></head><body>\n" + (options.header?.html ?? "")
    if r.synthetic { o += SyntheticBanner.html }
    o += "<h1>Police on social media: national adoption report, as of \(asOf)</h1>\n"
    o += "<p>Scope: country \(escape(r.filters.country)); kinds "
    o += escape(r.filters.kinds.joined(separator: ", ")) + "; regions "
    o += escape(r.filters.regions.isEmpty ? "all" : r.filters.regions.joined(separator: ", "))
    o += "; platforms " + escape(r.filters.platforms.joined(separator: ", "))
    o += " (plus any social); snapshots and presence evidence no older than \(r.stalenessDays) "
    o += "days; surveys of confidence \(r.minConfidence.rawValue) or higher.</p>\n"

    o += "<h2>1. National summary</h2>\n<div class=\"key\">"
    o += keyFigure("Entities existing on \(asOf)", String(any.entities))
    let b = any.presence
    let estimateNote = ReportText.estimateNote(b)
    o += keyFigure(
      "On social media: estimate" + (b.lowCoverage ? " (low coverage)" : ""),
      b.estimate.rate.value == nil || b.lowCoverage
        ? "<span class=\"missing\">\(escape(ReportText.percent(b.estimate.rate)))</span>"
        : escape(ReportText.percent(b.estimate.rate)),
      note: escape(estimateNote))
    o += keyFigure(
      "On social media: bounds", escape(ReportText.bounds(b)),
      note: "at least \(b.counts.present), at most \(b.counts.present + b.counts.unknown) of "
        + "\(b.counts.entities)")
    o += keyFigure(
      "Coverage", escape(ReportText.percent(b.coverage)),
      note: "known: present \(b.counts.present) (\(b.counts.presentConfirmed) confirmed), "
        + "absent \(b.counts.absent); unknown \(b.counts.unknown)")
    o += keyFigure("Total audience", span(ReportText.count(any.followers.sum)))
    o += keyFigure("Median audience per entity", span(ReportText.count(any.followers.median)))
    o += keyFigure("Followers per 1,000 inhabitants", span(ReportText.decimal(any.perThousand)))
    for g in [r.growth90, r.growth365] {
      o += keyFigure(
        "Growth, last \(g.windowDays) days", span(ReportText.signedPercent(g.percent)),
        note: span(ReportText.count(g.absolute, signed: true))
          + " followers, \(g.channels) channels"
          + (g.dates.map {
            ", baselines \($0.baselineText), ends \($0.endText), scaled to \(g.windowDays) days"
          } ?? ""))
    }
    o += keyFigure(
      "Emergency disclaimer stated",
      "\(r.disclaimer.yes) yes · \(r.disclaimer.no) no · \(r.disclaimer.unknown) unknown")
    o += "</div>\n<p>On social media: " + escape(ReportText.headline(b)) + ".</p>\n"
    o += statusTable(r.national, r, withRegion: false)
    o += definition(defs["presence_status"]) + definition(defs["estimate"])
    o += definition(defs["any_platform"])

    o += "<h2>2. Adoption by region and platform</h2>\n" + mapFigure
    o += "<figure>" + ReportCharts.adoption(r)
    o += "<figcaption>Per region and platform: entities present (solid), unknown (hatched) and "
    o += "absent (grey) as shares of the entities, so the bar's solid end is the lower bound and "
    o += "its hatched end the upper bound; the diamond is the estimate among the entities whose "
    o += "status is known, the whiskers its 95% Wilson interval; on the right the coverage. "
    o += escape(defs["estimate"] ?? "") + " " + sourceNote + "</figcaption></figure>\n"
    o += statusTable(r.regions, r, withRegion: true)

    o += "<h2>3. Audience and growth by region</h2>\n<figure>" + ReportCharts.audience(r)
    o += "<figcaption>Each dot is one entity's audience on all its social channels; the red "
    o += "mark is the region's median. " + escape(defs["followers"] ?? "") + " " + sourceNote
    o += "</figcaption></figure>\n"
    o +=
      "<table class=\"wide\"><tr><th>Region</th><th>Platform</th><th>Followers (sum)</th><th>Q1</th>"
    o += "<th>Median</th><th>Q3</th><th>Known / missing</th><th>Per 1,000 inh.</th>"
    o += "<th>Growth 90 d</th><th>Growth 365 d</th></tr>\n"
    for g in r.regions + r.national {
      o += "<tr><td>\(escape(r.regionName(g.region)))</td>"
      o += "<td>\(escape(ReportText.platformLabel(g.platform)))</td>"
      for text in [
        ReportText.count(g.followers.sum), ReportText.count(g.followers.q1),
        ReportText.count(g.followers.median), ReportText.count(g.followers.q3),
        "\(g.followers.count) / \(g.followersMissing)", ReportText.decimal(g.perThousand),
        ReportText.signedPercent(g.growth90PctMedian),
        ReportText.signedPercent(g.growth365PctMedian),
      ] {
        o += "<td class=\"n\">" + span(text) + "</td>"
      }
      o += "</tr>\n"
    }
    o += "</table>\n" + definition(defs["quartiles"]) + definition(defs["followers_per_1000"])
    o += definition(defs["growth"])
    let link = options.entityLink
    o += "<h3>Largest audiences</h3>\n" + entityTable(r.top, r, link)
    o += "<h3>Smallest audiences</h3>\n" + entityTable(r.bottom, r, link)
    o += "<h3>On social media, audience missing</h3>\n"
    o += entityTable(r.missingAudience, r, link)

    o += "<h2>4. Diffusion</h2>\n<figure>" + ReportCharts.diffusion(r)
    o += "<figcaption>All regions: the share of entities present on each platform at the end of "
    o += "each year (lines; the lower bound); for any social platform the shaded band reaches up "
    o += "to the upper bound (present + unknown). " + escape(defs["diffusion"] ?? "") + " "
    o += sourceNote + "</figcaption></figure>\n"
    o += "<p class=\"def\">Cells: present / absent / unknown entities, and in brackets the "
    o += "share with a channel opened by then.</p>\n"
    for region in r.diffusion.keys.sorted(by: ReportJSON.regionOrder) {
      let points = r.diffusion[region]!
      o += "<h3>\(escape(r.regionName(region)))</h3>\n<table><tr><th>Year</th><th>Entities</th>"
      for s in r.selectors { o += "<th>\(escape(ReportText.platformLabel(s.name)))</th>" }
      o += "</tr>\n"
      for year in Set(points.map(\.year)).sorted() {
        let row = points.filter { $0.year == year }
        o += "<tr><td>\(year)</td><td class=\"n\">\(row.first?.entities ?? 0)</td>"
        for s in r.selectors {
          let p = row.first { $0.platform == s.name }
          o += "<td class=\"n\">"
          o += span(
            p.map {
              "\($0.present) / \($0.absent) / \($0.unknown) (\(ReportText.percent($0.share, digits: 0)))"
            } ?? "")
          o += "</td>"
        }
        o += "</tr>\n"
      }
      o += "</table>\n"
    }

    let q = r.dataQuality
    o += "<h2>5. Data quality</h2>\n<table>"
    for (label, value) in q.lines(stalenessDays: r.stalenessDays) {
      o += "<tr><td>\(escape(label))</td><td class=\"n\">\(value)</td></tr>\n"
    }
    o += "</table>\n"
    if !q.uncertainDates.isEmpty {
      o += "<p>Uncertain dates (counted on the latest date the sources allow):</p>\n<ul>"
      for u in q.uncertainDates { o += "<li>\(escape(u.text))</li>\n" }
      o += "</ul>\n"
    }

    o += "<h2>6. Methodology</h2>\n<p>As of \(asOf); staleness limit \(r.stalenessDays) days "
    o += "(also the presence window); surveys counted at confidence "
    o += "\(r.minConfidence.rawValue) or higher (--min-confidence); platform set: "
    o += escape(r.platformSet.isEmpty ? "none" : r.platformSet.joined(separator: ", "))
    o += ". Quartiles: type 7. Intervals: 95% Wilson, z = 1.959964.</p>\n<dl>"
    for (key, text) in Methodology.definitions(
      stalenessDays: r.stalenessDays, minConfidence: r.minConfidence)
    {
      o += "<dt>\(escape(key))</dt><dd>\(escape(text))</dd>\n"
    }
    o += "</dl>\n<h3>Sources</h3>\n<ul>"
    for s in r.sources {
      let line = s.line(
        head: { "<code>\(escape($0))</code> \(escape($1))" }, text: escape, link: escape)
      o += "<li>" + line + "</li>\n"
    }
    o += "</ul>\n</body></html>\n"
    return o
  }

  /// The map of the zones on any social platform, when the report has entities on it: the
  /// figure, a note on the entities it cannot show, and the geometry's licence.
  static func zoneMapFigure(_ r: AdoptionReport, _ options: HTMLOptions) -> String {
    switch options.zoneMap {
    case nil:
      return ""
    case .failure(let why)?:
      return "<p class=\"def\">The map of the zones is not shown: \(escape(why.reason))</p>\n"
    case .success(let map)?:
      let unmapped = ZoneMapChart.unmapped(r, map: map)
      // A scope with no zone on the map (another country, a test registry) gets no map.
      if unmapped.count == r.entities.count { return "" }
      var o = "<figure class=\"map\">"
      o += ZoneMapChart.render(
        r, map: map, selector: 0, colouring: .status, link: options.entityLink)
      o += "<figcaption>Each zone's status on any social platform on \(r.asOf): present "
      o += "(confirmed, or carried forward from older evidence), absent, or unknown (hatched; "
      o += "never counted as absent). A zone's outline is the union of its municipalities' (2019 "
      o += "boundaries, simplified)."
      if !unmapped.isEmpty {
        o += " Not on the map (no outline): " + String(unmapped.count) + " of "
        o += "\(r.entities.count) entities in scope, "
        o += escape(unmapped.prefix(5).map(\.id).joined(separator: ", "))
        o += unmapped.count > 5 ? ", …" : ""
        o += "."
      }
      o += "</figcaption>" + ZoneMapChart.licenceHTML(map) + "</figure>\n"
      return o
    }
  }

  /// Wraps "missing (...)" texts so they stand out; escapes everything.
  static func span(_ text: String) -> String {
    text.hasPrefix("missing") ? "<span class=\"missing\">\(escape(text))</span>" : escape(text)
  }

  static func keyFigure(_ label: String, _ valueHTML: String, note: String? = nil) -> String {
    "<div>\(escape(label))<b>\(valueHTML)</b>" + (note.map { "<small>\($0)</small>" } ?? "")
      + "</div>"
  }

  static func definition(_ text: String?) -> String {
    text.map { "<p class=\"def\">\(escape($0))</p>\n" } ?? ""
  }

  /// The statuses, bounds, coverage, estimate and published figures of `rows`.
  static func statusTable(_ rows: [GroupFigures], _ r: AdoptionReport, withRegion: Bool)
    -> String
  {
    var o = "<table class=\"wide\"><tr>" + (withRegion ? "<th>Region</th>" : "")
    o += "<th>Platform</th><th>Entities</th><th>Present (confirmed)</th><th>Absent</th>"
    o += "<th>Unknown</th><th>Coverage</th><th>Bounds</th><th>Estimate</th><th>95% CI</th>"
    o += "<th>Published</th></tr>\n"
    for g in rows {
      let b = g.presence
      let c = b.counts
      o += "<tr>" + (withRegion ? "<td>\(escape(r.regionName(g.region)))</td>" : "")
      o += "<td>\(escape(ReportText.platformLabel(g.platform)))</td>"
      o += "<td class=\"n\">\(c.entities)</td><td class=\"n\">\(c.present) (\(c.presentConfirmed))"
      o += "</td><td class=\"n\">\(c.absent)</td><td class=\"n\">\(c.unknown)</td>"
      o += "<td class=\"n\">" + span(ReportText.percent(b.coverage))
      o += (b.lowCoverage ? " <span class=\"missing\">(low)</span>" : "") + "</td>"
      o += "<td class=\"n\">" + span(ReportText.bounds(b)) + "</td>"
      o += "<td class=\"n\">" + span(ReportText.percent(b.estimate.rate)) + "</td><td>"
      o += (b.estimate.rate.value == nil ? "" : escape(ReportText.interval(b.estimate))) + "</td>"
      o += "<td>" + g.published.map { escape(ReportText.published($0)) }.joined(separator: "<br/>")
      o += "</td></tr>\n"
    }
    return o + "</table>\n"
  }

  static func entityTable(
    _ list: [EntityAudience], _ r: AdoptionReport, _ link: (@Sendable (String) -> String)?
  ) -> String {
    if list.isEmpty { return "<p>None.</p>\n" }
    var o = "<table><tr><th>Entity</th><th>Id</th><th>Region</th><th>Followers</th></tr>\n"
    for e in list {
      let name = escape(e.name)
      o += "<tr><td>" + (link.map { "<a href=\"\(escape($0(e.id)))\">\(name)</a>" } ?? name)
      o += "</td><td><code>\(escape(e.id))</code></td>"
      o += "<td>\(escape(r.regionName(e.region)))</td><td class=\"n\">"
      o += span(ReportText.count(e.followers)) + "</td></tr>\n"
    }
    return o + "</table>\n"
  }
}
