import Foundation
import Synchronization
import TestSupport
import Testing

/// One database file, used at once by separate processes: a snapshot import, repeated
/// collections from the local stub APIs, and readers (`accounts`, `report adoption`, `history`).
/// No write is lost, no "database is locked" reaches anyone, and readers see the import whole
/// or not at all.
@Suite(.serialized) struct ConcurrencyTests {
  static let importRows = Hardening.environmentInt("CONCURRENCY_ROWS", 60_000)

  static let api = FakeSocialAPI(
    mastodon: [
      .init(
        id: "1", username: "police_fr", server: "social.example", note: "<p>Compte officiel.</p>",
        followers: 1200, following: 12, statuses: 340),
      .init(
        id: "2", username: "politie_nl", server: "social.example", note: "<p>Nieuws.</p>",
        followers: 800, following: 8, statuses: 120),
    ],
    bluesky: [
      .init(
        did: "did:plc:eupen", handle: "polizei-eupen.bsky.social", description: "Nachrichten.",
        followers: 500, follows: 20, posts: 80),
      .init(
        did: "did:plc:example", handle: "examplepolice.bsky.social", description: "News.",
        followers: 4200, follows: 40, posts: 900),
    ])

  static let collected = [
    "mastodon/police_fr@social.example", "mastodon/politie_nl@social.example",
    "bluesky/polizei-eupen.bsky.social", "bluesky/examplepolice.bsky.social",
  ]

  @Test func importCollectAndReadersShareOneFileWithoutLossOrLockErrors() throws {
    let cli = try CLIWorkspace(seed: Fixtures.collectSeed)
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }

    // The import: hourly counts of x/zp9999 (collected by nobody) from one source.
    let n = Self.importRows
    var csv = "platform,handle,observed_at,followers,source_url\n"
    var days = Set<String>()
    let start: Int64 = 1_262_304_000  // 2010-01-01T00:00:00Z
    for i in 0..<n {
      let t = start + Int64(i) * 3600
      let stamp = Self.iso(t)
      days.insert(String(stamp.prefix(10)))
      csv += "x,zp9999,\(stamp),\(1000 + i),https://example.org/concurrency\n"
    }
    let file = cli.dir.appendingPathComponent("counts.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let importCount = """
      SELECT count(*) FROM snapshot s JOIN source x ON x.id = s.source_id
      WHERE x.url = 'https://example.org/concurrency'
      """

    let dayCount = days.count
    let failures = Mutex<[String]>([])
    @Sendable func fail(_ s: String) { failures.withLock { $0.append(s) } }
    @Sendable func checkRun(_ tag: String, _ r: ProcessResult) {
      if r.status != 0 { fail("\(tag): exit \(r.status): \(r.stderr.prefix(300))") }
      let e = r.stderr.lowercased()
      if e.contains("locked") || e.contains("busy") { fail("\(tag): \(r.stderr.prefix(300))") }
    }
    let done = Atomic<Bool>(false)
    let group = DispatchGroup()
    let env = cli.environment
    let dir = cli.dir
    let db = cli.db

    // Readers, each in a loop until the writers finish.
    let readers: [(String, [String])] = [
      ("accounts", ["accounts", "--format", "csv"]),
      ("report", ["report", "adoption", "--format", "json", "--as-of", "2025-01-01"]),
      ("history", ["history", "x/zp9999", "--every", "day", "--format", "csv"]),
    ]
    let reads = Atomic<Int>(0)
    for (tag, args) in readers {
      group.enter()
      DispatchQueue.global().async {
        defer { group.leave() }
        var k = 0
        while !done.load(ordering: .acquiring) {
          do {
            let c = try RegistryCLI.start(
              args + ["--db", db], environment: env, in: dir, tag: "\(tag)-\(k)")
            let r = c.wait()
            checkRun("\(tag) #\(k)", r)
            if tag == "history" && r.status == 0 {
              let lines = r.stdout.split(separator: "\n").count - 1
              if lines != 0 && lines != dayCount {
                fail("history #\(k) saw \(lines) days of \(dayCount): a partial import")
              }
            }
            if tag == "report" && r.status == 0 && (try? parseJSON(r.stdout)) == nil {
              fail("report #\(k) printed no valid JSON")
            }
          } catch {
            fail("\(tag): \(error)")
          }
          k += 1
          reads.add(1, ordering: .relaxed)
        }
      }
    }
    // An independent reader: the import's row count is 0 or n, never in between.
    group.enter()
    DispatchQueue.global().async {
      defer { group.leave() }
      while !done.load(ordering: .acquiring) {
        let c: String
        do { c = try SQLiteShell.run(db, importCount) } catch { c = "an error (\(error))" }
        if c != "0" && c != "\(n)" { fail("sqlite3 saw \(c) of \(n) import rows") }
        Thread.sleep(forTimeInterval: 0.02)
      }
    }

    // Writers: the import, and three collections (a second apart: snapshots are stamped to the
    // second) started alongside it.
    let collectArgs =
      [
        "collect", "--db", db, "--mastodon-base-url", server.baseURL, "--bluesky-appview",
        server.baseURL, "--min-interval", "0", "--timeout", "10",
      ] + Self.collected.flatMap { ["--channel", $0] }
    let writers = DispatchGroup()
    writers.enter()
    DispatchQueue.global().async {
      defer { writers.leave() }
      for k in 0..<3 {
        do {
          let r = try RegistryCLI.start(collectArgs, environment: env, in: dir, tag: "collect-\(k)")
            .wait()
          checkRun("collect #\(k)", r)
          if !r.stdout.contains("fetched:     4 of 4") { fail("collect #\(k): \(r.stdout)") }
        } catch {
          fail("collect: \(error)")
        }
        Thread.sleep(forTimeInterval: 1.1)
      }
    }
    writers.enter()
    DispatchQueue.global().async {
      defer { writers.leave() }
      do {
        let r = try RegistryCLI.start(
          ["snapshot", "import", file.path, "--db", db], environment: env, in: dir,
          tag: "import"
        ).wait()
        checkRun("import", r)
      } catch {
        fail("import: \(error)")
      }
    }
    writers.wait()
    done.store(true, ordering: .releasing)
    group.wait()

    #expect(failures.withLock { $0 } == [])
    #expect(reads.load(ordering: .relaxed) >= 3)
    // Nothing lost: every import row, and a collected snapshot of every collected channel.
    #expect(try SQLiteShell.run(db, importCount) == "\(n)")
    let collectedKeys = try SQLiteShell.run(
      db,
      """
      SELECT DISTINCT c.key FROM snapshot s JOIN channel c ON c.id = s.channel_id
      JOIN source x ON x.id = s.source_id WHERE x.key LIKE 'collector-%' ORDER BY c.key
      """)
    #expect(collectedKeys == Self.collected.sorted().joined(separator: "\n"))
    #expect(try SQLiteShell.integrityCheck(db) == "ok")
  }

  static func iso(_ t: Int64) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
  }
}
