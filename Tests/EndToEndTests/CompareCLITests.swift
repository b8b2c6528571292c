import Foundation
import TestSupport
import Testing

/// `compare`, `rank` and `reference` on the compare fixture seed, as-of 2024-01-01.
struct CompareCLITests {
  func withCLI(_ body: (CLIWorkspace) throws -> Void) throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    defer { cli.cleanUp() }
    try body(cli)
  }

  @Test func compareOneEntityGivesPeerGroupPercentileMedianAndBestPeer() throws {
    try withCLI { cli in
      let r = try cli.run([
        "compare", "zp-a", "--peers", "region", "--platform", "x", "--as-of", "2024-01-01",
        "--format", "json",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let group = try #require(doc["peer_group"] as? [String: Any])
      // Region peers: zp-b c d e f (zp-g placeholder, zp-h ended, zp-w other region).
      #expect(group["size"] as? Int == 5)
      #expect(group["placeholders_excluded"] as? Int == 1)
      #expect(group["members"] as? [String] == ["zp-b", "zp-c", "zp-d", "zp-e", "zp-f"])
      let metrics = try #require(doc["metrics"] as? [[String: Any]])
      let followers = try #require(metrics.first { $0["metric"] as? String == "followers" })
      // 2000 against [500, 2000, 3000]: 2 of 3 equal or lower; median 2000; best zp-b 3000.
      #expect(followers["value"] as? Double == 2000)
      #expect(abs((followers["percentile"] as? Double ?? 0) - 2.0 / 3) < 1e-9)
      #expect(followers["peer_median"] as? Double == 2000)
      #expect(followers["peer_q1"] as? Double == 1250)
      let best = try #require(followers["best_peer"] as? [String: Any])
      #expect(best["id"] as? String == "zp-b")
      #expect(best["value"] as? Double == 3000)
      #expect(followers["peers_missing_count"] as? Int == 2)
      let growth = try #require(metrics.first { $0["metric"] as? String == "growth_90d" })
      #expect(growth["value"] as? Double == 200)
      #expect(growth["percentile"] is NSNull)
      #expect(growth["percentile_missing_reason"] as? String == "no_values")
      let projection = try #require(doc["projection"] as? [String: Any])
      #expect(projection["label"] as? String == "projection")
      let horizons = try #require(projection["horizons"] as? [[String: Any]])
      #expect(horizons.map { $0["followers"] as? Double } == [2323, 3309])
      let refs = try #require(doc["references"] as? [[String: Any]])
      // Fits BE / BE-VLG / local_police / x: ref-a-followers, ref-adoption, ref-count.
      #expect(
        Set(refs.compactMap { $0["id"] as? String }) == [
          "ref-a-followers", "ref-adoption", "ref-count",
        ])
    }
  }

  @Test func sizePeersWithoutPopulationFailWithAClearError() throws {
    try withCLI { cli in
      let r = try cli.run(["compare", "zp-nopop", "--peers", "size", "--as-of", "2024-01-01"])
      #expect(r.status != 0)
      #expect(r.stderr.contains("has no population"))
      #expect(r.stdout.isEmpty)
    }
  }

  @Test func rankSharesTiesAndListsMissingApart() throws {
    try withCLI { cli in
      let r = try cli.run([
        "rank", "--metric", "followers", "--platform", "x", "--as-of", "2024-01-01",
        "--format", "json",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let ranked = try #require(doc["ranked"] as? [[String: Any]])
      #expect(
        ranked.map { $0["entity_id"] as? String } == ["zp-w", "zp-b", "zp-a", "zp-c", "zp-d"])
      #expect(ranked.map { $0["rank"] as? Int } == [1, 2, 3, 3, 5])
      let missing = try #require(doc["missing"] as? [[String: Any]])
      // zp-f and zp-nopop have no channel on x and were never surveyed: not_surveyed.
      #expect(
        missing.map { "\($0["entity_id"]!):\($0["missing_reason"]!)" }
          == ["zp-e:no_snapshot", "zp-f:not_surveyed", "zp-nopop:not_surveyed"])
      #expect(doc["placeholders_excluded"] as? Int == 1)
      // A survey finds zp-f absent from x on 2023-12-01 (31 days before): absent; zp-nopop
      // found there without a named account: no_channel. A low-confidence survey of zp-e is
      // not counted (zp-e keeps its open channel anyway).
      for args in [
        ["zp-f", "--absent", "--confidence", "high"], ["zp-nopop", "--present"],
      ] {
        let s = try cli.run(
          [
            "survey", "add", args[0], "--platform", "x", "--on", "2023-12-01", "--method",
            "website",
            "--source-url", "https://example.org/zones",
          ] + args.dropFirst())
        #expect(s.status == 0, "\(s.stderr)")
      }
      let again = try #require(
        try parseJSON(
          try cli.run([
            "rank", "--metric", "followers", "--platform", "x", "--as-of", "2024-01-01",
            "--format", "json",
          ]).stdout) as? [String: Any])
      #expect(
        (again["missing"] as? [[String: Any]])?.map {
          "\($0["entity_id"]!):\($0["missing_reason"]!)"
        } == ["zp-e:no_snapshot", "zp-f:absent", "zp-nopop:no_channel"])
      // With --min-confidence high the present survey (medium) no longer counts.
      let strict = try #require(
        try parseJSON(
          try cli.run([
            "rank", "--metric", "followers", "--platform", "x", "--as-of", "2024-01-01",
            "--min-confidence", "high", "--format", "json",
          ]).stdout) as? [String: Any])
      #expect(
        (strict["missing"] as? [[String: Any]])?.map {
          "\($0["entity_id"]!):\($0["missing_reason"]!)"
        } == ["zp-e:no_snapshot", "zp-f:absent", "zp-nopop:not_surveyed"])

      let table = try cli.run([
        "rank", "--metric", "followers", "--platform", "x", "--as-of", "2024-01-01",
      ])
      #expect(table.stdout.contains("competition ranking (1, 2, 2, 4)"))
      #expect(table.stdout.contains("Not ranked, value missing (3"))
      let csv = try cli.run([
        "rank", "--metric", "followers_per_1000", "--platform", "x", "--as-of", "2024-01-01",
        "--format", "csv",
      ])
      #expect(
        csv.stdout.hasPrefix("rank,entity_id,name,region,value,followers,population,missing_reason")
      )
      // zp-b 3000 / 50,000 × 1000 = 60 ranks first.
      #expect(csv.stdout.contains("1,zp-b,Zone B,BE-VLG,60,3000,50000,"))
    }
  }

  @Test func compareTwoEntitiesSideBySide() throws {
    try withCLI { cli in
      let r = try cli.run([
        "compare", "zp-a", "zp-b", "--platform", "x", "--as-of", "2024-01-01", "--format", "json",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let entities = try #require(doc["entities"] as? [[String: Any]])
      let followers = entities.map { ($0["metrics"] as? [String: Any])?["followers"] as? Double }
      #expect(followers == [2000, 3000])
      let reasons = entities[1]["missing_reasons"] as? [String: Any]
      #expect(reasons?["growth_90d"] as? String == "no_baseline_in_window")
      let table = try cli.run(["compare", "zp-a", "zp-b", "--as-of", "2024-01-01"])
      #expect(table.stdout.contains("zp-a"))
      #expect(table.stdout.contains("missing (no_baseline_in_window)"))
    }
  }

  @Test func referenceListAddShowAndChangeLog() throws {
    try withCLI { cli in
      let list = try cli.run([
        "reference", "list", "--country", "BE", "--platform", "x", "--format", "json",
      ])
      #expect(list.status == 0, "\(list.stderr)")
      let rows = try #require(try parseJSON(list.stdout) as? [[String: Any]])
      // BE or unset country, x or unset platform: ref-a-followers, ref-adoption, ref-wal, ref-count.
      #expect(
        Set(rows.compactMap { $0["id"] as? String })
          == ["ref-a-followers", "ref-adoption", "ref-wal", "ref-count"])

      let add = try cli.run([
        "reference", "add", "ref-new", "Zone B followers (2013)", "followers", "1200",
        "--unit", "followers", "--country", "BE", "--region", "BE-VLG", "--platform", "x",
        "--entity", "zp-b", "--as-of", "2013-06-01", "--precision", "month", "--source",
        "fx-survey",
      ])
      #expect(add.status == 0, "\(add.stderr)")
      let show = try cli.run(["reference", "show", "ref-new", "--format", "json"])
      let shown = try #require(try parseJSON(show.stdout) as? [String: Any])
      #expect(shown["value"] as? Double == 1200)
      #expect(shown["source"] as? String == "fx-survey")
      #expect(shown["as_of_precision"] as? String == "month")
      let log = try cli.run(["log", "--format", "json"])
      #expect(log.stdout.contains("reference_figure"))
      #expect(log.stdout.contains("ref-new"))

      let again = try cli.run([
        "reference", "add", "ref-new", "dup", "followers", "1", "--unit", "followers",
        "--as-of", "2013-06-01", "--source", "fx-survey",
      ])
      #expect(again.status != 0)
      #expect(again.stderr.contains("already exists"))
      let noSource = try cli.run([
        "reference", "add", "ref-x", "x", "followers", "1", "--unit", "followers",
        "--as-of", "2013-06-01",
      ])
      #expect(noSource.status != 0)
      #expect(noSource.stderr.contains("source"))
      let missing = try cli.run(["reference", "show", "nope"])
      #expect(missing.status != 0)
    }
  }

  @Test func htmlScorecardParsesEscapesAndHasOneSVGPerMetric() throws {
    try withCLI { cli in
      let out = cli.dir.appendingPathComponent("card.html").path
      let r = try cli.run([
        "compare", "zp-d", "--as-of", "2024-01-01", "--format", "html", "--out", out,
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let html = try String(contentsOfFile: out, encoding: .utf8)
      #expect(!html.contains("D & <Zone>"))
      #expect(html.contains("D &amp; &lt;Zone&gt;"))
      #expect(!html.contains("src=\"http"))
      #expect(!html.contains("<script"))
      // Count <svg> start tags with python3's html.parser, which also checks it parses.
      let script = """
        import sys, html.parser
        class P(html.parser.HTMLParser):
            n = 0
            def handle_starttag(self, tag, attrs):
                if tag == "svg": self.n += 1
        p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close(); print(p.n)
        """
      let p = try Subprocess.run(tool: "python3", ["-c", script, out])
      #expect(p.status == 0)
      // Ten metrics: followers, per 1,000, growth 30/90/365 absolute and %, posts, engagement.
      #expect(p.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "10")
    }
  }
}
