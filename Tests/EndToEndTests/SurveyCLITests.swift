import Foundation
import TestSupport
import Testing

/// Surveys end to end: the shipped seed claims no share nobody surveyed, a worksheet goes out and
/// comes back, `survey add` is logged, and `show` and `accounts --presence` print the statuses.
@Suite struct SurveyCLITests {
  /// The shipped seed has no survey: on a platform nobody ever looked at (Mastodon) the share is
  /// unknown, between 0% and 100%; wherever an estimate is printed it is flagged low-coverage
  /// and its known entities are exactly those with a channel; the bounds hold.
  @Test func theShippedSeedClaimsNoShareFromUnsurveyedZones() throws {
    let cli = try CLIWorkspace(seed: Fixtures.dataSeed)
    defer { cli.cleanUp() }
    let r = try cli.run([
      "report", "adoption", "--as-of", "2026-06-30", "--platform", "x", "--platform", "mastodon",
      "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
    let rows =
      ((doc["summary"] as! [String: Any])["platforms"] as! [[String: Any]])
      + (doc["regions"] as! [[String: Any]])
    let mastodon = rows.filter { $0["platform"] as? String == "mastodon" }
    #expect(mastodon.count == 4)  // all regions, then Brussels, Flanders, Wallonia
    for m in mastodon {
      #expect(m["estimate"] is NSNull && m["estimate_missing_reason"] as? String == "no_survey")
      #expect((m["missing_reasons"] as? [String: String])?["estimate"] == "no_survey")
      #expect(m["rate_lower"] as? Double == 0 && m["rate_upper"] as? Double == 1)
      #expect(m["present"] as? Int == 0 && m["absent"] as? Int == 0)
      #expect(m["unknown"] as? Int == m["entities"] as? Int)
    }
    for g in rows {
      let n = Double(g["entities"] as! Int)
      let present = Double(g["present"] as! Int)
      let unknown = Double(g["unknown"] as! Int)
      // No survey anywhere: nothing is absent, the known are the present.
      #expect(g["absent"] as? Int == 0)
      #expect(abs((g["rate_upper"] as! Double) - (present + unknown) / n) < 1e-9)
      #expect(abs((g["coverage"] as! Double) - present / n) < 1e-9)
      if !(g["estimate"] is NSNull) { #expect(g["low_coverage"] as? Bool == true, "\(g)") }
    }
    // The text leads with the bounds where coverage is low, and says the Mastodon share is
    // unknown.
    let md = try cli.run([
      "report", "adoption", "--as-of", "2026-06-30", "--platform", "x", "--platform", "mastodon",
    ])
    #expect(md.stdout.contains("- On social media (any social platform): share between "))
    #expect(
      md.stdout.contains(
        "- On mastodon: share unknown: no entity's status is known (estimate missing "
          + "(no_survey)); at least 0 (0.0%), at most 176 (100.0%)."))
  }

  /// A worksheet printed, three rows filled in and given back: exactly those three rows' statuses
  /// change; the rest of the sheet is the same, and the unfilled sheet records nothing.
  @Test func aWorksheetRoundTripsThroughImportSurveys() throws {
    let cli = try ReportCLI.fixtureWorkspace()
    defer { cli.cleanUp() }
    let sheetArgs = [
      "survey", "sheet", "--as-of", "2021-06-30", "--platform", "x", "--platform", "instagram",
      "--format", "csv",
    ]
    let sheet = try cli.run(sheetArgs)
    #expect(sheet.status == 0, "\(sheet.stderr)")
    let lines = sheet.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(
      lines[0]
        == "entity_id,entity_code,entity_name,region,platform,status,evidence,evidence_on,"
        + "known_handles,website,observed_on,result,handle,method,confidence,source,note")
    #expect(lines.count == 1 + 7 * 2)  // 7 zones existing on the day × 2 platforms
    // Given back untouched: nothing is recorded.
    let untouched = cli.dir.appendingPathComponent("untouched.csv")
    try sheet.stdout.write(to: untouched, atomically: true, encoding: .utf8)
    let none = try cli.run([
      "import", "surveys", untouched.path, "--source-url", "https://example.org/team",
    ])
    #expect(none.status == 0, "\(none.stderr)")
    #expect(none.stderr.contains("added 0, changed 0, left 0 unchanged"))
    // Three rows filled in: zone-f x absent, zone-d instagram absent (method and confidence
    // given on the command line), zone-g instagram found with a handle.
    func fill(_ line: String, _ fields: [String]) -> String {
      let known = line.components(separatedBy: ",").prefix(10)
      return (known + fields).joined(separator: ",")
    }
    var edited: [String] = []
    var changed: Set<String> = []
    for line in lines {
      if line.hasPrefix("zone-f,,Zone F,BE-WAL,x,") {
        edited.append(fill(line, ["2021-06-10", "absent", "", "website", "high", "", ""]))
        changed.insert("zone-f/x")
      } else if line.hasPrefix("zone-d,") && line.contains(",instagram,") {
        edited.append(fill(line, ["", "absent", "", "", "", "", "checked by hand"]))
        changed.insert("zone-d/instagram")
      } else if line.hasPrefix("zone-g,,Zone G,BE-WAL,instagram,") {
        edited.append(
          fill(line, ["2021-06-10", "present", "@zoneg.police", "platform_search", "", "", ""]))
        changed.insert("zone-g/instagram")
      } else {
        edited.append(line)
      }
    }
    #expect(changed.count == 3)
    let file = cli.dir.appendingPathComponent("filled.csv")
    try (edited.joined(separator: "\r\n") + "\r\n").write(
      to: file, atomically: true, encoding: .utf8)
    let dry = try cli.run([
      "import", "surveys", file.path, "--dry-run", "--on", "2021-06-20", "--method", "manual",
      "--source-url", "https://example.org/team",
    ])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stderr.contains("would add 3"))
    let imported = try cli.run([
      "import", "surveys", file.path, "--on", "2021-06-20", "--method", "manual",
      "--source-url", "https://example.org/team",
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("added 3, changed 0, left 0 unchanged"))
    // Again: nothing changes.
    let again = try cli.run([
      "import", "surveys", file.path, "--on", "2021-06-20", "--method", "manual",
      "--source-url", "https://example.org/team",
    ])
    #expect(again.stderr.contains("added 0, changed 0, left 3 unchanged"), "\(again.stderr)")

    let after = try cli.run(sheetArgs).stdout.components(separatedBy: "\r\n")
      .filter { !$0.isEmpty }
    #expect(after.count == lines.count && after[0] == lines[0])
    var differing: Set<String> = []
    for (a, b) in zip(lines.dropFirst(), after.dropFirst()) where a != b {
      let f = b.components(separatedBy: ",")
      differing.insert("\(f[0])/\(f[4])")
    }
    #expect(differing == changed)
    func row(_ id: String, _ platform: String) -> [String] {
      after.first { $0.hasPrefix(id + ",") && $0.contains(",\(platform),") }!
        .components(separatedBy: ",")
    }
    // status, evidence, evidence_on, known_handles.
    #expect(Array(row("zone-f", "x")[5...8]) == ["absent", "survey_absent", "2021-06-10", ""])
    #expect(
      Array(row("zone-d", "instagram")[5...8]) == ["absent", "survey_absent", "2021-06-20", ""])
    #expect(
      Array(row("zone-g", "instagram")[5...8])
        == ["present_confirmed", "survey_present", "2021-06-10", "zoneg.police"])
    // The found handle became a channel, first seen on the survey's day; all is logged.
    let show = try cli.run(["show", "instagram/zoneg.police"])
    #expect(show.stdout.contains("first seen     2021-06-10"), "\(show.stdout)")
    let log = try cli.run(["log", "--entity", "zone-d", "--format", "csv"])
    #expect(
      log.stdout.contains(
        "add,survey,zone-d/instagram/2021-06-20/url-example-org-team,result,,absent"))
  }

  @Test func aBadWorksheetRowStopsTheImportWithItsLineAndColumn() throws {
    let cli = try ReportCLI.fixtureWorkspace()
    defer { cli.cleanUp() }
    let file = cli.dir.appendingPathComponent("bad.ndjson")
    try """
    {"entity_id": "zone-f", "platform": "x", "observed_on": "2021-06-10", "result": "absent", "method": "website"}
    {"entity": "Zone G", "platform": "tiktok", "observed_on": "2021-06-10", "result": "gone", "method": "website"}

    """.write(to: file, atomically: true, encoding: .utf8)
    let r = try cli.run(["import", "surveys", file.path, "--source", "fixture-survey"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("\(file.path):2: result: 'gone' is not one of present, absent"))
    #expect(try SQLiteShell.run(cli.db, "SELECT count(*) FROM survey") == "11")
  }

  @Test func surveyAddIsLoggedAndShowAndAccountsPrintTheStatuses() throws {
    let cli = try ReportCLI.fixtureWorkspace()
    defer { cli.cleanUp() }
    let add = try cli.run([
      "survey", "add", "Zone E", "--platform", "facebook", "--on", "2021-06-01", "--absent",
      "--method", "website", "--confidence", "high", "--source", "fixture-survey",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout == "zone-e/facebook_page/2021-06-01/fixture-survey\n")
    #expect(add.stderr.contains("recorded survey zone-e/facebook_page/2021-06-01/fixture-survey"))
    let twice = try cli.run([
      "survey", "add", "zone-e", "--platform", "facebook_page", "--on", "2021-06-01", "--present",
      "--method", "website", "--source", "fixture-survey",
    ])
    #expect(twice.status != 0)
    #expect(twice.stderr.contains("is already recorded as absent"))
    let neither = try cli.run([
      "survey", "add", "zone-e", "--platform", "x", "--on", "2021-06-01", "--method", "website",
      "--source", "fixture-survey",
    ])
    #expect(neither.status != 0 && neither.stderr.contains("give exactly one of --found"))

    let show = try cli.run(["show", "zone-e", "--as-of", "2021-06-30"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("presence on 2021-06-30 (surveys of confidence medium or higher"))
    #expect(
      show.stdout.contains(
        "  x               present_carried_forward  channel 2014-09-01 (x/zonee (opened))"))
    #expect(
      show.stdout.contains(
        "  facebook_page   absent                   survey_absent 2021-06-01 (website, fixture-survey)"
      ))
    #expect(
      show.stdout.contains("  2021-06-01  facebook_page  absent  website  high  fixture-survey"))
    let json = try #require(
      try parseJSON(
        try cli.run(["show", "zone-e", "--as-of", "2021-06-30", "--format", "json"]).stdout)
        as? [String: Any])
    let presence = try #require(json["presence"] as? [String: Any])
    let statuses = try #require(presence["statuses"] as? [[String: Any]])
    #expect(
      statuses.map { $0["platform"] as! String } == ["any", "x", "facebook_page", "instagram"])
    #expect(
      statuses.map { $0["status"] as! String } == [
        "present_confirmed", "present_carried_forward", "absent", "present_confirmed",
      ])

    let accounts = try cli.run([
      "accounts", "--presence", "--as-of", "2021-06-30", "--region", "BE-WAL", "--format", "csv",
    ])
    #expect(accounts.status == 0, "\(accounts.stderr)")
    #expect(
      accounts.stdout.hasPrefix(
        "entity_id,entity_code,entity_name,region,platform,status,evidence,evidence_on,"
          + "evidence_ref,known_handles,website\r\n"))
    #expect(accounts.stdout.contains("zone-h,,Zone H,BE-WAL,x,absent,survey_absent,2021-03-01,"))
    let summary = try cli.run(["summary", "--as-of", "2021-06-30", "--kind", "local_police"])
    // Wallonia: e f g present, h absent on every platform; the platform columns count what the
    // report counts (instagram: zone-f's channel and zone-g's survey-only presence).
    #expect(
      summary.stdout.contains(
        "BE       BE-WAL  4         3             2  1              2          3        1       0"
      ), "\(summary.stdout)")
  }

  @Test func theHTMLReportShowsBoundsEstimateAndCoverage() throws {
    let cli = try ReportCLI.fixtureWorkspace()
    defer { cli.cleanUp() }
    let out = cli.dir.appendingPathComponent("report.html").path
    let r = try cli.run([
      "report", "adoption", "--as-of", "2021-06-30", "--format", "html", "--out", out,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOfFile: out, encoding: .utf8)
    // National summary: the estimate, the bounds and the coverage as key figures.
    #expect(html.contains("On social media: estimate<b>85.7%</b><small>95% CI 48.7–97.4%</small>"))
    #expect(html.contains("On social media: bounds<b>85.7–85.7%</b>"))
    #expect(html.contains("Coverage<b>100.0%</b>"))
    // The region chart: present, unknown (hatched) and absent segments, the estimate, coverage.
    #expect(html.contains("<pattern id=\"unknown\""))
    #expect(html.contains("fill=\"url(#unknown)\""))
    #expect(
      html.contains(
        "<title>Walloon Region · instagram: present 2, unknown 1, absent 1 of 4; bounds 50.0–75.0%; "
          + "estimate 66.7% (95% CI 20.8–93.9%)</title>"))
    #expect(html.contains(">coverage</text>"))
  }
}
