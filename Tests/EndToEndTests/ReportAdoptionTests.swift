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
  // any social: ab, c, d (VLG), e, f (WAL) → 5/7; Wilson 5/7 = [0.358934, 0.917781].
  #expect(summary["adopters_any"] as? Int == 5)
  let national = summary["platforms"] as! [[String: Any]]
  #expect(approx(national[0]["adoption_rate"], 5.0 / 7))
  #expect(approx(national[0]["ci_low"], 0.3589))
  #expect(approx(national[0]["ci_high"], 0.9178))
  // Audiences: ab 2000 + 3000 = 5000, c 5000 + 800 = 5800, f 2400 + 100 = 2500; d stale
  // (2020-05-01 is 425 days old), e no snapshot. Sum 13300, median 5000.
  #expect(num(summary["followers_sum"]) == 13_300)
  #expect(num(summary["followers_median"]) == 5000)
  // Per 1,000: 13300 / (30000 + 40000 + 25000 + 35000 [zone-g, no channel: 0]) × 1000 = 102.3077.
  #expect(approx(summary["followers_per_1000"], 102.3077))
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
  // Disclaimer: ab yes (x yes), c no, d unknown, e yes, f no.
  let disclaimer = summary["disclaimer"] as! [String: Int]
  #expect(disclaimer == ["yes": 2, "no": 2, "unknown": 1])

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

  // WAL x: 1/4 (zone-e), Wilson [0.045587, 0.699358]; its only channel has no snapshot.
  let walX = row(doc, "BE-WAL", "x")
  #expect(walX["adopters"] as? Int == 1 && walX["entities"] as? Int == 4)
  #expect(approx(walX["ci_low"], 0.0456) && approx(walX["ci_high"], 0.6994))
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
  #expect(ranked["missing"]!.map { $0["missing_reason"] as! String } == ["stale", "no_snapshot"])

  let quality = doc["data_quality"] as! [String: Int]
  #expect(quality["open_social_channels"] == 8 && quality["fresh_snapshot"] == 6)
  #expect(quality["stale_snapshot"] == 1 && quality["no_snapshot"] == 1)
  #expect(quality["low_confidence"] == 1 && quality["channels_without_opening_date"] == 1)
  #expect(quality["entities_without_population"] == 1)
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
  #expect(sources == ["fixture-counts", "fixture-registry"])
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
