import Foundation
import TestSupport
import Testing

/// The report tests' workspace: a database loaded from the report fixture seed.
enum ReportCLI {
  static func fixtureWorkspace() throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: Fixtures.reportSeed)
    let r = try cli.run(["init"])
    #expect(r.status == 0, "init failed: \(r.stderr)")
    return cli
  }

  static func json(_ cli: CLIWorkspace, _ extra: [String]) throws -> [String: Any] {
    let r = try cli.run(["report", "adoption", "--format", "json"] + extra)
    #expect(r.status == 0, "report failed: \(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
  }
}

private func row(_ doc: [String: Any], _ region: String, _ platform: String) -> [String: Any] {
  let rows = doc["regions"] as! [[String: Any]]
  return rows.first { $0["region"] as? String == region && $0["platform"] as? String == platform }!
}

private func num(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

private func approx(_ v: Any?, _ expected: Double, _ digits: Double = 4) -> Bool {
  guard let d = num(v) else { return false }
  return abs(d - expected) < pow(10, -digits) / 2
}

@Test func adoptionReportJSONMatchesHandComputedFigures() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let doc = try ReportCLI.json(cli, ["--as-of", "2021-06-30"])
  #expect(doc["as_of"] as? String == "2021-06-30")
  let filters = doc["filters"] as! [String: Any]
  #expect(filters["kinds"] as? [String] == ["local_police"])  // fed-unit excluded
  #expect(filters["platforms"] as? [String] == ["x", "facebook_page", "instagram"])

  // After the 2020-01-01 merger: VLG = zone-ab, zone-c, zone-d (3); WAL = e, f, g, h (4) → 7.
  let summary = doc["summary"] as! [String: Any]
  #expect(summary["entities"] as? Int == 7)
  // any social: ab, c, d (VLG), e, f, g (WAL) → 6/7. zone-g's x channel has neither opening nor
  // first-seen date: it counts from its source's publication, 2021-01-15.
  // Wilson 6/7: 1 + z²/7 = 1.548780; centre (0.857143 + 0.274390) / 1.548780 = 0.730596;
  // half-width 1.265491 × √(0.017493 + 0.019599) = 0.243724 → [0.486872, 0.974320].
  #expect(summary["adopters_any"] as? Int == 6)
  let national = summary["platforms"] as! [[String: Any]]
  #expect(approx(national[0]["adoption_rate"], 6.0 / 7))
  #expect(approx(national[0]["ci_low"], 0.4869))
  #expect(approx(national[0]["ci_high"], 0.9743))
  // Audiences: ab 2000 + 3000 = 5000, c 5000 + 800 = 5800, f 2400 + 100 = 2500; d stale
  // (2020-05-01 is 425 days old), e and g no snapshot. Sum 13300, median 5000.
  #expect(num(summary["followers_sum"]) == 13_300)
  #expect(num(summary["followers_median"]) == 5000)
  // Per 1,000: 13300 / (30000 + 40000 + 25000) × 1000 = 140 (d, e and g are on social media
  // with no known audience: left out; h has no population).
  #expect(approx(summary["followers_per_1000"], 140))
  let growth = summary["growth"] as! [String: [String: Any]]
  // Growth windows (docs/report.md, "Growth"): D = 2021-06-30. 90 days: end within 15 days
  // before D, baseline the latest on or before D − 75 (2021-04-16), not before D − 105
  // (2021-03-17). 365 days: end within 60 days, baseline on or before D − 305 (2020-08-29),
  // not before D − 425 (2020-05-01). Each change is scaled to the window: (f1/f0)^(W/elapsed).
  // 90 d panel: ab x 1500 (04-01) → 2000 (06-30), 90 days: ×1; c x 4400 (03-20) → 5000 (06-20),
  // 92 days: 4400 × (5000/4400)^(90/92) = 4400 × 1.1332101 = 4986.1244; c ig 600 → 800 (90
  // days); f fb 2400 → 2400. Left out: ab fb (its count of 06-01 is 29 days old: no end in the
  // window), f ig (no baseline). Σf0 = 8900, Σf1 = 10186.1244 → +1286.1244 = 14.4508%.
  #expect(approx(growth["90d"]!["absolute"], 1286.1244))
  #expect(approx(growth["90d"]!["percent"], 14.4508))
  #expect(growth["90d"]!["channels"] as? Int == 4)
  #expect(growth["90d"]!["baseline_on"] as? String == "2021-03-20/2021-04-01")
  #expect(growth["90d"]!["end_on"] as? String == "2021-06-20/2021-06-30")
  // 365 d panel: ab x 1000 (2020-06-30) → 2000, 365 days: ×1; c x 4000 (2020-06-15) → 5000
  // (2021-06-20), 370 days: 4000 × 1.25^(365/370) = 4000 × 1.2462364 = 4984.9454; f fb 2500
  // (2020-06-30) → 2400 (2021-06-29), 364 days: 2500 × 0.96^(365/364) = 2500 × 0.9598923 =
  // 2399.7309. Σf0 = 7500, Σf1 = 9384.6763 → +1884.6763 = 25.1290%.
  #expect(approx(growth["365d"]!["absolute"], 1884.6763))
  #expect(approx(growth["365d"]!["percent"], 25.1290))
  #expect(growth["365d"]!["baseline_on"] as? String == "2020-06-15/2020-06-30")
  // Disclaimer: ab yes (x yes), c no, d unknown, e yes, f no, g unknown.
  let disclaimer = summary["disclaimer"] as! [String: Int]
  #expect(disclaimer == ["yes": 2, "no": 2, "unknown": 2])

  // VLG any: 3/3, Wilson [0.438503, 1]; values [5000, 5800] → median 5400, Q1 5200, Q3 5600;
  // per 1,000 = 10800 / 70000 × 1000 = 154.2857; growth 90 d median of [13.3210 (c x, scaled
  // from 92 days), 33.3333 (ab x), 33.3333 (c ig)] = 33.3333; ab fb has no end in the window.
  let vlg = row(doc, "BE-VLG", "any")
  #expect(vlg["entities"] as? Int == 3 && vlg["adopters"] as? Int == 3)
  #expect(approx(vlg["ci_low"], 0.4385) && approx(vlg["ci_high"], 1))
  #expect(num(vlg["followers_sum"]) == 10_800)
  #expect(num(vlg["followers_median"]) == 5400)
  #expect(num(vlg["followers_q1"]) == 5200 && num(vlg["followers_q3"]) == 5600)
  #expect(approx(vlg["followers_per_1000"], 154.2857))
  #expect(approx(vlg["growth_90d_pct_median"], 33.3333))
  // 365 d: ab x 100%, c x 24.6236% (25% over 370 days scaled to 365) → median 62.3118.
  #expect(approx(vlg["growth_365d_pct_median"], 62.3118))

  // WAL x: 2/4 (zone-e, zone-g), Wilson 2/4: 1 + z²/4 = 1.960365, centre 0.5, half-width
  // 0.999795 × √(0.0625 + 0.060023) = 0.349962 → [0.150038, 0.849962]; neither channel has a
  // snapshot.
  let walX = row(doc, "BE-WAL", "x")
  #expect(walX["adopters"] as? Int == 2 && walX["entities"] as? Int == 4)
  #expect(approx(walX["ci_low"], 0.1500) && approx(walX["ci_high"], 0.8500))
  #expect(walX["followers_median"] is NSNull)
  #expect(walX["followers_per_1000"] is NSNull)
  let reasons = walX["missing_reasons"] as! [String: String]
  #expect(reasons["followers_median"] == "no_snapshot")
  #expect(reasons["followers_per_1000"] == "no_snapshot")
  #expect(reasons["growth_90d_pct_median"] == "no_snapshot")
  // WAL facebook_page: f 2400; growth 90 d 2400 → 2400 = 0%, 365 d 2500 → 2400 over 364 days
  // scaled to 365: 0.96^(365/364) − 1 = −4.0108%.
  let walFb = row(doc, "BE-WAL", "facebook_page")
  #expect(num(walFb["followers_sum"]) == 2400)
  #expect(
    approx(walFb["growth_90d_pct_median"], 0) && approx(walFb["growth_365d_pct_median"], -4.0108))
  // VLG facebook_page: ab 3000 known, d stale → sum 3000 with one audience missing.
  let vlgFb = row(doc, "BE-VLG", "facebook_page")
  #expect(num(vlgFb["followers_sum"]) == 3000 && vlgFb["followers_missing"] as? Int == 1)

  let ranked = doc["entities_ranked"] as! [String: [[String: Any]]]
  #expect(ranked["top"]!.map { $0["id"] as! String } == ["zone-c", "zone-ab", "zone-f"])
  #expect(
    ranked["missing"]!.map { $0["missing_reason"] as! String }
      == ["stale", "no_snapshot", "no_snapshot"])

  let quality = doc["data_quality"] as! [String: Int]
  #expect(quality["open_social_channels"] == 9 && quality["fresh_snapshot"] == 6)
  #expect(quality["stale_snapshot"] == 1 && quality["no_snapshot"] == 2)
  #expect(quality["low_confidence"] == 1 && quality["channels_without_opening_date"] == 0)
  #expect(quality["channels_dated_by_source"] == 1)
  #expect(quality["entities_without_population"] == 1)
  // Surveys of the entities in scope: 11, one of them low-confidence (zone-g facebook_page).
  // One conflict: x/zonec is open while a survey of 2021-04-01 says zone-c is not on x.
  #expect(quality["surveys_counted"] == 10 && quality["surveys_below_min_confidence"] == 1)
  #expect(quality["presence_conflicts"] == 1)
  // Growth windows: ab fb's count is 29 days old (no 90-day end); f ig has no 90-day baseline;
  // ab fb, c ig and f ig have no 365-day baseline.
  #expect(quality["no_end_in_window_90d"] == 1 && quality["no_baseline_90d"] == 1)
  #expect(quality["no_end_in_window_365d"] == 0 && quality["no_baseline_365d"] == 3)

  // Diffusion, all regions, any: end of 2016 → a, b, c, d, e, h of 8 = 0.75 (h closed 2017 but
  // counts cumulatively); 2020 → 7 entities after the merger, ab c d e f h = 6/7.
  let diffusion = doc["diffusion"] as! [[String: Any]]
  func share(_ region: String, _ platform: String, _ year: Int) -> Any? {
    diffusion.first {
      $0["region"] as? String == region && $0["platform"] as? String == platform
        && $0["year"] as? Int == year
    }?["share"]
  }
  #expect(approx(share("ALL", "any", 2016), 0.75))
  #expect(approx(share("ALL", "any", 2020), 6.0 / 7))
  #expect(approx(share("BE-WAL", "x", 2011), 0.25))
  let sources = (doc["sources"] as! [[String: Any]]).map { $0["key"] as! String }
  #expect(sources == ["fixture-counts", "fixture-registry", "fixture-survey"])
  #expect((doc["methodology"] as! [String: Any])["staleness_days"] as? Int == 365)
}

