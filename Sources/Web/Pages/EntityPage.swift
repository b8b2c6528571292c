import Registry
import Reporting
import Stats
import Vocabulary

/// `/entities/{id}`: an entity in full: names, municipalities on a small map, population,
/// lineage, each channel with its handle history and follower history, sources, change log.
enum EntityPage {
  static let e = Layout.e

  static func render(
    _ p: EntityProfile, map: Result<ZoneMap, ZoneMapUnavailable>, nonce: String,
    synthetic: Bool = false
  ) -> String {
    let d = p.detail
    let en = d.entity
    var o = "<h1>\(e(d.displayName)) <code>\(e(en.id))</code></h1>\n"
    o += "<p class=\"formats\"><a href=\"/compare/\(Layout.encode(en.id))\">Scorecard against "
    o += "its peers</a><a href=\"/api/v1/entities/\(Layout.encode(en.id))\">JSON</a>"
    o += "<a href=\"/accounts?entity=\(Layout.encode(en.id))\">Its accounts</a></p>\n"

    o += "<div class=\"cols\"><div><dl class=\"facts\">"
    func fact(_ name: String, _ html: String?) {
      guard let html, !html.isEmpty else { return }
      o += "<dt>\(e(name))</dt><dd>\(html)</dd>"
    }
    func link(_ id: String) -> String {
      "<a href=\"/entities/\(Layout.encode(id))\">\(e(id))</a>"
    }
    fact("kind", e(en.kind.rawValue))
    fact("official code", en.code.map(e))
    fact("country", e(en.country))
    fact("region", en.region.map(e))
    fact("languages", e(en.languages.replacingOccurrences(of: ";", with: ", ")))
    fact(
      "population",
      en.population.map {
        ReportText.grouped(Double($0)) + (en.populationYear.map { " (\($0))" } ?? "")
      })
    fact("existed", Details.validity(en.validFrom, en.validTo).map(e))
    fact("parent", d.parent.map(link))
    fact("parts", d.children.map(link).joined(separator: ", "))
    for lang in d.names.keys.sorted() { fact("name (\(lang))", e(d.names[lang]!)) }
    for l in d.predecessors {
      fact("predecessor", link(l.predecessorId) + ", merged \(e(l.onDate))")
    }
    for l in d.successors { fact("successor", link(l.successorId) + ", merged \(e(l.onDate))") }
    if en.placeholder { fact("placeholder", "yes: the sources do not identify the owner") }
    fact("note", en.note.map(e))
    o += "</dl>"
    if !d.municipalities.isEmpty {
      o += "<h2>Municipalities (\(d.municipalities.count))</h2><p>"
      o += d.municipalities.map {
        e($0.name ?? "?") + " <span class=\"muted\">\(e($0.nisCode))</span>"
      }.joined(separator: ", ")
      o += "</p>"
    }
    o += "</div><div>"
    if case .success(let m) = map, !d.municipalities.isEmpty {
      let members = d.municipalities.map {
        MunicipalityMap.Member(nisCode: $0.nisCode, name: $0.name)
      }
      if let svg = MunicipalityMap.render(members, zoneId: en.id, map: m) {
        o += "<figure class=\"map\">" + svg + "<figcaption>The municipalities (2019 boundaries, "
        o += "simplified).</figcaption>" + ZoneMapChart.licenceHTML(m) + "</figure>"
      }
    }
    o += "</div></div>\n"

    o += "<h2>Channels (\(d.channels.count))</h2>\n"
    if d.channels.isEmpty { o += "<p>None recorded.</p>\n" }
    for c in d.channels { o += channel(c, history: c.channel.id.flatMap { p.histories[$0] } ?? []) }

    if !d.formerChannels.isEmpty {
      o += "<h2>Former channels (\(d.formerChannels.count)), now another entity's</h2>\n"
      o += "<table class=\"listing\"><tr><th>channel</th><th>owned</th><th>owner now</th></tr>\n"
      for c in d.formerChannels {
        o += "<tr><td>\(e(c.platform)) \(e(c.handle ?? Channel.unknownHandleText)) "
        o += "<span class=\"muted\">\(e(c.key))</span></td>"
        o +=
          "<td>\(e(Details.ownership(c.validFrom, c.validTo)))</td><td>\(link(c.owner))</td></tr>\n"
      }
      o += "</table>\n"
    }

    o += presence(p.statuses, id: en.id)

    o += "<h2>Sources</h2>\n<ul>"
    for s in d.sources { o += "<li>" + citation(s) + "</li>" }
    o += "</ul>\n"

    o += "<h2>Change log</h2>\n"
    if p.changes.isEmpty {
      o += "<p>No change recorded since the seed was loaded.</p>\n"
    } else {
      if p.changeCount > p.changes.count {
        o += "<p class=\"muted\">The latest \(p.changes.count) of \(p.changeCount) changes.</p>"
      }
      o += "<table class=\"listing\"><tr><th>at</th><th>action</th><th>table</th><th>row</th>"
      o += "<th>field</th><th>old</th><th>new</th><th>source</th></tr>\n"
      for c in p.changes {
        o +=
          "<tr>"
          + [
            c.at, c.action, c.table, c.rowKey, c.field ?? "", c.oldValue ?? "",
            c.newValue ?? "", c.source ?? "",
          ].map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
      }
      o += "</table>\n"
    }
    return Layout.page(
      title: d.displayName, nonce: nonce, section: nil, body: o, extraStyle: ZoneMapChart.style,
      synthetic: synthetic)
  }

