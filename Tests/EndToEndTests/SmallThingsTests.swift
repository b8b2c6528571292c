import Foundation
import TestSupport
import Testing

/// The small things issue 18 found on the way: the SYNTHETIC banner, Markdown that cannot carry
/// a link, `--skip-invalid`'s exit code (CorrectionTests), duplicate JSON keys, a former handle in
/// `snapshot add`, a reference numerator above its denominator, `validate`'s whole messages and
/// the HTML dot chart's region names.
struct SmallThingsTests {
  func compareWorkspace() throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    let r = try cli.run(["init"])
    #expect(r.status == 0, "\(r.stderr)")
    return cli
  }

  func write(_ cli: CLIWorkspace, _ name: String, _ text: String) throws -> String {
    let url = cli.dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// SQLite's memory statistics are off before the first connection opens: their process-wide
  /// mutex serialized the report's two reading threads (`RegistryDatabase.memoryStatisticsOff`).
  @Test func sqliteMemoryStatisticsAreOffInTheCommandLine() throws {
    let cli = try CLIWorkspace(seed: Fixtures.reportSeed, environment: ["REGISTRY_TIMINGS": "1"])
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    let r = try cli.run(["report", "adoption", "--as-of", "2021-06-30", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let notes = r.stderr.split(separator: "\n").filter { $0.hasPrefix("timing note: SQLite") }
    #expect(notes == ["timing note: SQLite memory statistics off"], "\(r.stderr)")
  }

  @Test func everyReportOfGeneratedDataSaysSyntheticAtTheTop() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    let seed = cli.dir.appendingPathComponent("syn").path
    #expect(
      try cli.run(
        [
          "generate", "--entities", "4", "--channels-per-entity", "1", "--days", "3", "--out", seed,
        ],
        useDB: false
      ).status == 0)
    #expect(try cli.run(["init", "--seed", seed]).status == 0)
    #expect(try cli.run(["snapshot", "import", seed + "/snapshots-import.csv"]).status == 0)
    let asOf = ["--as-of", "2025-06-30"]
    let md = try cli.run(["report", "adoption"] + asOf)
    #expect(md.stdout.hasPrefix("> **SYNTHETIC DATA**"), "\(md.stdout.prefix(200))")
    let html = try cli.run(["report", "adoption", "--format", "html"] + asOf)
    #expect(html.stdout.contains("<title>SYNTHETIC: "))
    let body = try #require(html.stdout.range(of: "<body>\n"))
    #expect(html.stdout[body.upperBound...].hasPrefix("<p class=\"synthetic\""))
    let json = try #require(
      try parseJSON(try cli.run(["report", "adoption", "--format", "json"] + asOf).stdout)
        as? [String: Any])
    #expect(json["synthetic"] as? Bool == true)
    let csv = try cli.run(["report", "adoption", "--format", "csv"] + asOf)
    #expect(csv.stderr.contains("SYNTHETIC DATA"))
    let entity = "syn-1"
    let card = try cli.run(["compare", entity, "--peers", "all"] + asOf)
    #expect(card.status == 0, "\(card.stderr)")
    #expect(card.stdout.hasPrefix("SYNTHETIC DATA"), "\(card.stdout.prefix(200))")
    let page = try cli.run(["compare", entity, "--peers", "all", "--format", "html"] + asOf)
    #expect(page.stdout.contains("<p class=\"synthetic\""))
    let rank = try cli.run(["rank", "--metric", "followers"] + asOf)
    #expect(rank.stdout.hasPrefix("SYNTHETIC DATA"), "\(rank.stdout.prefix(200))")

    // A registry of real sources has no banner, and says so in JSON.
    let real = try compareWorkspace()
    defer { real.cleanUp() }
    let plain = try real.run(["report", "adoption", "--as-of", "2024-01-01"])
    #expect(!plain.stdout.contains("SYNTHETIC"))
    let realJSON = try #require(
      try parseJSON(
        try real.run(["report", "adoption", "--as-of", "2024-01-01", "--format", "json"]).stdout)
        as? [String: Any])
    #expect(realJSON["synthetic"] as? Bool == false)
  }

  @Test func markdownOutputCarriesNoLinkFromTheDatabase() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    try SQLiteShell.run(
      cli.db,
      """
      UPDATE entity_name SET name = '[x](javascript:alert(1))' WHERE entity_id = 'zp-b';
      UPDATE source SET url = 'javascript:alert(2)', title = '[t](javascript:alert(3))'
        WHERE key = 'fx-counts';
      """)
    let outputs = [
      try cli.run(["report", "adoption", "--as-of", "2024-01-01"]).stdout,
      try cli.run(["compare", "zp-b", "--as-of", "2024-01-01", "--format", "markdown"]).stdout,
      try cli.run(["compare", "zp-a", "--as-of", "2024-01-01", "--format", "markdown"]).stdout,
      try cli.run(["compare", "zp-a", "zp-b", "--as-of", "2024-01-01", "--format", "markdown"])
        .stdout,
    ]
    // A link is `](` after an unescaped `]`, or `<scheme:...>`; `\]` is a plain bracket.
    let link = try NSRegularExpression(pattern: #"(?<!\\)\]\(javascript:|<javascript:"#)
    for text in outputs {
      let all = NSRange(text.startIndex..., in: text)
      #expect(link.firstMatch(in: text, range: all) == nil, "\(text)")
    }
    // The names are still there, escaped.
    #expect(outputs[0].contains("\\[x\\](javascript:alert(1))"), "\(outputs[0])")
    #expect(outputs[0].contains("javascript:alert(2)"))
  }

  @Test func duplicateJSONKeysAreRefusedLikeDuplicateColumns() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    let before = try SQLiteShell.dump(cli.db)
    let json = try write(
      cli, "dup.json",
      "[{\"platform\":\"x\",\"handle\":\"zpa\",\"observed_at\":\"2024-02-01\",\"followers\":10,"
        + "\"source\":\"fx-counts\"},\n {\"platform\":\"x\",\"handle\":\"zpa\",\"observed_at\":"
        + "\"2024-02-02\",\"followers\":10,\"followers\":20000,\"source\":\"fx-counts\"}]")
    let r = try cli.run(["snapshot", "import", json])
    #expect(r.status != 0)
    #expect(r.stderr.contains("dup.json:2: followers: duplicate key"), "\(r.stderr)")
    let ndjson = try write(
      cli, "dup.ndjson",
      "{\"platform\":\"x\",\"handle\":\"zpa\",\"observed_at\":\"2024-02-02\",\"followers\":10,"
        + "\"f\\u006fllowers\":20000,\"source\":\"fx-counts\"}\n")
    let n = try cli.run(["snapshot", "import", ndjson])
    #expect(n.status != 0)
    #expect(n.stderr.contains("dup.ndjson:1: followers: duplicate key"), "\(n.stderr)")
    let entities = try write(
      cli, "dup-entities.json",
      "[\n  {\"id\": \"zp-a\", \"population\": \"100001\", \"population\": \"9\"}\n]\n")
    let e = try cli.run(["import", "entities", entities, "--source", "fx-registry"])
    #expect(e.status != 0)
    #expect(e.stderr.contains("dup-entities.json:2: population: duplicate key"), "\(e.stderr)")
    #expect(try SQLiteShell.dump(cli.db) == before)
  }

  @Test func snapshotAddFindsAChannelByTheHandleItHadBeforeARename() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    let rename = try cli.run([
      "channel", "rename", "x/zpa", "zpa_new", "--on", "2024-01-15", "--source", "fx-registry",
    ])
    #expect(rename.status == 0, "\(rename.stderr)")
    // A count typed with the old handle, dated after the rename (today's main: no channel).
    let add = try cli.run([
      "snapshot", "add", "@zpa", "--followers", "2050", "--at", "2024-02-01",
      "--source", "fx-counts",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout.contains("x/zpa"), "\(add.stdout)")
    #expect(
      try SQLiteShell.run(
        cli.db,
        "SELECT followers FROM snapshot WHERE observed_at = 1706745600 AND channel_id = "
          + "(SELECT id FROM channel WHERE handle = 'zpa_new')") == "2050")
  }

  @Test func referenceAddRefusesANumeratorAboveItsDenominator() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    let r = try cli.run([
      "reference", "add", "ref-bad", "51 of 19 zones", "entities_with_channel", "51",
      "--denominator", "19", "--unit", "zones", "--country", "BE", "--as-of", "2013-01-01",
      "--source", "fx-survey",
    ])
    #expect(r.status != 0)
    #expect(r.stderr.contains("51 is more than its denominator 19"), "\(r.stderr)")
    #expect(
      try SQLiteShell.run(cli.db, "SELECT count(*) FROM reference_figure WHERE id = 'ref-bad'")
        == "0")
  }

  @Test func validatePrintsEveryMessageWhole() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    let r = try cli.run(["validate"])
    let json = try cli.run(["validate", "--format", "json"])
    let findings = try #require(try parseJSON(json.stdout) as? [[String: Any]])
    let long = findings.compactMap { $0["message"] as? String }.filter { $0.count > 60 }
    #expect(!long.isEmpty)
    for message in long { #expect(r.stdout.contains(message), "cut: \(message)") }
    #expect(!r.stdout.contains("…"))
  }

  @Test func theDotChartWritesLongRegionNamesWhole() throws {
    let cli = try compareWorkspace()
    defer { cli.cleanUp() }
    let name =
      "Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest / Region Brüssel-Hauptstadt"
    try SQLiteShell.run(cli.db, "UPDATE region SET name = '\(name)' WHERE code = 'BE-VLG'")
    let html = try cli.run(["report", "adoption", "--as-of", "2024-01-01", "--format", "html"])
      .stdout
    let start = try #require(html.range(of: "Audience per entity on social media (log scale)"))
    let chart = String(html[start.lowerBound...].prefix { $0 != "\n" })
    // Every text of the chart that holds the name must fit in the drawing: written from x
    // leftwards (text-anchor end) it needs x ≥ its width; from x rightwards, x + width ≤ 760.
    // Width: at least 5 px per character at 11 px.
    var found = false
    var rest = chart[...]
    while let open = rest.range(of: "<text ") {
      let close = rest[open.upperBound...].range(of: "</text>")!
      let element = String(rest[open.lowerBound..<close.lowerBound])
      rest = rest[close.upperBound...]
      guard element.contains("Région") else { continue }
      found = true
      let text = element.split(separator: ">", maxSplits: 1)[1]
      let x = Double(element.split(separator: "\"")[1]) ?? -1
      let width = Double(text.count) * 5
      if element.contains("text-anchor=\"end\"") {
        #expect(x - width >= 0, "cut on the left: \(element)")
      } else {
        #expect(x >= 0 && x + width <= 760, "cut on the right: \(element)")
      }
    }
    #expect(found)
  }
}