@Test func adoptionReportBeforeTheMergerCountsThePredecessors() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let doc = try ReportCLI.json(cli, ["--as-of", "2019-06-30"])
  // Before 2020-01-01: VLG = a, b, c, d (4), all on social media; WAL = e, f (h closed 2017) of 4.
  let summary = doc["summary"] as! [String: Any]
  #expect(summary["entities"] as? Int == 8)
  #expect(summary["adopters_any"] as? Int == 6)
  let vlg = row(doc, "BE-VLG", "any")
  #expect(vlg["entities"] as? Int == 4 && vlg["adopters"] as? Int == 4)
  // Wilson 4/4 = [0.510109, 1].
  #expect(approx(vlg["ci_low"], 0.5101))
  // x: a, c, e of 8; Wilson 3/8 = [0.136844, 0.694258].
  let national = summary["platforms"] as! [[String: Any]]
  let x = national.first { $0["platform"] as? String == "x" }!
  #expect(x["adopters"] as? Int == 3)
  #expect(approx(x["ci_low"], 0.1368) && approx(x["ci_high"], 0.6943))
}

/// The statuses the report fixture's surveys (Tests/Fixtures/report-seed/surveys.csv) give on
/// 2021-06-30, worked out by hand; the window is 365 days (from 2020-06-30 on).
///
/// | zone | x | facebook_page | instagram | any |
/// |---|---|---|---|---|
/// | ab | present, snapshot 2021-06-30 | present, snapshot 2021-06-01 | absent, survey 2021-06-01 | present |
/// | c | present (x/zonec; the absent survey of 2021-04-01 is a conflict) | unknown: absent survey of 2019-01-01 too old | present | present |
/// | d | absent, survey 2021-05-01 | present carried forward: last snapshot 2020-05-01 | unknown | present carried forward |
/// | e | present carried forward: opened 2014, no snapshot | unknown | present, survey 2021-02-01 (no channel) | present |
/// | f | unknown | present | present | present |
/// | g | present: dated by its source, 2021-01-15 | unknown: the absent survey is low confidence | unknown | present |
/// | h | absent, survey 2021-03-01 (closed 2017) | absent | absent | absent: absent on all three |
@Test func adoptionStatusesBoundsAndEstimatesMatchHandComputedFigures() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let doc = try ReportCLI.json(cli, ["--as-of", "2021-06-30"])
  let national = (doc["summary"] as! [String: Any])["platforms"] as! [[String: Any]]
  func figures(_ platform: String) -> [String: Any] {
    national.first { $0["platform"] as? String == platform }!
  }
  // any: present ab c d e f g = 6 (confirmed all but d: 5), absent h = 1, unknown 0.
  // Coverage 7/7; bounds 6/7 and (6 + 0)/7; estimate 6/(6 + 1) with Wilson [0.486872, 0.974320].
  let any = figures("any")
  #expect(any["present"] as? Int == 6 && any["present_confirmed"] as? Int == 5)
  #expect(any["absent"] as? Int == 1 && any["unknown"] as? Int == 0)
  #expect(approx(any["coverage"], 1) && approx(any["rate_lower"], 6.0 / 7))
  #expect(approx(any["rate_upper"], 6.0 / 7) && approx(any["estimate"], 6.0 / 7))
  #expect(approx(any["estimate_ci_low"], 0.4869) && approx(any["estimate_ci_high"], 0.9743))
  #expect(any["estimate_missing_reason"] is NSNull && any["low_coverage"] as? Bool == false)
  // The lower bound is the old rate: adopters / entities.
  #expect(any["adopters"] as? Int == 6 && approx(any["adoption_rate"], 6.0 / 7))
  // x: present ab c e g = 4 (confirmed ab c g: 3), absent d h = 2, unknown f = 1.
  // Coverage 6/7 = 0.857143; bounds 4/7 = 0.571429 to 5/7 = 0.714286; estimate 4/6.
  // Wilson 4/6: 1 + z²/6 = 1.640243; centre (0.666667 + 0.320122) / 1.640243 = 0.601611;
  // half-width 1.194918 × √(0.037037 + 0.026674) = 0.301618 → [0.299993, 0.903229].
  let x = figures("x")
  #expect(x["present"] as? Int == 4 && x["present_confirmed"] as? Int == 3)
  #expect(x["absent"] as? Int == 2 && x["unknown"] as? Int == 1)
  #expect(approx(x["coverage"], 6.0 / 7) && approx(x["rate_lower"], 4.0 / 7))
  #expect(approx(x["rate_upper"], 5.0 / 7) && approx(x["estimate"], 4.0 / 6))
  #expect(approx(x["estimate_ci_low"], 0.3000) && approx(x["estimate_ci_high"], 0.9032))
  // facebook_page: present ab d f = 3 (d carried forward), absent h, unknown c e g = 3.
  // Coverage 4/7 = 0.571429 (not low); bounds 3/7 to 6/7; estimate 3/4.
  // Wilson 3/4: 1 + z²/4 = 1.960365; centre (0.75 + 0.480182) / 1.960365 = 0.627527;
  // half-width 0.999795 × √(0.046875 + 0.060023) = 0.326885 → [0.300642, 0.954413].
  let fb = figures("facebook_page")
  #expect(fb["present"] as? Int == 3 && fb["present_confirmed"] as? Int == 2)
  #expect(fb["absent"] as? Int == 1 && fb["unknown"] as? Int == 3)
  #expect(approx(fb["coverage"], 4.0 / 7) && fb["low_coverage"] as? Bool == false)
  #expect(approx(fb["rate_lower"], 3.0 / 7) && approx(fb["rate_upper"], 6.0 / 7))
  #expect(approx(fb["estimate"], 0.75))
  #expect(approx(fb["estimate_ci_low"], 0.3006) && approx(fb["estimate_ci_high"], 0.9544))
  // instagram: present c e f = 3 (e through its survey alone), absent ab h = 2 (zone-b's
  // present survey of 2019 does not count for its successor), unknown d g = 2.
  // Coverage 5/7; estimate 3/5, Wilson [0.230724, 0.882379].
  let ig = figures("instagram")
  #expect(ig["present"] as? Int == 3 && ig["absent"] as? Int == 2 && ig["unknown"] as? Int == 2)
  #expect(approx(ig["estimate"], 0.6))
  #expect(approx(ig["estimate_ci_low"], 0.2307) && approx(ig["estimate_ci_high"], 0.8824))
  // WAL instagram: e f present, h absent, g unknown: estimate 2/3 at coverage 3/4.
  let walIg = row(doc, "BE-WAL", "instagram")
  #expect(walIg["present"] as? Int == 2 && walIg["absent"] as? Int == 1)
  #expect(approx(walIg["estimate"], 2.0 / 3) && approx(walIg["coverage"], 0.75))
  // zone-e on instagram has no channel: its audience there is missing, no_channel.
  #expect(walIg["followers_missing"] as? Int == 1)
  #expect((walIg["missing_reasons"] as? [String: String])?["followers_sum"] == nil)
  // Diffusion on D's own year is the same statuses: any 6 present, 1 absent.
  let diffusion = doc["diffusion"] as! [[String: Any]]
  let last = diffusion.first {
    $0["region"] as? String == "ALL" && $0["platform"] as? String == "any"
      && $0["year"] as? Int == 2021
  }!
  #expect(last["present"] as? Int == 6 && last["absent"] as? Int == 1)
  #expect(last["unknown"] as? Int == 0 && last["adopters"] as? Int == 7)
  // --min-confidence low counts zone-g's facebook_page survey (website_settings, low): g absent.
  let low = try ReportCLI.json(cli, ["--as-of", "2021-06-30", "--min-confidence", "low"])
  let lowFb = ((low["summary"] as! [String: Any])["platforms"] as! [[String: Any]])
    .first { $0["platform"] as? String == "facebook_page" }!
  #expect(lowFb["absent"] as? Int == 2 && lowFb["unknown"] as? Int == 2)
  #expect((low["methodology"] as! [String: Any])["min_confidence"] as? String == "low")
  #expect((low["data_quality"] as! [String: Int])["surveys_below_min_confidence"] == 0)

  // Before the merger (2019-06-30): zone-b's own survey (2019-05-01, 60 days) makes it present
  // on instagram, confirmed; zone-c's instagram channel (opened 2019-02-01) too; the rest unknown.
  let before = try ReportCLI.json(cli, ["--as-of", "2019-06-30"])
  let beforeIg = ((before["summary"] as! [String: Any])["platforms"] as! [[String: Any]])
    .first { $0["platform"] as? String == "instagram" }!
  #expect(beforeIg["present"] as? Int == 2 && beforeIg["present_confirmed"] as? Int == 2)
  #expect(beforeIg["absent"] as? Int == 0 && beforeIg["unknown"] as? Int == 6)
}