  static func channel(_ d: ChannelDetail, history: [HistoryRow]) -> String {
    let c = d.channel
    var o = "<section class=\"channel\" id=\"channel-\(c.id.map(String.init) ?? "")\">"
    o +=
      "<h3>\(e(c.platform.rawValue)) · "
      + (c.url.map { externalLink($0, text: c.handleText) } ?? e(c.handleText))
    o += " <span class=\"muted\">\(e(c.key))</span></h3><dl class=\"facts\">"
    func fact(_ name: String, _ text: String?) {
      guard let text, !text.isEmpty else { return }
      o += "<dt>\(e(name))</dt><dd>\(e(text))</dd>"
    }
    fact("status", c.status.rawValue)
    fact("opened", c.openedOn)
    fact("first seen", c.firstSeenOn)
    fact("closed", c.closedOn)
    fact("platform id", c.platformId)
    fact("languages", c.languages.replacingOccurrences(of: ";", with: ", "))
    fact("purposes", c.purposes.replacingOccurrences(of: ";", with: ", "))
    fact(
      "emergency disclaimer",
      c.emergencyDisclaimer.map {
        ($0 ? "stated" : "not stated") + (c.disclaimerSeenOn.map { ", seen \($0)" } ?? "")
      })
    fact("confidence", c.confidence.rawValue + (c.confidenceNote.map { ": \($0)" } ?? ""))
    for h in d.handleHistory { fact("former handle", "\(h.handle) (until \(h.validUntil))") }
    fact("note", c.note)
    for owner in d.owners {
      o += "<dt>owner</dt><dd><a href=\"/entities/\(Layout.encode(owner.entityId))\">"
      o += "\(e(owner.entityId))</a> \(e(Details.ownership(owner.validFrom, owner.validTo)))"
      o += " <span class=\"muted\">(\(e(owner.source)))</span></dd>"
    }
    o += "<dt>source</dt><dd>" + citation(d.source) + "</dd>"
    fact("snapshots", d.snapshotCount == 0 ? "none" : "\(d.snapshotCount) in all")
    o += "</dl>"
    if !d.latestSnapshots.isEmpty {
      o += "<table class=\"listing\"><tr><th>latest snapshots</th><th>followers</th><th>posts</th>"
      o += "<th>engagements</th><th>source</th></tr>\n"
      for s in d.latestSnapshots {
        let engagements = s.engagements.map { n in
          "\(n)" + (s.engagementWindowDays.map { " in \($0) days" } ?? "")
        }
        o += "<tr><td>\(e(s.observedAt))</td>"
        for n in [s.followers.map(String.init), s.posts.map(String.init), engagements] {
          o += "<td class=\"n\">\(e(n ?? ""))</td>"
        }
        o += "<td>\(e(s.source))</td></tr>\n"
      }
      o += "</table>\n"
    }
    if !d.retractions.isEmpty {
      o += "<p>Retracted: \(d.retractions.count) snapshot(s), in no figure:</p><ul>"
      for r in d.retractions {
        let counts = r.snapshot.followers.map { "\($0) followers" } ?? "no follower count"
        var line = "\(r.snapshot.observedAt): \(counts) (\(r.snapshot.source)); "
        line += (r.corrected ? "corrected" : "retracted") + " \(r.retractedAt) by \(r.retractedBy)"
        if let reason = r.reason { line += ": \(reason)" }
        o += "<li>\(e(line))</li>"
      }
      o += "</ul>\n"
    }
    let points = history.compactMap { row -> LineChart.Point? in
      guard let f = row.followers, let day = Day(String(row.observedAt.prefix(10))) else {
        return nil
      }
      return LineChart.Point(day: day, value: Double(f))
    }
    if let chart = LineChart.render(points, title: "Followers of \(c.key) over time") {
      o += "<figure>" + chart + "<figcaption>Followers, the last snapshot of each "
      o += (history.first.map { $0.period.contains("W") } == true ? "week" : "day")
      o += " (\(points.count) points).</figcaption></figure>"
    }
    return o + "</section>\n"
  }

