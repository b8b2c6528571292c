import Foundation
import Vocabulary

/// The scorecard as one printable, self-contained HTML page: inline CSS, one inline SVG per
/// metric (the entity against its peers), no script, every database text escaped.
public enum ScorecardHTML {
  static let e = ReportHTML.escape

  static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;\
    margin:1.5em auto;padding:0 1em;color:#1c2833;line-height:1.4;font-size:14px}
    h1{font-size:1.45em;border-bottom:3px solid #1b4f72;padding-bottom:.3em;margin-bottom:.3em}
    h2{font-size:1.1em;margin:1.4em 0 .4em;color:#1b4f72;border-bottom:1px solid #d5d8dc}
    table{border-collapse:collapse;margin:.5em 0;font-size:.88em;width:100%}
    th,td{border:1px solid #d5d8dc;padding:.2em .45em;text-align:left;vertical-align:top}
    th{background:#eaf2f8}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .missing{color:#a04000;font-style:italic}.meta{color:#566573;font-size:.9em;margin:.2em 0}
    .charts{display:grid;grid-template-columns:1fr 1fr;gap:.6em}
    figure{margin:0;border:1px solid #d5d8dc;padding:.4em .5em;border-radius:6px;break-inside:avoid}
    figcaption{font-size:.85em;font-weight:600;margin-bottom:.2em}
    svg{width:100%;height:auto;font-size:11px;fill:#1c2833}
    svg .axis{stroke:#abb2b9;stroke-width:1}svg .box{fill:#d6eaf8;stroke:#1b4f72;stroke-width:1}
    svg .med{stroke:#1b4f72;stroke-width:2.5}svg .peer{fill:#5d6d7e;fill-opacity:.55}
    svg .me{fill:#c0392b;stroke:#fff;stroke-width:1.5}svg text.me{fill:#c0392b;stroke:none;font-weight:600}
    svg text.missing{fill:#a04000;font-style:italic}
    @media print{body{margin:0;max-width:none;font-size:9.5pt}h2{break-after:avoid}
    a{color:inherit;text-decoration:none}}
    """

  static func cell(_ text: String, numeric: Bool = true) -> String {
    let missing = text.hasPrefix("missing")
    let cls = missing ? " class=\"missing\"" : (numeric ? " class=\"n\"" : "")
    return "<td\(cls)>\(e(text))</td>"
  }

  /// The page; `options` gives a web page its style nonce (the map and links are not used).
  public static func render(_ s: Scorecard, options: HTMLOptions = HTMLOptions()) -> String {
    let date = "\(s.asOf)"
    var o = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    o += "<title>\(s.synthetic ? SyntheticBanner.titlePrefix : "")"
    o += "Scorecard: \(e(s.entity.name)) as of \(date)</title>"
    o += options.styleTag + style + (s.synthetic ? SyntheticBanner.css : "")
    o += (options.header?.css ?? "") + "</style></head><body>\n" + (options.header?.html ?? "")
    if s.synthetic { o += SyntheticBanner.html }
    o += "<h1>Scorecard: \(e(s.entity.name)) <small>(\(e(s.entity.id)))</small></h1>\n"
    o += "<p class=\"meta\">As of \(date) · \(e(s.entity.kind)) · \(e(s.regionName)) · "
    o += "population "
    o +=
      s.entity.population.map { ReportText.grouped(Double($0)) }
      ?? "<span class=\"missing\">missing (no_population)</span>"
    o += " · platform \(e(ReportText.platformLabel(s.platform.name))) (\(s.channels) open channel"
    o += s.channels == 1 ? ")" : "s)"
    if s.channelsWithoutDate > 0 {
      o += "; \(s.channelsWithoutDate) more without an opening or first-seen date, not counted"
    }
    o += " · snapshots older than \(s.stalenessDays) days are not used</p>\n"
    o +=
      "<p><b>Peer group</b> (--peers \(e(s.group.basis.rawValue))): \(e(s.group.description)).<br/>"
    o += "<span class=\"meta\">Percentile rank: \(e(Scorecard.percentileDefinition)).</span></p>\n"

    o += "<h2>Metrics</h2>\n<table><tr><th>Metric</th><th>Value</th><th>Percentile</th>"
    o += "<th>Peer q1</th><th>Peer median</th><th>Peer q3</th><th>Peers with value</th>"
    o += "<th>Best peer</th></tr>\n"
    for r in s.rows {
      let st = r.metric.style
      o += "<tr><td>\(e(r.metric.label))</td>" + cell(st.format(r.value))
      o += cell(ScorecardText.percentile(r)) + cell(st.format(r.peers.q1))
      o += cell(st.format(r.peers.median)) + cell(st.format(r.peers.q3))
      o += cell("\(r.peerValues.count) of \(r.peerValues.count + r.peersMissing.count)")
      o += "<td>" + (r.best.map { "\(e($0.name)) (\(e(st.format($0.value))))" } ?? "none")
      o += "</td></tr>\n"
    }
    o += "</table>\n<p class=\"meta\">\(e(ScorecardText.growthWindows(s)))</p>\n"

    o += "<h2>Against the peers</h2>\n<div class=\"charts\">\n"
    for r in s.rows {
      o += "<figure><figcaption>\(e(r.metric.label))</figcaption>"
      o += chart(r, entityName: s.entity.name) + "</figure>\n"
    }
    o += "</div>\n"

    let missingRows = s.rows.filter { !$0.peersMissing.isEmpty }
    if !missingRows.isEmpty {
      o += "<h2>Peers with missing values (counted apart)</h2>\n<table><tr><th>Metric</th>"
      o += "<th>Peers</th><th>Reason: count (ids)</th></tr>\n"
      for r in missingRows {
        o += "<tr><td>\(e(r.metric.rawValue))</td><td class=\"n\">\(r.peersMissing.count)</td>"
        o += "<td>\(e(ScorecardText.missingSummary(r)))</td></tr>\n"
      }
      o += "</table>\n"
    }

    o += "<h2>Platform coverage</h2>\n<table><tr><th>Platform</th><th>This entity</th>"
    o += "<th>Peers on it</th><th>Share of peers</th></tr>\n"
    for c in s.coverage {
      o += "<tr><td>\(e(c.platform))</td><td>\(c.entityOn ? "yes" : "no")</td>"
      o += cell("\(c.peers.successes) of \(c.peers.total)") + cell(ReportText.percent(c.peers.rate))
      o += "</tr>\n"
    }
    o += "</table>\n"

    o += "<h2>Projection (not a forecast)</h2>\n<table><tr><th>Current followers</th>"
    o += "<th>Weighted daily growth</th>"
    for p in s.projection.projections { o += "<th>Projection +\(p.horizonDays) days</th>" }
    o += "</tr><tr>" + cell(ValueStyle.count.format(s.projection.current))
    o += cell(ValueStyle.decimal.format(s.projection.dailyGrowth))
    for p in s.projection.projections { o += cell(ValueStyle.count.format(p.followers)) }
    o += "</tr></table>\n<p class=\"meta\">Method: \(e(Projection.method))</p>\n"

    o += "<h2>Reference figures</h2>\n"
    if s.references.isEmpty {
      o += "<p>None fits this entity's scope (country, region, kind, platform).</p>\n"
    } else {
      o += "<table><tr><th>Figure</th><th>Value</th><th>As of</th><th>Source</th>"
      o += "<th>Comparison</th></tr>\n"
      for r in s.references {
        let f = r.reference
        o += "<tr><td>\(e(f.label))</td>" + cell(ScorecardText.referenceValue(f))
        o += "<td>\(e(f.asOf))\(f.precision == "day" ? "" : " (\(e(f.precision)))")</td><td>"
        let source = f.citation
        if let url = source.webURL {
          o += "<a href=\"\(e(url))\">\(e(source.label))</a>"
        } else {
          o += e(source.label)
        }
        o += "</td><td>\(e(r.text))</td></tr>\n"
      }
      o += "</table>\n"
    }
    o += "</body></html>\n"
    return o
  }

  static func reasonsOnly(_ r: ScorecardRow) -> String {
    var counts: [MissingReason: Int] = [:]
    for m in r.peersMissing { counts[m.reason, default: 0] += 1 }
    return MissingReason.allCases.compactMap { c in counts[c].map { "\(c.rawValue) \($0)" } }
      .joined(separator: ", ")
  }

  static func f(_ v: Double) -> String { String(format: "%.1f", v) }

  /// A box (quartiles, median) and strip (one dot per peer) on a linear axis, the entity as a
  /// red diamond; missing values are written out instead.
  static func chart(_ r: ScorecardRow, entityName: String) -> String {
    let (w, h) = (440.0, 92.0)
    let (left, right) = (14.0, 14.0)
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(w)) \(f(h))\" role=\"img\">"
    s += "<title>\(e(r.metric.label)): \(e(entityName)) against \(r.peerValues.count) peers</title>"
    let values = r.peerValues.map(\.value) + (r.value.value.map { [$0] } ?? [])
    guard !r.peerValues.isEmpty, var lo = values.min(), var hi = values.max() else {
      // Nothing to place the entity against: say so rather than draw an empty axis.
      s += "<text x=\"\(f(w / 2))\" y=\"34\" text-anchor=\"middle\""
      s += r.value.value == nil ? " class=\"missing\">" : " class=\"me\">"
      s += "this entity: " + e(r.metric.style.format(r.value)) + "</text>"
      s += "<text x=\"\(f(w / 2))\" y=\"60\" text-anchor=\"middle\" class=\"missing\">"
      s += "no peer has a value (\(r.peersMissing.count) missing: "
      s += e(ScorecardText.missingSummary(r).isEmpty ? "no peers" : reasonsOnly(r)) + ")</text>"
      return s + "</svg>"
    }
    if lo == hi {
      lo -= max(1, abs(lo) * 0.1)
      hi += max(1, abs(hi) * 0.1)
    }
    let pad = (hi - lo) * 0.05
    lo -= pad
    hi += pad
    let plot = w - left - right
    func x(_ v: Double) -> Double { left + plot * (v - lo) / (hi - lo) }
    let axisY = 62.0
    s +=
      "<line x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(w - right))\" y2=\"\(f(axisY))\" class=\"axis\"/>"
    let st = r.metric.style
    for (v, anchor) in [(lo + pad, "start"), (hi - pad, "end")] {
      s += "<text x=\"\(f(x(v)))\" y=\"\(f(axisY + 14))\" text-anchor=\"\(anchor)\">"
      s += e(st.format(v)) + "</text>"
    }
    if let q1 = r.peers.q1.value, let q3 = r.peers.q3.value, let m = r.peers.median.value {
      s +=
        "<rect x=\"\(f(x(q1)))\" y=\"22\" width=\"\(f(max(1, x(q3) - x(q1))))\" height=\"26\" class=\"box\">"
      s += "<title>peers q1 \(e(st.format(q1))), q3 \(e(st.format(q3)))</title></rect>"
      s += "<line x1=\"\(f(x(m)))\" y1=\"20\" x2=\"\(f(x(m)))\" y2=\"50\" class=\"med\">"
      s += "<title>peer median \(e(st.format(m)))</title></line>"
    }
    for p in r.peerValues {
      s += "<circle cx=\"\(f(x(p.value)))\" cy=\"35\" r=\"3.5\" class=\"peer\">"
      s += "<title>\(e(p.name)): \(e(st.format(p.value)))</title></circle>"
    }
    if let v = r.value.value {
      let cx = x(v)
      s += "<path d=\"M\(f(cx)) 26 L\(f(cx + 8)) 35 L\(f(cx)) 44 L\(f(cx - 8)) 35 Z\" class=\"me\">"
      s += "<title>\(e(entityName)): \(e(st.format(v)))</title></path>"
      let anchor = cx < w * 0.25 ? "start" : cx > w * 0.75 ? "end" : "middle"
      s += "<text x=\"\(f(cx))\" y=\"14\" text-anchor=\"\(anchor)\" class=\"me\">"
      s += e(st.format(v)) + "</text>"
    } else {
      s += "<text x=\"\(f(w / 2))\" y=\"14\" text-anchor=\"middle\" class=\"missing\">"
      s += "this entity: " + e(st.format(r.value)) + "</text>"
    }
    let note =
      "\(r.peerValues.count) peers"
      + (r.peersMissing.isEmpty ? "" : ", \(r.peersMissing.count) missing")
    s += "<text x=\"\(f(w / 2))\" y=\"\(f(axisY + 26))\" text-anchor=\"middle\">\(e(note))</text>"
    return s + "</svg>"
  }
}