@Test func adoptionReportTextShowsBoundsEstimateCoverageAndMethodology() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let md = try cli.run(["report", "adoption", "--as-of", "2021-06-30"])
  #expect(md.status == 0, "\(md.stderr)")
  #expect(
    md.stdout.contains(
      "- On x: estimate 66.7% (95% CI 30.0–90.3%) from 6 of 7 with a known status "
        + "(coverage 85.7%); at least 4 (57.1%), at most 5 (71.4%)."))
  #expect(
    md.stdout.contains(
      "| All regions | instagram | 7 | 3 (3) | 2 | 2 | 71.4% | 42.9–71.4% | 60.0% | 23.1–88.2% |"))
  #expect(md.stdout.contains("surveys counted at confidence medium or higher (--min-confidence)"))
  #expect(md.stdout.contains("- **presence_status**: The status of an entity on a platform"))
  #expect(
    md.stdout.contains(
      "- Channels open while a later absent survey says otherwise (entity × platform): 1"))
}

@Test func adoptionReportCSVHasOneRowPerRegionAndPlatform() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let r = try cli.run([
    "report", "adoption", "--as-of", "2021-06-30", "--format", "csv",
  ])
  #expect(r.status == 0)
  let lines = r.stdout.split(separator: "\r\n")
  // Header + (ALL + 2 regions) × (any + 3 platforms) = 1 + 12.
  #expect(lines.count == 13)
  #expect(lines[0].hasPrefix("as_of,region,region_name,platform,entities,adopters,adoption_rate"))
}