  /// Its status on each platform on the day (as the report counts it), with a form to ask for
  /// another day or confidence, then its surveys.
  static func presence(_ st: EntityStatuses, id: String) -> String {
    var o = "<h2 id=\"presence\">Presence on \(e(st.asOf))</h2>\n"
    o += "<form class=\"filters\" method=\"get\" action=\"/entities/\(Layout.encode(id))\">"
    o += "<label>As of<input type=\"date\" name=\"as_of\" value=\"\(e(st.asOf))\"/></label>"
    o += "<label>Surveys counted<select name=\"min_confidence\">"
    for c in Confidence.allCases {
      o += "<option value=\"\(c.rawValue)\"" + (c.rawValue == st.minConfidence ? " selected" : "")
      o += ">\(c.rawValue) or higher</option>"
    }
    o += "</select></label><button type=\"submit\">Show</button></form>\n"
    if st.statuses.isEmpty {
      o += "<p>The entity does not exist on that day.</p>\n"
    } else {
      o += "<table class=\"listing\" id=\"statuses\"><tr><th>platform</th><th>status</th>"
      o += "<th>evidence</th><th>on</th><th>what</th><th>open channels</th></tr>\n"
      for r in st.statuses {
        o += "<tr data-platform=\"\(e(r.platform))\" data-status=\"\(e(r.status))\">"
        o += "<td>\(e(ReportText.platformLabel(r.platform)))</td>"
        o +=
          "<td class=\"status \(e(r.status))\">\(e(r.status.replacingOccurrences(of: "_", with: " ")))"
        o += "</td>"
        if r.evidence == nil {
          o += "<td colspan=\"3\" class=\"muted\">nothing known</td>"
        } else {
          o += "<td>\(e((r.evidence ?? "").replacingOccurrences(of: "_", with: " ")))</td>"
          o += "<td>\(e(r.evidenceOn ?? ""))</td><td>\(e(r.evidenceRef ?? ""))</td>"
        }
        o +=
          "<td>\(e((r.knownHandles ?? "").replacingOccurrences(of: ";", with: ", ")))</td></tr>\n"
      }
      o += "</table>\n<p class=\"muted\">Surveys of confidence \(e(st.minConfidence)) or higher "
      o += "counted. Present: a channel open on the day, or a present survey not contradicted "
      o += "since (confirmed when the evidence is recent, else carried forward); absent: a recent "
      o += "absent survey or closing not contradicted since; unknown otherwise, never counted as "
      o += "absent (docs/report.md).</p>\n"
    }
    o += "<h2>Surveys (\(st.surveys.count))</h2>\n"
    if st.surveys.isEmpty { return o + "<p>None recorded.</p>\n" }
    o += "<table class=\"listing\" id=\"surveys\"><tr><th>observed</th><th>platform</th>"
    o += "<th>result</th><th>handle</th><th>method</th><th>confidence</th><th>source</th>"
    o += "<th>note</th></tr>\n"
    for v in st.surveys {
      o +=
        "<tr>"
        + [
          v.observedOn, v.platform, v.result, v.handle ?? "", v.method, v.confidence, v.source,
          v.note ?? "",
        ].map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
    }
    return o + "</table>\n"
  }

  /// A link to an outside page, only for http(s) addresses (a `javascript:` URL stays text).
  static func externalLink(_ url: String, text: String? = nil) -> String {
    let lower = url.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return e(text ?? url) }
    return "<a href=\"\(e(url))\" rel=\"noopener noreferrer nofollow\">\(e(text ?? url))</a>"
  }

  /// A source as the report cites it, its address a link when it is http(s).
  static func citation(_ s: Source) -> String {
    Citation(s).line(
      head: { "<code>\(e($0))</code> \(e($1))" }, text: e, link: { externalLink($0) })
  }

}
