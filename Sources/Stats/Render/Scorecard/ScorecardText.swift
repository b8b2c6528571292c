import Vocabulary

/// The scorecard as a readable text table (`table`) or as Markdown.
public enum ScorecardText {
  public static func render(_ s: Scorecard, markdown: Bool) -> String {
    let grid = markdown ? TextGrid.markdown : TextGrid.plain
    let c = TextGrid.clean
    // Database text outside the tables (which escape their cells) is escaped for Markdown too.
    func t(_ text: String) -> String { markdown ? MarkdownText.escape(c(text)) : c(text) }
    let h = markdown ? "## " : ""
    let date = "\(s.asOf)"
    var o = s.synthetic ? (markdown ? SyntheticBanner.markdown : SyntheticBanner.text + "\n\n") : ""
    o += markdown ? "# " : ""
    o += "Scorecard: \(t(s.entity.name)) (\(t(s.entity.id))), as of \(date)\n\n"
    o += "Entity: \(s.entity.kind), \(t(s.regionName)), \(s.country), population "
    o += s.entity.population.map { ReportText.grouped(Double($0)) } ?? "missing (no_population)"
    o += "\nPlatform: \(ReportText.platformLabel(s.platform.name)) (\(s.channels) open channel"
    o += s.channels == 1 ? ")" : "s)"
    if s.channelsWithoutDate > 0 {
      o += "; \(s.channelsWithoutDate) more without an opening or first-seen date, not counted"
    }
    o += "\nPeer group (--peers \(s.group.basis.rawValue)): \(t(s.group.description))\n"
    o += "Snapshots older than \(s.stalenessDays) days are stale (not used).\n"
    o += "Percentile: \(Scorecard.percentileDefinition).\n\n"

    o += h + "Metrics\n\n"
    let header = [
      "metric", "value", "percentile", "peer q1", "peer median", "peer q3", "peers with value",
      "best peer",
    ]
    var rows: [[String]] = []
    for r in s.rows {
      let st = r.metric.style
      rows.append([
        r.metric.rawValue, st.format(r.value), percentile(r),
        st.format(r.peers.q1), st.format(r.peers.median), st.format(r.peers.q3),
        "\(r.peerValues.count) of \(r.peerValues.count + r.peersMissing.count)",
        r.best.map { "\($0.id) (\(st.format($0.value)))" } ?? "none",
      ])
    }
    o += grid(header, rows) + "\n"
    o += growthWindows(s) + "\n\n"

    o += h + "Peers with missing values (counted apart)\n\n"
    var missingRows: [[String]] = []
    for r in s.rows where !r.peersMissing.isEmpty {
      missingRows.append([r.metric.rawValue, String(r.peersMissing.count), missingSummary(r)])
    }
    o +=
      missingRows.isEmpty
      ? "none\n\n" : grid(["metric", "peers", "reason (ids)"], missingRows) + "\n"

    o += h + "Platform coverage\n\n"
    o +=
      grid(
        ["platform", "entity", "peers on it", "share of peers"],
        s.coverage.map {
          [
            $0.platform, $0.entityOn ? "yes" : "no", "\($0.peers.successes) of \($0.peers.total)",
            ReportText.percent($0.peers.rate),
          ]
        }) + "\n"

    o += h + "Projection (not a forecast)\n\n"
    o += "current followers: \(ValueStyle.count.format(s.projection.current)); "
    o += "weighted daily growth: \(ValueStyle.decimal.format(s.projection.dailyGrowth))\n"
    for p in s.projection.projections {
      o += "projection +\(p.horizonDays) days (\("\(s.asOf + p.horizonDays)")): "
      o += ValueStyle.count.format(p.followers) + "\n"
    }
    o += "method: \(Projection.method)\n\n"

    o += h + "Reference figures\n\n"
    if s.references.isEmpty {
      o += "none fits this entity's scope (country, region, kind, platform)\n"
    } else {
      o += grid(
        ["id", "figure", "value", "as of", "source", "comparison"],
        s.references.map { r in
          let f = r.reference
          return [
            f.id, c(f.label), referenceValue(f),
            f.precision == "day" ? f.asOf : "\(f.asOf) (\(f.precision))",
            c(f.sourceKey), c(r.text),
          ]
        })
    }
    return o
  }

  /// "Growth windows (...): 30 days: 2023-12-02 → 2024-01-01; ...": the days of the counts
  /// each growth figure rests on, or why it is missing.
  static func growthWindows(_ s: Scorecard) -> String {
    "Growth windows (a count within W/6 days before the date and one within W/6 days of W days "
      + "earlier; the change scaled to W days): "
      + CompareMetric.growthWindows.map { w in
        let label = "\(w) days"
        if let d = s.growthDates[w] { return "\(label): \(d.baselineText) → \(d.endText)" }
        let reason = s.rows.first { $0.metric.windowDays == w }?.value.reason
        return "\(label): missing (\(reason?.rawValue ?? MissingReason.noValues.rawValue))"
      }.joined(separator: "; ") + "."
  }

  static func percentile(_ r: ScorecardRow) -> String {
    guard let p = r.percentile.value else { return "missing (\(r.percentile.reason!.rawValue))" }
    return String(format: "%.2f", p) + " (\(r.peersAtOrBelow)/\(r.peerValues.count) ≤)"
  }

  /// "no_snapshot 1 (zp-e); no_channel 1 (zp-f)", reasons in declaration order.
  static func missingSummary(_ r: ScorecardRow) -> String {
    var byReason: [MissingReason: [String]] = [:]
    for m in r.peersMissing { byReason[m.reason, default: []].append(m.id) }
    return MissingReason.allCases.compactMap { reason in
      byReason[reason].map { "\(reason.rawValue) \($0.count) (\(list($0, limit: 5)))" }
    }.joined(separator: "; ")
  }

  static func list(_ ids: [String], limit: Int = 8) -> String {
    ids.count <= limit
      ? ids.joined(separator: ", ")
      : ids.prefix(limit).joined(separator: ", ") + ", … (\(ids.count - limit) more)"
  }

  static func referenceValue(_ f: StatsReference) -> String {
    var v = f.value == f.value.rounded() ? ReportText.grouped(f.value) : String(f.value)
    if let d = f.denominator { v += " of " + ReportText.grouped(d) }
    return v + " " + f.unit
  }
}
