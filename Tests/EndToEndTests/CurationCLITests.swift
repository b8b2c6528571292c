import Foundation
import TestSupport
import Testing

/// registry-cli on a temporary database made from the curation fixture seed, run by user
/// "curator"; the directory is removed with the value.
private final class CurationCLI {
  let workspace: CLIWorkspace
  var dir: String { workspace.dir.path }
  var db: String { workspace.db }

  init() throws {
    workspace = try CLIWorkspace(seed: Fixtures.curationSeed, environment: ["USER": "curator"])
    let r = try workspace.run(["init", "--seed", Fixtures.curationSeed])
    guard r.status == 0 else { throw SubprocessError("init failed: \(r.stderr)") }
  }

  deinit { workspace.cleanUp() }

  /// Runs registry-cli with `--db` appended (unless `withDB` is false).
  @discardableResult
  func run(_ args: [String], stdin: String? = nil, withDB: Bool = true) throws -> ProcessResult {
    try workspace.run(args, stdin: stdin, useDB: withDB)
  }

  /// Runs SQL on the database with the sqlite3 shell (to plant problems, or dump tables).
  @discardableResult
  func sql(_ statements: String) throws -> String { try SQLiteShell.run(db, statements) }

  /// Rows of a JSON listing.
  func json(_ args: [String]) throws -> [[String: Any]] {
    let r = try run(args + ["--format", "json"])
    #expect(r.status == 0, "\(args): \(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
  }

  func write(_ name: String, _ text: String) -> String {
    let path = dir + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }
}

@Test func addEntityAndTwoChannelsAreListedAndLogged() throws {
  let cli = try CurationCLI()
  var r = try cli.run([
    "entity", "add", "be-pz-new", "--kind", "local_police", "--country", "BE", "--region",
    "BE-WAL", "--language", "fr", "--name", "fr=Zone Neuve", "--population", "5000",
    "--municipality", "52020=Neuville", "--valid-from", "2021-01-01", "--source-url",
    "https://example.org/new-zone", "--source-title", "Decision",
  ])
  #expect(r.status == 0, "\(r.stderr)")
  r = try cli.run([
    "channel", "add", "@PZNew", "--platform", "x", "--entity", "be-pz-new", "--opened-on",
    "2021-02-01", "--source", "src-seed",
  ])
  #expect(r.status == 0 && r.stdout == "x/pznew\n", "\(r.stderr)")
  r = try cli.run([
    "channel", "add", "pz.new", "--platform", "facebook_page", "--entity", "be-pz-new",
    "--opened-on", "2021-03-01", "--source", "src-seed", "--by", "someone",
  ])
  #expect(r.status == 0, "\(r.stderr)")
  let accounts = try cli.json(["accounts", "--entity", "be-pz-new"])
  // (A Facebook page name's periods do not count: pz.new is the page pznew.)
  #expect(accounts.map { $0["channel_key"] as? String } == ["facebook_page/pznew", "x/pznew"])
  let log = try cli.json(["log", "--entity", "be-pz-new"])
  #expect(
    log.contains {
      $0["field"] as? String == "name.fr" && $0["new_value"] as? String == "Zone Neuve"
    })
  #expect(
    log.contains { $0["row_key"] as? String == "x/pznew" && $0["by"] as? String == "curator" })
  #expect(
    log.contains {
      $0["row_key"] as? String == "facebook_page/pznew" && $0["by"] as? String == "someone"
    })
  #expect(log.contains { $0["source"] as? String == "url-example-org-new-zone" })
}

@Test func changeWithoutSourceIsRefused() throws {
  let cli = try CurationCLI()
  let r = try cli.run(["entity", "edit", "be-pz-a", "--population", "1"])
  #expect(r.status != 0)
  #expect(r.stderr.contains("needs a source"))
}

/// Curation and snapshot commands share one set of source options, with the same messages.
@Test func curationAndSnapshotCommandsRefuseTheSameSourceMistakes() throws {
  let cli = try CurationCLI()
  let change = ["entity", "edit", "be-pz-a", "--population", "1"]
  let snapshot = ["snapshot", "add", "x/pza", "--followers", "5"]
  for command in [change, snapshot] {
    let both = try cli.run(
      command + ["--source", "src-seed", "--source-url", "https://example.org/a"])
    #expect(both.status != 0)
    #expect(
      both.stderr.contains("give --source KEY or --source-url URL, not both"), "\(both.stderr)")
    let title = try cli.run(command + ["--source", "src-seed", "--source-title", "A title"])
    #expect(title.status != 0)
    #expect(title.stderr.contains("--source-title goes with --source-url"), "\(title.stderr)")
  }
  // Nothing was written.
  #expect(try cli.sql("SELECT count(*) FROM entity WHERE population = 1") == "0")
  #expect(try cli.sql("SELECT count(*) FROM snapshot WHERE followers = 5") == "0")
}

