import Vocabulary

/// Side-by-side comparison and league table as text or Markdown.
public enum SideBySideText {
  public static func render(_ s: SideBySide, markdown: Bool) -> String {
    let grid = markdown ? TextGrid.markdown : TextGrid.plain
    var o = s.synthetic ? (markdown ? SyntheticBanner.markdown : SyntheticBanner.text + "\n\n") : ""
    o += markdown ? "# " : ""
    o += "Side by side, as of \("\(s.asOf)"), platform "
    o += ReportText.platformLabel(s.platform.name) + "\n\n"
    let header = ["metric"] + s.figures.map(\.entity.id)
    var rows: [[String]] = [
      ["name"] + s.figures.map { TextGrid.clean($0.entity.name) },
      ["region"] + s.figures.map(\.entity.region),
      ["population"]
        + s.figures.map { f in
          f.entity.population.map { ReportText.grouped(Double($0)) } ?? "missing (no_population)"
        },
      ["open channels"] + s.figures.map { String($0.channels) },
      ["platforms"] + s.platforms.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") },
    ]
    for m in CompareMetric.allCases {
      rows.append([m.rawValue] + s.figures.map { m.style.format($0[m]) })
    }
    for w in CompareMetric.growthWindows {
      rows.append(
        ["growth \(w)d counts"]
          + s.figures.map { f in
            f.growthDates[w].map { "\($0.baselineText) → \($0.endText)" } ?? "none in window"
          })
    }
    for (i, h) in Projection.horizons.enumerated() {
      rows.append(
        ["projection +\(h)d"]
          + s.projections.map { ValueStyle.count.format($0.projections[i].followers) })
    }
    o += grid(header, rows)
    o += "\nprojection method: \(Projection.method)\n"
    return o
  }

  public static func render(_ t: LeagueTable, scope: String, markdown: Bool) -> String {
    let grid = markdown ? TextGrid.markdown : TextGrid.plain
    let st = t.metric.style
    var o = t.synthetic ? (markdown ? SyntheticBanner.markdown : SyntheticBanner.text + "\n\n") : ""
    o += markdown ? "# " : ""
    o += "League table: \(t.metric.label), as of \("\(t.asOf)")\n"
    o += "Scope: \(scope); platform \(ReportText.platformLabel(t.platform.name))\n"
    o += "Ties: \(LeagueTable.tieRule).\n"
    if let w = t.metric.windowDays {
      let tolerance = Growth.tolerance(w)
      let start: Day = t.asOf - w
      o += "Growth: a count within \(tolerance) days of \(start) (baseline_on) and one within "
      o +=
        "\(tolerance) days before \(t.asOf) (end_on), the change scaled to \(w) days by compound "
      o += "interpolation; followers_end_\(w)d is the count as observed.\n"
    }
    o += "\n"
    let inputs = LeagueTable.inputColumns(t.metric)
    o += grid(
      ["rank", "entity_id", "name", "region", "value"] + inputs
        + LeagueTable.dateColumns(t.metric),
      t.entries.map { e in
        [
          String(e.rank), e.entity.id, TextGrid.clean(e.entity.name), e.entity.region,
          st.format(e.value),
        ]
          + inputs.map { k in e.inputs[k].map { ValueStyle.count.format($0) } ?? "" }
          + (t.metric.windowDays == nil ? [] : LeagueTable.dates(e).map { $0 ?? "" })
      })
    if t.cutOff > 0 { o += "(\(t.cutOff) more with a value not shown: --top)\n" }
    var counts: [MissingReason: Int] = [:]
    for m in t.missing { counts[m.reason, default: 0] += 1 }
    let summary = MissingReason.allCases.compactMap { r in counts[r].map { "\(r.rawValue) \($0)" } }
    o += "\nNot ranked, value missing (\(t.missing.count)"
    o += summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")
    o += "):\n"
    if t.missing.isEmpty {
      o += "none\n"
    } else {
      o += grid(
        ["entity_id", "name", "region", "reason"],
        t.missing.map {
          [$0.entity.id, TextGrid.clean($0.entity.name), $0.entity.region, $0.reason.rawValue]
        })
    }
    if t.placeholdersExcluded > 0 {
      o += "\n\(t.placeholdersExcluded) placeholder entities (owner not identified) left out.\n"
    }
    return o
  }
}
