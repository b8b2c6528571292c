import Foundation
import TestSupport
import Testing

/// `snapshot import` killed with SIGKILL at random moments of its run: after every kill the
/// database passes `PRAGMA integrity_check` and holds all of the import or none of it. A backup
/// taken while an import runs is likewise whole, with all or none of the import.
///
/// `make test`: 20 kills on 30,000 rows. `make soak`: `CRASH_ROWS=300000 CRASH_KILLS=100`.
@Suite(.serialized) struct CrashSafetyTests {
  static let rows = Hardening.environmentInt("CRASH_ROWS", 30_000)
  static let kills = Hardening.environmentInt("CRASH_KILLS", 20)
  static let sourceURL = "https://example.invalid/synthetic/1"
  static let countSQL = """
    SELECT count(*) FROM snapshot s JOIN source x ON x.id = s.source_id
    WHERE x.url = 'https://example.invalid/synthetic/1'
    """

  /// A database from `generate`'s seed and its snapshot file of `rows` rows (3 channels an
  /// entity, 1,000 days each).
  static func setUp(_ cli: CLIWorkspace) throws -> (file: String, rows: Int) {
    let entities = max(1, rows / 3000)
    let gen = cli.dir.appendingPathComponent("gen").path
    let g = try cli.run(
      ["generate", "--entities", "\(entities)", "--days", "1000", "--out", gen], useDB: false)
    #expect(g.status == 0, "\(g.stderr)")
    let i = try cli.run(["init", "--seed", gen])
    #expect(i.status == 0, "\(i.stderr)")
    return (gen + "/snapshots-import.csv", entities * 3 * 1000)
  }

  static func count(_ db: String) throws -> Int { Int(try SQLiteShell.run(db, countSQL)) ?? -1 }

  @Test func importKilledAtAnyMomentLeavesAllOrNothing() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    let (file, n) = try Self.setUp(cli)
    let started = Date()
    let full = try cli.run(["snapshot", "import", file])
    let fullTime = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stderr)")
    #expect(try Self.count(cli.db) == n)
    try SQLiteShell.run(cli.db, "DELETE FROM snapshot")

    var random = Hardening.Random(state: 42)
    var none = 0
    var all = 0
    for k in 0..<Self.kills {
      // Mostly during the run; the last tenth lands after it, so both outcomes occur.
      let delay = random.unit() * fullTime * 1.1
      let child = try cli.start(["snapshot", "import", file, "--db", cli.db], tag: "import-\(k)")
      Thread.sleep(forTimeInterval: delay)
      child.kill()
      _ = child.wait()
      let check = try SQLiteShell.integrityCheck(cli.db)
      #expect(check == "ok", "kill \(k) after \(delay) s: \(check)")
      let c = try Self.count(cli.db)
      #expect(c == 0 || c == n, "kill \(k) after \(delay) s left \(c) of \(n) rows")
      if c == n {
        all += 1
        try SQLiteShell.run(cli.db, "DELETE FROM snapshot")
      } else {
        none += 1
      }
    }
    // After all the kills the file still takes a whole import.
    let last = try cli.run(["snapshot", "import", file])
    #expect(last.status == 0, "\(last.stderr)")
    #expect(try Self.count(cli.db) == n)
    print(
      "crash-safety: \(Self.kills) SIGKILLs over a \(n)-row import (\(String(format: "%.2f", fullTime)) s): "
        + "\(none) left none, \(all) left all, 0 partial, integrity ok every time")
  }

  @Test func backupDuringAnImportIsWholeAndHoldsAllOrNone() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    let (file, n) = try Self.setUp(cli)
    for (k, delay) in [0.05, 0.3, 0.8].enumerated() {
      let copy = cli.dir.appendingPathComponent("backup-\(k).sqlite").path
      let child = try cli.start(["snapshot", "import", file, "--db", cli.db], tag: "import-\(k)")
      Thread.sleep(forTimeInterval: delay)
      let b = try cli.run(["backup", copy])
      let i = child.wait()
      #expect(b.status == 0, "\(b.stderr)")
      #expect(i.status == 0, "\(i.stderr)")
      #expect(try SQLiteShell.integrityCheck(copy) == "ok")
      let c = try Self.count(copy)
      #expect(c == 0 || c == n, "backup \(k) holds \(c) of \(n) rows")
      #expect(try Self.count(cli.db) == n)
      try SQLiteShell.run(cli.db, "DELETE FROM snapshot")
    }
    // An existing file is refused.
    let again = try cli.run(["backup", cli.dir.appendingPathComponent("backup-0.sqlite").path])
    #expect(again.status != 0)
    #expect(again.stderr.contains("already exists"))
  }
}