@Test func mergeChangesEntityCountsFromTheMergeDate() throws {
  let cli = try CurationCLI()
  // Existing on 2019-06-01: a, b, c, nocode, succ (from 2019-02-01), federal = 6 (old and pred ended 2019-01-01).
  #expect(try cli.json(["entities", "--as-of", "2019-06-01"]).count == 6)
  #expect(try cli.json(["entities", "--as-of", "2020-06-01"]).count == 6)
  let r = try cli.run([
    "entity", "merge", "be-pz-a", "be-pz-b", "--into", "be-pz-ab", "--on", "2020-01-01", "--name",
    "fr=Zone AB", "--channels", "move", "--source", "src-decree",
  ])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(r.stderr.contains("population 50000"))  // 30000 + 20000
  // Before the merge date nothing changes; from it, a and b are replaced by ab: 6 - 2 + 1 = 5.
  #expect(try cli.json(["entities", "--as-of", "2019-06-01"]).count == 6)
  let after = try cli.json(["entities", "--as-of", "2020-06-01"])
  #expect(after.count == 5)
  #expect(after.first { $0["id"] as? String == "be-pz-ab" }?["channels"] as? Int == 3)
  let log = try cli.json(["log", "--entity", "be-pz-a"])
  #expect(
    log.contains {
      $0["field"] as? String == "valid_to" && $0["new_value"] as? String == "2020-01-01"
    })
  #expect(log.contains { $0["table_name"] as? String == "entity_lineage" })
}

@Test func closedChannelVanishesFromAccountsAfterItsEndDate() throws {
  let cli = try CurationCLI()
  let r = try cli.run(["channel", "close", "@pzc", "--on", "2021-01-01", "--source", "src-seed"])
  #expect(r.status == 0, "\(r.stderr)")
  let keys = { (day: String) in
    try cli.json(["accounts", "--as-of", day]).compactMap { $0["channel_key"] as? String }
  }
  #expect(try keys("2020-12-31").contains("x/pzc"))
  #expect(try !keys("2021-01-01").contains("x/pzc"))
  // The row stays, with its end date.
  #expect(
    try cli.json(["accounts"]).contains {
      $0["channel_key"] as? String == "x/pzc" && $0["closed_on"] as? String == "2021-01-01"
    })
  let log = try cli.json(["log", "--channel", "x/pzc"])
  #expect(log.map { $0["action"] as? String } == ["close", "close"])
  #expect(log.map { $0["field"] as? String } == ["closed_on", "status"])
}

@Test func verifyRecordsTheCheckDay() throws {
  let cli = try CurationCLI()
  let r = try cli.run(["channel", "verify", "x/pza", "--on", "2025-03-01", "--source", "src-seed"])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(try cli.sql("SELECT verified_on FROM channel WHERE key = 'x/pza'") == "2025-03-01")
  let log = try cli.json(["log", "--channel", "x/pza"])
  #expect(log.count == 1 && log[0]["action"] as? String == "verify")
}

@Test func importWithABadRowWritesNothing() throws {
  let cli = try CurationCLI()
  let file = cli.write(
    "channels.csv",
    """
    key,entity_id,platform,handle,url,source
    ,be-pz-c,instagram,pzc.insta,https://instagram.com/pzc.insta,src-seed
    x/pza,be-pz-a,x,pza,https://x.com/pza-new,src-seed
    ,be-pz-nocode,x,not a handle!,,src-seed

    """)
  let dump = "SELECT * FROM channel; SELECT * FROM change_log; SELECT * FROM source;"
  let before = try cli.sql(dump)
  let r = try cli.run(["import", "channels", file])
  #expect(r.status != 0)
  #expect(r.stderr.contains("channels.csv:4: handle: "))
  #expect(try cli.sql(dump) == before)
}

@Test func importDryRunPrintsThePlanAndWritesNothing() throws {
  let cli = try CurationCLI()
  let file = cli.write(
    "channels.ndjson",
    """
    {"entity_id": "be-pz-c", "platform": "instagram", "handle": "pzc.insta"}
    {"key": "x/pza", "url": "https://x.com/pza-new"}
    {"key": "x/pzb", "url": "https://x.com/pzb"}

    """)
  let before = try cli.sql("SELECT * FROM channel; SELECT count(*) FROM change_log;")
  var r = try cli.run(["import", "channels", file, "--dry-run", "--source", "src-seed"])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(
    r.stdout == """
      add channel instagram/pzc.insta
      change channel x/pza
        url: https://x.com/pza -> https://x.com/pza-new
      unchanged channel x/pzb

      """)
  #expect(try cli.sql("SELECT * FROM channel; SELECT count(*) FROM change_log;") == before)
  r = try cli.run(["import", "channels", file, "--source", "src-seed"])
  #expect(r.status == 0, "\(r.stderr)")
  let log = try cli.json(["log", "--channel", "x/pza"])
  #expect(log.count == 1 && log[0]["old_value"] as? String == "https://x.com/pza")
}

@Test func importEntitiesFromStandardInput() throws {
  let cli = try CurationCLI()
  let csv = """
    id,kind,country,region,languages,population,source,name_fr,name_nl
    be-pz-d,local_police,BE,BE-BRU,fr;nl,12345,src-seed,Zone D,Zone D-nl

    """
  let r = try cli.run(["import", "entities", "-", "--input-format", "csv"], stdin: csv)
  #expect(r.status == 0, "\(r.stderr)")
  #expect(r.stdout == "add entity be-pz-d\n")
  let rows = try cli.json(["entities", "--entity", "be-pz-d"])
  #expect(rows.first?["population"] as? Int == 12345)
}

