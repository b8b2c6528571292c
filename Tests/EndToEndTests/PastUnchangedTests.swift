import Foundation
import TestSupport
import Testing

/// Curation does not rewrite the past: what every command says as of a day before a change is
/// byte for byte what it said before the change (docs/curation.md, "Changes keep the past").
@Suite(.serialized) struct PastUnchangedTests {
  /// The day looked back at: before every change made below.
  static let before = "2019-06-30"

  /// Every reading of the registry as of `day`: the adoption report in its four formats, a
  /// scorecard, a league table, and the listings.
  static func readings(_ cli: CLIWorkspace, on day: String) throws -> [String: String] {
    let commands: [String: [String]] = [
      "report.json": ["report", "adoption", "--format", "json"],
      "report.md": ["report", "adoption", "--format", "markdown"],
      "report.csv": ["report", "adoption", "--format", "csv"],
      "report.html": ["report", "adoption", "--format", "html"],
      "compare": ["compare", "zone-c", "--format", "json"],
      "rank": ["rank", "--metric", "followers", "--format", "csv"],
      "accounts": ["accounts", "--format", "ndjson"],
      "entities": ["entities", "--format", "ndjson"],
      "summary": ["summary", "--format", "csv"],
    ]
    var out: [String: String] = [:]
    for (name, args) in commands {
      let r = try cli.run(args + ["--as-of", day])
      #expect(r.status == 0, "\(args): \(r.stderr)")
      out[name] = args.contains("ndjson") ? try withoutEnds(r.stdout) : r.stdout
    }
    return out
  }