@Test func adoptionReportHTMLParsesHasThreeChartsAndEscapesNames() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let out = cli.dir.appendingPathComponent("report.html").path
  let r = try cli.run([
    "report", "adoption", "--as-of", "2021-06-30", "--format", "html", "--out", out,
  ])
  #expect(r.status == 0, "\(r.stderr)")
  let html = try String(contentsOfFile: out, encoding: .utf8)
  #expect(!html.contains("<script>"))
  #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Zone D"))
  #expect(html.contains("&lt;b&gt;Counts&lt;/b&gt; &amp; &quot;quotes&quot;"))
  #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
  #expect(!html.contains("<link") && !html.contains("<img"))
  // A real parser: python3's html.parser counts elements and checks every tag is closed.
  let checker = """
    import sys
    from html.parser import HTMLParser
    class P(HTMLParser):
        def __init__(self):
            super().__init__(); self.stack = []; self.svg = 0; self.bad = 0; self.script = 0
        def handle_starttag(self, tag, attrs):
            if tag == 'svg': self.svg += 1
            if tag == 'script': self.script += 1
            if tag not in ('meta', 'br', 'hr', 'img', 'link', 'input'): self.stack.append(tag)
        def handle_startendtag(self, tag, attrs): pass
        def handle_endtag(self, tag):
            if self.stack and self.stack[-1] == tag: self.stack.pop()
            else: self.bad += 1
    p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); p.close()
    print(p.svg, p.script, p.bad, len(p.stack))
    """
  let py = try Subprocess.run(tool: "python3", ["-c", checker, out])
  // 3 charts (adoption, audience, diffusion), no script, no mismatched or unclosed tag.
  #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "3 0 0 0")
}

@Test func adoptionReportRefusesUnknownRegionAndBadDate() throws {
  let cli = try ReportCLI.fixtureWorkspace()
  defer { cli.cleanUp() }
  let a = try cli.run(["report", "adoption", "--region", "BE-XXX"])
  #expect(a.status != 0 && a.stderr.contains("BE-VLG"))
  let b = try cli.run(["report", "adoption", "--as-of", "2021-13-01"])
  #expect(b.status != 0 && b.stderr.contains("--as-of"))
}