// MARK: validate: one test per check family on the fixture's planted problems.

private func findings(_ cli: CurationCLI, _ extra: [String] = []) throws -> [[String: Any]] {
  let r = try cli.run(["validate", "--format", "json"] + extra)
  #expect(r.status == 0, "\(r.stderr)")
  return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
}

private func has(_ f: [[String: Any]], _ check: String, _ subject: String) -> Bool {
  f.contains { $0["check"] as? String == check && $0["subject"] as? String == subject }
}

@Test func validateReportsMissingCodeAndPopulation() throws {
  let f = try findings(try CurationCLI())
  #expect(has(f, "missing_code", "be-pz-nocode"))
  #expect(has(f, "missing_population", "be-pz-nocode"))
  #expect(!has(f, "missing_population", "be-federal"))
}

@Test func validateReportsLowConfidenceWithItsNote() throws {
  let f = try findings(try CurationCLI())
  let low = f.first { $0["check"] as? String == "low_confidence" }
  #expect(low?["subject"] as? String == "x/pzc")
  let message = low?["message"] as? String ?? ""
  #expect(message.contains("found by a name search only"))
}

@Test func validateReportsMissingAndStaleSnapshots() throws {
  let cli = try CurationCLI()
  let f = try findings(cli)
  #expect(has(f, "no_snapshot", "x/pzc"))
  #expect(has(f, "stale_snapshot", "x/pza"))  // 2020-01-01 is more than 365 days ago
  let relaxed = try findings(cli, ["--stale-days", "100000"])
  #expect(!relaxed.contains { $0["check"] as? String == "stale_snapshot" })
}

@Test func validateReportsLineageGapsAndDates() throws {
  let f = try findings(try CurationCLI())
  #expect(has(f, "lineage_gap", "be-pz-old"))
  #expect(!has(f, "lineage_gap", "be-pz-pred"))
  #expect(has(f, "lineage_date", "be-pz-succ"))  // valid_from 2019-02-01, merged 2019-01-01
}

@Test func validateReportsDuplicatesAcrossSpellings() throws {
  let cli = try CurationCLI()
  // A handle stored in another spelling by an older parser, for the same entity and for another.
  try cli.sql(
    """
    INSERT INTO channel (key, entity_id, platform, handle, opened_on, source_id)
    VALUES ('x/PZA-dup', 'be-pz-a', 'x', 'PZA', '2012-01-01', 1),
           ('x/pzb-dup', 'be-pz-c', 'x', '@PZB', '2012-01-01', 1);
    """)
  let f = try findings(cli)
  #expect(has(f, "duplicate_handle", "x:pza"))
  #expect(has(f, "contested_handle", "x:pzb"))
  #expect(has(f, "duplicate_platform_id", "x:111"))
}

@Test func validateReportsHandlesTwoEntitiesClaim() throws {
  let cli = try CurationCLI()
  try cli.sql(
    """
    INSERT INTO channel_handle_history (channel_id, handle, valid_until, source_id)
    SELECT id, 'pzc', '2014-01-01', 1 FROM channel WHERE key = 'x/pzb';
    """)
  let f = try findings(cli)
  #expect(has(f, "contested_handle", "x:pzc"))
}

@Test func validateReportsUnusedSourcesAndUnverifiedChannels() throws {
  let cli = try CurationCLI()
  try cli.run(["channel", "verify", "x/pza", "--on", "2001-01-01", "--source", "src-seed"])
  let f = try findings(cli)
  #expect(has(f, "unused_source", "src-unused"))
  let pza = f.first {
    $0["check"] as? String == "unverified" && $0["subject"] as? String == "x/pza"
  }
  #expect(pza?["severity"] as? String == "warning")
  let pzb = f.first {
    $0["check"] as? String == "unverified" && $0["subject"] as? String == "x/pzb"
  }
  #expect(pzb?["severity"] as? String == "info")
}

@Test func validateReportsChannelsOfClosedEntitiesAndUnknownRegions() throws {
  let cli = try CurationCLI()
  try cli.sql("UPDATE entity SET region = 'BE-XXX' WHERE id = 'be-pz-c'")
  let f = try findings(cli)
  #expect(has(f, "closed_entity_channel", "x/pzold"))
  #expect(has(f, "unknown_region", "be-pz-c"))
}

@Test func validateExitsOneOnIntegrityErrors() throws {
  let cli = try CurationCLI()
  #expect(try cli.run(["validate"]).status == 0)
  try cli.sql(
    "PRAGMA foreign_keys = OFF; UPDATE channel SET entity_id = 'ghost' WHERE key = 'x/pzc';")
  let r = try cli.run(["validate", "--format", "csv"])
  #expect(r.status == 1)
  #expect(r.stdout.contains("error,foreign_key,channel row"))
}
