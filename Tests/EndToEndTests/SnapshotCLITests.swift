import Foundation
import TestSupport
import Testing

/// The snapshot tests' set-up and their view of the database.
private enum SnapshotCLI {
  /// A workspace with a synthetic seed (2 entities x 2 channels x 3 days, seed 5) in `seed/`,
  /// loaded into its database.
  static func registry() throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: nil)
    let seed = cli.dir.appendingPathComponent("seed").path
    let gen = try cli.run(
      [
        "generate", "--entities", "2", "--channels-per-entity", "2", "--days", "3", "--seed", "5",
        "--out", seed,
      ], useDB: false)
    #expect(gen.status == 0, "\(gen.stderr)")
    let initRun = try cli.run(["init", "--seed", seed])
    #expect(initRun.status == 0, "\(initRun.stderr)")
    return cli
  }

  static func dump(_ db: String) throws -> String {
    try SQLiteShell.run(
      db,
      "SELECT * FROM snapshot ORDER BY channel_id, observed_at, source_id; SELECT * FROM source;")
  }
}

@Test func badImportFileLeavesDatabaseUnchanged() throws {
  // syn1p1 is entity 1's channel 1, on instagram (platforms[(1 + 1) % 6]).
  let cli = try SnapshotCLI.registry()
  defer { cli.cleanUp() }
  let (dir, db) = (cli.dir.path, cli.db)
  let good = try RegistryCLI.run([
    "snapshot", "import", dir + "/seed/snapshots-import.csv", "--db", db,
  ])
  #expect(good.status == 0)
  #expect(good.stdout.contains("12 snapshots imported, 0 unchanged"))  // 2 x 2 channels x 3 days
  let before = try SnapshotCLI.dump(db)
  let bad = dir + "/bad.csv"
  try Data(
    ("platform,handle,observed_at,followers,source_url\n"
      + "instagram,syn1p1,2024-01-01,10,https://example.org/new\n"
      + "instagram,syn1p1,2024-01-02,-3,https://example.org/new\n").utf8
  ).write(to: URL(fileURLWithPath: bad))
  let r = try RegistryCLI.run(["snapshot", "import", bad, "--db", db])
  #expect(r.status != 0)
  #expect(r.stderr.contains("bad.csv:3: followers: -3 is negative"), "\(r.stderr)")
  #expect(try SnapshotCLI.dump(db) == before)
  let again = try RegistryCLI.run([
    "snapshot", "import", dir + "/seed/snapshots-import.csv", "--db", db,
  ])
  #expect(again.stdout.contains("0 snapshots imported, 12 unchanged"))
}

@Test func snapshotAddStoresAndSaysWhat() throws {
  let cli = try SnapshotCLI.registry()
  defer { cli.cleanUp() }
  let db = cli.db
  let r = try RegistryCLI.run([
    "snapshot", "add", "@syn1p1", "--followers", "1200", "--posts", "30", "--at", "2024-05-01",
    "--source-url", "https://example.org/count", "--db", db,
  ])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(
    r.stdout
      == "stored snapshot of instagram/syn1p1 at 2024-05-01T00:00:00Z: 1200 followers, 30 posts "
      + "(source url-example-org-count)\n")
  let missing = try RegistryCLI.run(["snapshot", "add", "@syn1p1", "--followers", "1", "--db", db])
  #expect(missing.status != 0 && missing.stderr.contains("--source KEY or --source-url URL"))
}

@Test func historyEveryWeekKeepsTheLastOfEachISOWeek() throws {
  let cli = try SnapshotCLI.registry()
  defer { cli.cleanUp() }
  let (dir, db) = (cli.dir.path, cli.db)
  // 2024-04-28 is a Sunday (ISO week 17), 04-29 and 05-01 fall in week 18.
  try Data(
    ("channel_id,observed_at,followers,source\n"
      + "instagram/syn1p1,2024-04-28T10:00:00Z,100,synthetic-5\n"
      + "instagram/syn1p1,2024-04-29T10:00:00Z,110,synthetic-5\n"
      + "instagram/syn1p1,2024-05-01T10:00:00Z,130,synthetic-5\n").utf8
  ).write(to: URL(fileURLWithPath: dir + "/w.csv"))
  #expect(try RegistryCLI.run(["snapshot", "import", dir + "/w.csv", "--db", db]).status == 0)
  let r = try RegistryCLI.run([
    "history", "instagram/syn1p1", "--every", "week", "--to", "2024-12-31", "--format", "csv",
    "--db", db,
  ])
  #expect(r.status == 0, "\(r.stderr)")
  #expect(
    r.stdout
      == "period,observed_at,followers,following,posts,engagements,engagement_window_days,source\r\n"
      + "2024-W17,2024-04-28T10:00:00Z,100,,,,,synthetic-5\r\n"
      + "2024-W18,2024-05-01T10:00:00Z,130,,,,,synthetic-5\r\n")
}

