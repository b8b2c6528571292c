import Vocabulary

/// The report as Markdown (the default output).
public enum ReportMarkdown {
  public static func render(_ r: AdoptionReport) -> String {
    var o = r.synthetic ? SyntheticBanner.markdown : ""
    let asOf = "\(r.asOf)"
    let any = r.nationalAny
    o += "# Police on social media: national adoption report, as of \(asOf)\n\n"
    o +=
      "Scope: country \(cell(r.filters.country)); kinds \(r.filters.kinds.joined(separator: ", "))"
    o +=
      "; regions \(r.filters.regions.isEmpty ? "all" : r.filters.regions.joined(separator: ", "))"
    o += "; platforms \(r.filters.platforms.joined(separator: ", ")) (plus any social)"
    o += "; snapshots and presence evidence no older than \(r.stalenessDays) days; surveys of "
    o += "confidence \(r.minConfidence.rawValue) or higher.\n\n"

    o += "## 1. National summary\n\n"
    o += "- Entities existing on \(asOf): **\(any.entities)**\n"
    for g in r.national {
      let label = g.platform == "any" ? "social media (any social platform)" : g.platform
      o += "- On \(label): \(ReportText.headline(g.presence)). Statuses: "
      o += ReportText.statuses(g.presence.counts) + ".\n"
      for p in g.published {
        o += "  - Published: \(cell(ReportText.published(p))) [`\(cell(p.reference.sourceKey))`]\n"
      }
    }
    o += "- Total audience (followers, all social channels): \(ReportText.count(any.followers.sum))"
    o += "; median per entity on social media: \(ReportText.count(any.followers.median))"
    o +=
      " (\(any.followers.count) entities with a known audience, \(any.followersMissing) missing)\n"
    o += "- Audience per 1,000 inhabitants: \(ReportText.decimal(any.perThousand))\n"
    for g in [r.growth90, r.growth365] {
      o += "- Growth over the last \(g.windowDays) days: "
      let t = Growth.tolerance(g.windowDays)
      guard let dates = g.dates, g.absolute.value != nil else {
        // One reason is enough: the count and the percentage are missing together.
        o += "\(ReportText.count(g.absolute, signed: true)): no channel has a count within \(t) "
        o += "days before \(asOf) and one within \(t) days of \(r.asOf - g.windowDays)\n"
        continue
      }
      o += "\(ReportText.count(g.absolute, signed: true))"
      o += " followers (\(ReportText.signedPercent(g.percent))), scaled to \(g.windowDays) days, "
      o += "over \(g.channels) channels with a count in both windows (baselines "
      o += "\(dates.baselineText), ends \(dates.endText))\n"
    }
    o += "- Emergency disclaimer stated (entities on social media): yes \(r.disclaimer.yes), "
    o += "no \(r.disclaimer.no), unknown \(r.disclaimer.unknown)\n\n"

    o += "## 2. Adoption by region and platform\n\n"
    o += "Each entity existing on \(asOf) is present (confirmed: evidence within "
    o += "\(r.stalenessDays) days; else carried forward), absent or unknown on each platform "
    o += "(section 6). Bounds: present / entities to (present + unknown) / entities. Estimate: "
    o += "present / (present + absent), 95% Wilson interval; coverage = (present + absent) / "
    o += "entities, \"low\" below 50%.\n\n"
    o += "| Region | Platform | Entities | Present (confirmed) | Absent | Unknown | Coverage | "
    o += "Bounds | Estimate | 95% CI | Published |\n"
    o += "|---|---|---:|---:|---:|---:|---:|---|---:|---|---|\n"
    for g in r.regions + r.national {
      let b = g.presence
      let c = b.counts
      o += "| \(cell(r.regionName(g.region))) | \(ReportText.platformLabel(g.platform)) | "
      o += "\(c.entities) | \(c.present) (\(c.presentConfirmed)) | \(c.absent) | \(c.unknown) | "
      o += "\(ReportText.percent(b.coverage))\(b.lowCoverage ? " (low)" : "") | "
      o += "\(ReportText.bounds(b)) | \(ReportText.percent(b.estimate.rate)) | "
      o += "\(b.estimate.rate.value == nil ? "" : ReportText.interval(b.estimate)) | "
      o += g.published.map { cell(ReportText.published($0)) }.joined(separator: "; ") + " |\n"
    }

    o += "\n## 3. Audience and growth by region\n\n"
    o += "Followers of present entities at the latest snapshot on or before \(asOf) "
    o += "(≤ \(r.stalenessDays) days old); quartiles type 7; growth = median of channels' "
    o += "percentage change.\n\n"
    o += "| Region | Platform | Followers (sum) | Q1 | Median | Q3 | Known / missing | "
    o += "Per 1,000 inh. | Growth 90 d | Growth 365 d |\n"
    o += "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for g in r.regions + r.national {
      o += "| \(cell(r.regionName(g.region))) | \(ReportText.platformLabel(g.platform)) | "
      o += "\(ReportText.count(g.followers.sum)) | \(ReportText.count(g.followers.q1)) | "
      o += "\(ReportText.count(g.followers.median)) | \(ReportText.count(g.followers.q3)) | "
      o += "\(g.followers.count) / \(g.followersMissing) | \(ReportText.decimal(g.perThousand)) | "
      o += "\(ReportText.signedPercent(g.growth90PctMedian)) | "
      o += "\(ReportText.signedPercent(g.growth365PctMedian)) |\n"
    }
    o += "\n### Largest audiences (all social channels)\n\n"
    o += entityTable(r.top, r)
    o += "\n### Smallest audiences\n\n"
    o += entityTable(r.bottom, r)
    o += "\n### On social media, audience missing\n\n"
    o += r.missingAudience.isEmpty ? "None.\n" : entityTable(r.missingAudience, r)

