import Foundation
import TestSupport
import Testing

/// Wrong numbers do not get in (the plausibility limit, no future observations), the ones that
/// did are listed by `validate` and can be corrected or retracted without raw SQL, and no stored
/// value, however absurd, makes a report crash (docs/snapshots.md, "Limits" and "Corrections").
struct CorrectionTests {
  func withCLI(_ body: (CLIWorkspace) throws -> Void) throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    defer { cli.cleanUp() }
    let r = try cli.run(["init"])
    #expect(r.status == 0, "\(r.stderr)")
    try body(cli)
  }

  func write(_ cli: CLIWorkspace, _ name: String, _ text: String) throws -> String {
    let url = cli.dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// The UTC day `days` from today, `YYYY-MM-DD`.
  static func day(fromToday days: Int) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date().addingTimeInterval(Double(days) * 86_400))
  }

  @Test func importRefusesImplausibleCountsAndFutureTimesAtTheirLine() throws {
    try withCLI { cli in
      let before = try SQLiteShell.dump(cli.db)
      for (name, row, expected) in [
        (
          "typo.csv", "x,zpa,2024-02-01,61640000000000", "typo.csv:2: followers: 61,640,000,000,000"
        ),
        ("max.csv", "x,zpa,2024-02-01,9223372036854775807", "max.csv:2: followers: 9,223,372"),
        ("five.csv", "x,zpa,2024-02-01,5000000000000000000", "five.csv:2: followers: 5,000,000"),
        (
          "future.csv", "x,zpa,2200-01-01,2100",
          "future.csv:2: observed_at: 2200-01-01T00:00:00Z is after tomorrow"
        ),
      ] {
        let file = try write(
          cli, name, "platform,handle,observed_at,followers,source\n\(row),fx-counts\n")
        let r = try cli.run(["snapshot", "import", file])
        #expect(r.status != 0, "\(name) was accepted")
        #expect(r.stderr.contains(expected), "\(name): \(r.stderr)")
      }
      let json = try write(
        cli, "max.json",
        "[{\"platform\":\"x\",\"handle\":\"zpa\",\"observed_at\":\"2024-02-01\","
          + "\"followers\":9223372036854775807,\"source\":\"fx-counts\"}]")
      let j = try cli.run(["snapshot", "import", json])
      #expect(j.status != 0)
      #expect(j.stderr.contains("max.json:1: followers: 9,223,372,036,854,775,807 is above"))
      #expect(try SQLiteShell.dump(cli.db) == before)

      // The limit itself and tomorrow (time zones ahead of UTC) are accepted.
      let tomorrow = Self.day(fromToday: 1)
      let ok = try write(
        cli, "ok.csv",
        "platform,handle,observed_at,followers,source\nx,zpa,2024-02-01,1000000000,fx-counts\n"
          + "x,zpb,\(tomorrow),3100,fx-counts\n")
      let accepted = try cli.run(["snapshot", "import", ok])
      #expect(accepted.status == 0, "\(accepted.stderr)")
      let later = Self.day(fromToday: 2)
      let late = try write(
        cli, "late.csv",
        "platform,handle,observed_at,followers,source\nx,zpb,\(later),3100,fx-counts\n")
      #expect(try cli.run(["snapshot", "import", late]).status != 0)
    }
  }

  @Test func skipInvalidListsRefusedRowsAndExitsThree() throws {
    try withCLI { cli in
      let file = try write(
        cli, "mixed.csv",
        "platform,handle,observed_at,followers,source\n"
          + "x,zpa,2024-02-01,2010,fx-counts\n"
          + "x,zpa,2024-02-02,61640000000000,fx-counts\n"
          + "x,zpa,2200-01-01,2020,fx-counts\n")
      let r = try cli.run(["snapshot", "import", file, "--skip-invalid"])
      // 3: done in part (docs/snapshots.md); today's main exits 0.
      #expect(r.status == 3, "\(r.status) \(r.stderr)")
      #expect(r.stdout.contains("1 snapshots imported, 0 unchanged, 2 rejected"), "\(r.stdout)")
      let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
      #expect(rejects.contains("3,followers,"), "\(rejects)")
      #expect(rejects.contains("4,observed_at,"), "\(rejects)")
      #expect(
        try SQLiteShell.run(cli.db, "SELECT count(*) FROM snapshot WHERE observed_at >= 1706745600")
          == "1")
    }
  }

  @Test func snapshotAddAndTheSeedLoaderRefuseImplausibleCounts() throws {
    try withCLI { cli in
      let big = try cli.run([
        "snapshot", "add", "x/zpa", "--followers", "61640000000000", "--at", "2024-02-01",
        "--source", "fx-counts",
      ])
      #expect(big.status != 0)
      #expect(big.stderr.contains("--followers: 61,640,000,000,000 is above"), "\(big.stderr)")
      let future = try cli.run([
        "snapshot", "add", "x/zpa", "--followers", "2100", "--at", "2200-01-01",
        "--source", "fx-counts",
      ])
      #expect(future.status != 0)
      #expect(
        future.stderr.contains("--at: 2200-01-01T00:00:00Z is after tomorrow"), "\(future.stderr)")

      // A seed with the same typo is refused at its line.
      let seed = cli.dir.appendingPathComponent("seed")
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: Fixtures.compareSeed), to: seed)
      let snapshots = seed.appendingPathComponent("snapshots.csv")
      var text = try String(contentsOf: snapshots, encoding: .utf8)
      let lines = text.split(separator: "\n").count
      text += "x/zpa,2024-02-01T12:00:00Z,61640000000000,,,,,fx-counts,\n"
      try Data(text.utf8).write(to: snapshots)
      let load = try cli.run(
        ["init", "--seed", seed.path, "--db", cli.dir.appendingPathComponent("s.sqlite").path],
        useDB: false)
      #expect(load.status != 0)
      #expect(
        load.stderr.contains("snapshots.csv:\(lines + 1): followers: 61,640,000,000,000 is above"),
        "\(load.stderr)")
    }
  }

  @Test func validateListsJumpsAndSnapshotsOutsideAChannelsLife() throws {
    try withCLI { cli in
      // x/zpa: 2,000 on 2024-01-01, then a typo 20,000 on 2024-02-01 (ten times and more), then
      // 2,020. And a count of 2014-06-01, before its opening on 2015-01-01.
      let file = try write(
        cli, "typo.csv",
        "platform,handle,observed_at,followers,source\n"
          + "x,zpa,2024-02-01T12:00:00Z,20001,fx-counts\n"
          + "x,zpa,2024-03-01T12:00:00Z,2020,fx-counts\n"
          + "x,zpa,2014-06-01T12:00:00Z,10,fx-counts\n")
      #expect(try cli.run(["snapshot", "import", file]).status == 0)
      let r = try cli.run(["validate", "--format", "json"])
      let findings = try #require(try parseJSON(r.stdout) as? [[String: Any]])
      let jumps = findings.filter { $0["check"] as? String == "snapshot_jump" }
      #expect(jumps.count == 2, "\(jumps)")
      #expect(jumps.allSatisfy { $0["subject"] as? String == "x/zpa" })
      let texts = jumps.compactMap { $0["message"] as? String }
      #expect(
        texts.contains { $0.contains("from 2000 (2024-01-01T12:00:00Z) to 20001") }, "\(texts)")
      let outside = findings.filter { $0["check"] as? String == "snapshot_outside_life" }
      #expect(outside.count == 1, "\(outside)")
      let message = outside.first?["message"] as? String
      #expect(message?.contains("before the channel's opening") == true, "\(outside)")
    }
  }

  @Test func correctAndRetractKeepTheOldRowAndEveryFigureUsesTheNewOne() throws {
    try withCLI { cli in
      let typo = try write(
        cli, "typo.csv",
        "platform,handle,observed_at,followers,source\nx,zpa,2024-02-01T12:00:00Z,20100,fx-counts\n"
      )
      #expect(try cli.run(["snapshot", "import", typo]).status == 0)
      func followers() throws -> Double? {
        let r = try cli.run([
          "compare", "zp-a", "--platform", "x", "--as-of", "2024-02-01", "--format", "json",
        ])
        let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
        let metrics = try #require(doc["metrics"] as? [[String: Any]])
        return metrics.first { $0["metric"] as? String == "followers" }?["value"] as? Double
      }
      #expect(try followers() == 20_100)

      let fix = try cli.run([
        "snapshot", "correct", "x/zpa", "--at", "2024-02-01", "--followers", "2010",
        "--reason", "typo: one zero too many", "--by", "tester",
      ])
      #expect(fix.status == 0, "\(fix.stderr)")
      #expect(fix.stdout.contains("20100 followers → 2010 followers"), "\(fix.stdout)")
      #expect(try followers() == 2010)
      // The old row is kept whole, marked replaced, with who and why.
      #expect(
        try SQLiteShell.run(
          cli.db,
          "SELECT followers, replaced, retracted_by, reason FROM snapshot_retraction")
          == "20100|1|tester|typo: one zero too many")
      let log = try cli.run(["log", "--channel", "x/zpa", "--format", "json"])
      let entries = try #require(try parseJSON(log.stdout) as? [[String: Any]])
      let corrections = entries.filter { $0["action"] as? String == "correct" }
      #expect(corrections.map { $0["field"] as? String } == ["followers", "reason"])
      #expect(corrections.allSatisfy { $0["by"] as? String == "tester" })
      #expect(corrections.first?["old_value"] as? String == "20100")
      #expect(corrections.first?["new_value"] as? String == "2010")
      #expect(corrections.last?["new_value"] as? String == "typo: one zero too many")
      #expect(corrections.allSatisfy { $0["source"] as? String == "fx-counts" })

      let show = try cli.run(["show", "x/zpa"])
      #expect(show.stdout.contains("retracted"), "\(show.stdout)")
      #expect(show.stdout.contains("20100 followers  (fx-counts); corrected"), "\(show.stdout)")
      let listed = try cli.run(["history", "x/zpa", "--retracted", "--format", "csv"])
      #expect(listed.stdout.contains("2024-02-01T12:00:00Z,20100"), "\(listed.stdout)")
      #expect(listed.stdout.contains("tester,typo: one zero too many,yes"), "\(listed.stdout)")

      // Retract the corrected count: the figure falls back to 2024-01-01 (2,000).
      let out = try cli.run([
        "snapshot", "retract", "x/zpa", "--at", "2024-02-01T12:00:00Z", "--source", "fx-counts",
        "--reason", "not verifiable",
      ])
      #expect(out.status == 0, "\(out.stderr)")
      #expect(try followers() == 2000)
      #expect(try SQLiteShell.run(cli.db, "SELECT count(*) FROM snapshot_retraction") == "2")
      let retractLog = try cli.run(["log", "--format", "json"])
      let retracts = try #require(try parseJSON(retractLog.stdout) as? [[String: Any]])
        .filter { $0["action"] as? String == "retract" }
      #expect(retracts.map { $0["field"] as? String } == ["followers", "reason"])
      #expect(retracts.first?["old_value"] as? String == "2010")
      #expect(retracts.first?["row_key"] as? String == "x/zpa 2024-02-01T12:00:00Z fx-counts")

      // The key is free again: importing the verified row stores it.
      let good = try write(
        cli, "good.csv",
        "platform,handle,observed_at,followers,source\nx,zpa,2024-02-01T12:00:00Z,2011,fx-counts\n")
      let again = try cli.run(["snapshot", "import", good])
      #expect(again.stdout.contains("1 snapshots imported"), "\(again.stdout) \(again.stderr)")
      #expect(try followers() == 2011)
      #expect(try SQLiteShell.run(cli.db, "PRAGMA foreign_key_check") == "")
      let valid = try cli.run(["validate"])
      #expect(!valid.stdout.contains("snapshot_span "), "\(valid.stdout)")
    }
  }

  @Test func retractSaysWhichSnapshotsMatchWhenItCannotTell() throws {
    try withCLI { cli in
      let none = try cli.run(["snapshot", "retract", "x/zpa", "--at", "2024-02-03"])
      #expect(none.status != 0)
      #expect(none.stderr.contains("no snapshot of x/zpa on 2024-02-03"), "\(none.stderr)")
      let two = try write(
        cli, "two.csv",
        "platform,handle,observed_at,followers,source\n"
          + "x,zpa,2024-02-01T08:00:00Z,2001,fx-counts\nx,zpa,2024-02-01T20:00:00Z,2002,fx-counts\n"
      )
      #expect(try cli.run(["snapshot", "import", two]).status == 0)
      let both = try cli.run(["snapshot", "retract", "x/zpa", "--at", "2024-02-01"])
      #expect(both.status != 0)
      #expect(both.stderr.contains("2 snapshots of x/zpa on 2024-02-01"), "\(both.stderr)")
      let nothing = try cli.run(["snapshot", "correct", "x/zpa", "--at", "2024-02-01T08:00:00Z"])
      #expect(nothing.status != 0)
      #expect(nothing.stderr.contains("say what to correct"), "\(nothing.stderr)")
      let tooBig = try cli.run([
        "snapshot", "correct", "x/zpa", "--at", "2024-02-01T08:00:00Z", "--followers",
        "61640000000000",
      ])
      #expect(tooBig.status != 0)
      #expect(
        tooBig.stderr.contains("--followers: 61,640,000,000,000 is above"), "\(tooBig.stderr)")
    }
  }

  /// Values no way in accepts any more, written with raw SQL (another tool, an old file): every
  /// reading command gives a figure or a missing reason, and never crashes.
  @Test func extremeStoredValuesNeverCrashAReport() throws {
    try withCLI { cli in
      try SQLiteShell.run(
        cli.db,
        """
        UPDATE entity SET population = 9223372036854775807 WHERE id IN ('zp-a', 'zp-c');
        UPDATE entity SET population = 0 WHERE id = 'zp-b';
        UPDATE snapshot SET followers = 9223372036854775807 WHERE channel_id =
          (SELECT id FROM channel WHERE key = 'x/zpa') AND observed_at = 1704110400;
        INSERT INTO snapshot (channel_id, observed_at, followers, posts, engagements,
          engagement_window_days, source_id)
          SELECT id, 1704024000, 0, 9223372036854775807, 9223372036854775807,
                 9223372036854775807, 1 FROM channel WHERE key = 'x/zpb';
        INSERT INTO snapshot (channel_id, observed_at, followers, source_id)
          SELECT id, 9223372036854775807, 5, 1 FROM channel WHERE key = 'x/zpd';
        INSERT INTO snapshot (channel_id, observed_at, followers, source_id)
          SELECT id, -9223372036854775808, 5, 1 FROM channel WHERE key = 'x/zpd';
        """)
      var commands: [[String]] = []
      for format in ["markdown", "html", "json", "csv"] {
        commands.append(["report", "adoption", "--as-of", "2024-01-01", "--format", format])
      }
      for format in ["table", "markdown", "json", "html"] {
        commands.append(["compare", "zp-a", "--as-of", "2024-01-01", "--format", format])
        commands.append([
          "compare", "zp-a", "--peers", "size", "--as-of", "2024-01-01", "--format", format,
        ])
        if format != "html" {
          commands.append([
            "compare", "zp-a", "zp-b", "zp-d", "--as-of", "2024-01-01", "--format", format,
          ])
        }
      }
      for metric in [
        "followers", "followers_per_1000", "growth_90d", "growth_365d", "engagement_rate",
        "posts_per_week",
      ] {
        for format in ["table", "json", "csv"] {
          commands.append(["rank", "--metric", metric, "--as-of", "2024-01-01", "--format", format])
        }
      }
      commands += [
        ["show", "x/zpa"], ["show", "zp-a"], ["show", "x/zpd", "--format", "json"],
        ["history", "x/zpd"], ["history", "x/zpd", "--every", "week"],
        ["history", "x/zpd", "--every", "month", "--format", "json"], ["accounts"],
        ["summary"], ["validate"], ["entities", "--format", "json"],
      ]
      for args in commands {
        let r = try cli.run(args)
        #expect(
          r.status == 0 && !r.stderr.contains("Fatal error"),
          "\(args.joined(separator: " ")): exit \(r.status): \(r.stderr.suffix(400))")
      }
      // validate names what no way in accepts any more.
      let v = try cli.run(["validate", "--format", "json"])
      let findings = try #require(try parseJSON(v.stdout) as? [[String: Any]])
      let implausible = findings.filter { $0["check"] as? String == "snapshot_implausible" }
      #expect(
        Set(implausible.compactMap { $0["subject"] as? String }) == ["x/zpa", "x/zpb", "x/zpd"],
        "\(implausible)")
    }
  }
}