@Test func importFromStdinSniffsNDJSON() throws {
  let cli = try SnapshotCLI.registry()
  defer { cli.cleanUp() }
  let db = cli.db
  let r = try RegistryCLI.run(
    ["snapshot", "import", "-", "--source", "synthetic-5", "--db", db],
    stdin: #"{"channel_id":"instagram/syn1p1","observed_at":"2024-01-01","followers":5}"# + "\n")
  #expect(r.status == 0, "\(r.stderr)")
  #expect(r.stdout == "-: 1 snapshots imported, 0 unchanged\n")
}

@Test func channelRenameKeepsOldHandleForEarlierObservations() throws {
  let cli = try SnapshotCLI.registry()
  defer { cli.cleanUp() }
  let (dir, db) = (cli.dir.path, cli.db)
  let refused = try RegistryCLI.run([
    "channel", "rename", "instagram/syn1p1", "renamed1", "--on", "2024-06-01", "--db", db,
  ])
  // Like every curation change, a rename needs its source.
  #expect(refused.status != 0)
  #expect(refused.stderr.contains("every change needs a source"))
  let r = try RegistryCLI.run([
    "channel", "rename", "instagram/syn1p1", "renamed1", "--on", "2024-06-01", "--db", db,
    "--source-url", "https://example.org/rename-notice",
  ])
  #expect(r.status == 0, "\(r.stderr)")
  let log = try RegistryCLI.run([
    "log", "--channel", "instagram/syn1p1", "--format", "csv", "--db", db,
  ])
  #expect(log.stdout.contains("rename,channel,instagram/syn1p1"))
  #expect(
    r.stdout
      == "renamed instagram/syn1p1: 'syn1p1' until 2024-06-01, 'renamed1' from 2024-06-01 on\n")
  try Data(
    ("platform,handle,observed_at,followers,source\ninstagram,syn1p1,2024-05-31,1,synthetic-5\n"
      + "instagram,renamed1,2024-06-02,2,synthetic-5\n").utf8
  ).write(to: URL(fileURLWithPath: dir + "/r.csv"))
  let imp = try RegistryCLI.run(["snapshot", "import", dir + "/r.csv", "--db", db])
  #expect(imp.status == 0, "\(imp.stderr)")
  let h = try RegistryCLI.run([
    "history", "renamed1", "--from", "2024-05-01", "--to", "2024-06-30", "--format", "csv", "--db",
    db,
  ])
  #expect(h.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)  // header + 2
}

@Test func generateIsDeterministic() throws {
  let tmp = try TemporaryDirectory(prefix: "snapshot-gen")
  defer { tmp.remove() }
  let dir = tmp.path
  for out in ["a", "b"] {
    let r = try RegistryCLI.run([
      "generate", "--entities", "7", "--channels-per-entity", "2", "--days", "5", "--seed", "9",
      "--out", dir + "/" + out,
    ])
    #expect(r.status == 0)
  }
  let other = try RegistryCLI.run([
    "generate", "--entities", "7", "--channels-per-entity", "2", "--days", "5", "--seed", "10",
    "--out", dir + "/c",
  ])
  #expect(other.status == 0)
  let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/a").sorted()
  #expect(files.count == 10)
  for f in files {
    let a = FileManager.default.contents(atPath: dir + "/a/" + f)
    #expect(a == FileManager.default.contents(atPath: dir + "/b/" + f), "\(f)")
  }
  #expect(
    FileManager.default.contents(atPath: dir + "/a/snapshots-import.csv")
      != FileManager.default.contents(atPath: dir + "/c/snapshots-import.csv"))
  let rows = try String(contentsOfFile: dir + "/a/snapshots-import.csv", encoding: .utf8)
    .split(separator: "\n")
  #expect(rows.count == 1 + 7 * 2 * 5)
  let sources = try String(contentsOfFile: dir + "/a/sources.csv", encoding: .utf8)
  #expect(
    sources.contains("synthetic-9,SYNTHETIC data generated by registry-cli generate — not real"))
}