    o += "\n## 4. Diffusion\n\n"
    o += "Entities existing at the end of each year (on \(asOf) for its own year): present / "
    o += "absent / unknown on each platform on that day, and in brackets the share with a "
    o += "channel opened by then (cumulative).\n\n"
    if r.diffusion.isEmpty { o += "No channel has a known opening date.\n" }
    for region in r.diffusion.keys.sorted(by: ReportJSON.regionOrder) {
      let points = r.diffusion[region]!
      let platforms = r.selectors.map(\.name)
      o += "**\(cell(r.regionName(region)))**\n\n| Year | Entities | "
      o += platforms.map(ReportText.platformLabel).joined(separator: " | ") + " |\n"
      o += "|---:|---:|" + platforms.map { _ in "---:|" }.joined() + "\n"
      for year in Set(points.map(\.year)).sorted() {
        let row = points.filter { $0.year == year }
        o += "| \(year) | \(row.first?.entities ?? 0) | "
        o +=
          platforms.map { p in
            row.first { $0.platform == p }.map {
              "\($0.present) / \($0.absent) / \($0.unknown) (\(ReportText.percent($0.share, digits: 0)))"
            } ?? ""
          }.joined(separator: " | ") + " |\n"
      }
      o += "\n"
    }

    let q = r.dataQuality
    o += "## 5. Data quality\n\n"
    for (label, value) in q.lines(stalenessDays: r.stalenessDays) {
      o += "- \(label): \(value)\n"
    }
    o += "\n"
    if !q.uncertainDates.isEmpty {
      o += "Uncertain dates (counted on the latest date the sources allow):\n\n"
      for u in q.uncertainDates { o += "- \(cell(u.text))\n" }
      o += "\n"
    }

    o += "## 6. Methodology\n\n"
    o += "As of \(asOf); staleness limit \(r.stalenessDays) days (also the presence window); "
    o += "surveys counted at confidence \(r.minConfidence.rawValue) or higher "
    o += "(--min-confidence); platform set: "
    o += (r.platformSet.isEmpty ? "none" : r.platformSet.joined(separator: ", ")) + ".\n\n"
    for (key, text) in Methodology.definitions(
      stalenessDays: r.stalenessDays, minConfidence: r.minConfidence)
    {
      o += "- **\(key)**: \(text)\n"
    }
    o += "\n### Sources\n\n"
    for s in r.sources {
      let line = s.line(
        head: { "`\(cell($0))` \(cell($1))" }, text: cell, link: MarkdownText.link)
      o += "- " + line + "\n"
    }
    return o
  }

  static func entityTable(_ list: [EntityAudience], _ r: AdoptionReport) -> String {
    if list.isEmpty { return "None.\n" }
    var o = "| Entity | Region | Followers |\n|---|---|---:|\n"
    for e in list {
      o += "| \(cell(e.name)) (`\(cell(e.id))`) | \(cell(r.regionName(e.region))) | "
      o += "\(ReportText.count(e.followers)) |\n"
    }
    return o
  }

  /// Text from the database: no markup (`MarkdownText`).
  static func cell(_ s: String) -> String { MarkdownText.escape(s) }
}