  /// A listing's rows without the entities' end dates: a listing as of a day shows an entity's
  /// recorded end even when it was recorded later (`entity close`, a merger) and falls after
  /// the day; everything else in the row is as of the day.
  static func withoutEnds(_ ndjson: String) throws -> String {
    try ndjson.split(separator: "\n").map { line in
      var row = try parseJSON(String(line)) as? [String: Any] ?? [:]
      row["valid_to"] = nil
      row["entity_valid_to"] = nil
      return String(
        decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]),
        as: UTF8.self)
    }.joined(separator: "\n")
  }

  static func workspace() throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: Fixtures.reportSeed)
    let r = try cli.run(["init"])
    guard r.status == 0 else { throw SubprocessError("init failed: \(r.stderr)") }
    return cli
  }

  @Test func aReportAsOfADayBeforeCurationChangesIsByteIdenticalAfterThem() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let earlier = try Self.readings(cli, on: Self.before)
    let source = ["--source", "fixture-registry"]
    let changes: [[String]] = [
      // merge, moving x/zonec (opened 2013), instagram/zonec, facebook_page/zoned
      [
        "entity", "merge", "zone-c", "zone-d", "--into", "zone-cd", "--on", "2021-01-01",
        "--channels", "move", "--name", "nl=Zone CD",
      ],
      // move a channel opened in 2014 to another zone
      ["channel", "move", "x/zonee", "--to", "zone-f", "--on", "2020-06-01"],
      // add an entity without a start date, with a channel opened long ago
      [
        "entity", "add", "zone-new", "--kind", "local_police", "--country", "BE", "--region",
        "BE-WAL", "--language", "fr", "--name", "fr=Zone Nouvelle", "--population", "9000",
      ],
      ["channel", "add", "@zonenew", "--entity", "zone-new", "--opened-on", "2010-01-01"],
      // close an entity, rename a channel
      ["entity", "close", "zone-g", "--on", "2020-01-01"],
      ["channel", "rename", "x/zonec", "zonec_new", "--on", "2020-03-01"],
    ]
    for c in changes {
      let r = try cli.run(c + source)
      #expect(r.status == 0, "\(c): \(r.stderr)")
    }
    let later = try Self.readings(cli, on: Self.before)
    for (name, text) in earlier {
      #expect(later[name] == text, "\(name) as of \(Self.before) changed:\n\(later[name] ?? "")")
    }
  }

  @Test func movedChannelsStayTheirFormerOwnersBeforeTheMergeAndAreTheNewOnesAfter() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let reportBefore = try cli.run([
      "report", "adoption", "--as-of", "2021-06-30", "--format", "json",
    ])
    let r = try cli.run([
      "entity", "merge", "zone-c", "zone-d", "--into", "zone-cd", "--on", "2021-01-01",
      "--channels", "move", "--name", "nl=Zone CD", "--source", "fixture-registry",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    func owners(_ day: String) throws -> [String: String] {
      let rows =
        try parseJSON(try cli.run(["accounts", "--as-of", day, "--format", "json"]).stdout)
        as? [[String: Any]] ?? []
      return Dictionary(
        uniqueKeysWithValues: rows.map {
          ($0["channel_key"] as? String ?? "", $0["entity_id"] as? String ?? "")
        })
    }
    #expect(try owners("2020-12-31")["x/zonec"] == "zone-c")
    #expect(try owners("2020-12-31")["facebook_page/zoned"] == "zone-d")
    #expect(try owners("2021-01-01")["x/zonec"] == "zone-cd")
    #expect(try owners("2021-01-01")["facebook_page/zoned"] == "zone-cd")
    // The 2021 report's diffusion keeps zone-c's and zone-d's adoption in the years before the
    // merger: its 2019 point is the one the report printed before the merger.
    let reportAfter = try cli.run([
      "report", "adoption", "--as-of", "2021-06-30", "--format", "json",
    ])
    func diffusion2019(_ text: String) throws -> [String] {
      let doc = try parseJSON(text) as? [String: Any] ?? [:]
      let points = doc["diffusion"] as? [[String: Any]] ?? []
      return points.filter { ($0["year"] as? Int) == 2019 && ($0["region"] as? String) == "ALL" }
        .map { "\($0["platform"] ?? "") \($0["entities"] ?? "") \($0["adopters"] ?? "")" }
    }
    let was = try diffusion2019(reportBefore.stdout)
    #expect(!was.isEmpty)
    #expect(try diffusion2019(reportAfter.stdout) == was)
    // show lists the periods, on the channel and on the former owner.
    let channel = try cli.run(["show", "x/zonec"])
    #expect(
      channel.stdout.contains("owner          zone-c until 2021-01-01 (fixture-registry)"),
      "\(channel.stdout)")
    #expect(channel.stdout.contains("owner          zone-cd from 2021-01-01 (fixture-registry)"))
    let former = try cli.run(["show", "zone-c"])
    #expect(
      former.stdout.contains("former channels (2), now another entity's:"), "\(former.stdout)")
    #expect(former.stdout.contains("[x/zonec]  until 2021-01-01, now zone-cd"))
  }

  @Test func channelMoveIsDatedTodayUnlessToldAndRefusesWhatPeriodsCannotHold() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    var r = try cli.run([
      "channel", "move", "x/zonee", "--to", "zone-f", "--source", "fixture-registry",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    #expect(r.stderr.contains("on \(today) (today; give --on DAY"), "\(r.stderr)")
    // A move dated on or before the current period's start is refused.
    r = try cli.run([
      "channel", "move", "x/zonee", "--to", "zone-e", "--on", "2020-01-01", "--source",
      "fixture-registry",
    ])
    #expect(r.status != 0)
    #expect(r.stderr.contains("has belonged to zone-f since \(today)"), "\(r.stderr)")
    // To an entity that does not exist on the day: zone-a ceased 2020-01-01.
    r = try cli.run([
      "channel", "move", "x/zonec", "--to", "zone-a", "--on", "2021-01-01", "--source",
      "fixture-registry",
    ])
    #expect(r.stderr.contains("zone-a does not exist on 2021-01-01"), "\(r.stderr)")
  }

  @Test func entityAddWithoutAStartDateExistsFromTheDayOfTheChangeAndSaysSo() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let r = try cli.run([
      "entity", "add", "zone-new", "--kind", "local_police", "--country", "BE", "--source",
      "fixture-registry",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    #expect(r.stderr.contains("existing from \(today) (the day of this change"), "\(r.stderr)")
    #expect(
      try SQLiteShell.run(cli.db, "SELECT valid_from FROM entity WHERE id = 'zone-new'") == today)
    // --valid-from '' records that it always existed.
    let always = try cli.run([
      "entity", "add", "zone-old", "--kind", "local_police", "--country", "BE", "--valid-from", "",
      "--source", "fixture-registry",
    ])
    #expect(always.status == 0, "\(always.stderr)")
    #expect(
      try SQLiteShell.run(cli.db, "SELECT valid_from IS NULL FROM entity WHERE id = 'zone-old'")
        == "1")
  }
}
