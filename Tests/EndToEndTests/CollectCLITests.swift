import Foundation
import TestSupport
import Testing

/// `registry-cli collect` run as a child process against the fake APIs served by this process.
@Suite(.serialized) struct CollectCLITests {
  /// Runs the CLI with the collect fixture seed as its default seed.
  func cli(_ arguments: [String]) throws -> ProcessResult {
    try RegistryCLI.run(
      arguments, environment: RegistryCLI.environment(["REGISTRY_SEED_DIR": Fixtures.collectSeed]))
  }

  static let api = FakeSocialAPI(
    mastodon: [
      .init(
        id: "1", username: "police_fr", server: "social.example",
        note:
          "<p>Compte officiel. Pas d&#39;appels urgents ici : en cas d&#39;urgence, formez le 101 "
          + "ou le 112.</p>", followers: 1200, following: 12, statuses: 340),
      .init(
        id: "2", username: "politie_nl", server: "social.example",
        note: "<p>Niet voor noodgevallen: bel 112 of 101.</p>", followers: 800, following: 8,
        statuses: 120),
      .init(
        id: "3", username: "busy", server: "social.example", note: "<p>Nieuws uit de zone.</p>",
        followers: 50, following: 5, statuses: 6),
      .init(
        id: "4", username: "old", server: "social.example", note: "<p>Verhuisd.</p>",
        followers: 0, following: 0, statuses: 70,
        movedTo: (acct: "new@other.example", followers: 640)),
    ],
    bluesky: [
      .init(
        did: "did:plc:eupen", handle: "polizei-ostbelgien.bsky.social",
        description: "Nicht für Notfälle! Im Notfall 110 oder 112 wählen.", followers: 500,
        follows: 20, posts: 80),
      .init(
        did: "did:plc:example", handle: "examplepolice.bsky.social",
        description: "Not monitored 24/7. In an emergency dial 999.", followers: 4200,
        follows: 40, posts: 900),
    ],
    faults: [
      "gone@social.example": .notFound, "broken@social.example": .malformedJSON,
      "busy@social.example": .failOnce(status: 500),
    ])

  @Test func collectFillsSnapshotsDetectsDisclaimersRecordsRenamesAndReportsFaults() throws {
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let tmp = try TemporaryDirectory(prefix: "collect-e2e")
    defer { tmp.remove() }
    let db = tmp.path("registry.sqlite")
    let common = [
      "--db", db, "--mastodon-base-url", server.baseURL, "--bluesky-appview", server.baseURL,
      "--min-interval", "0", "--max-backoff", "0.2", "--timeout", "5",
    ]
    let initRun = try cli(["init", "--db", db])
    #expect(initRun.status == 0, "\(initRun.stderr)")

    // 1. Bluesky only: everything succeeds (exit 0), the renamed DID is recorded.
    let bluesky = try cli(["collect", "--platform", "bluesky"] + common)
    #expect(bluesky.status == 0, "\(bluesky.stderr)")
    #expect(bluesky.stdout.contains("fetched:     2 of 2"))
    #expect(bluesky.stdout.contains("renames:     1"))
    #expect(
      bluesky.stdout.contains(
        "bluesky/polizei-eupen.bsky.social: polizei-eupen.bsky.social -> polizei-ostbelgien.bsky.social"
      ))
    #expect(bluesky.stdout.contains("disclaimers: 2"))

    // Snapshots are stamped to the second; a run in the same second would replace run 1's.
    Thread.sleep(forTimeInterval: 1.1)

    // 2. Everything: two Mastodon faults -> exit 3, the others stored.
    let all = try cli(["collect"] + common)
    #expect(all.status == 3, "\(all.stderr)")
    #expect(all.stdout.contains("fetched:     6 of 8"))
    // The two Bluesky accounts have the counts stored by run 1.
    #expect(all.stdout.contains("unchanged:   2"))
    #expect(all.stdout.contains("failed:      2"))
    #expect(all.stdout.contains("mastodon/gone@social.example: account not found (HTTP 404)"))
    #expect(all.stdout.contains("mastodon/broken@social.example: malformed response"))
    #expect(all.stdout.contains("moves:       1"))
    #expect(
      all.stdout.contains(
        "mastodon/old@social.example: moved from old@social.example to new@other.example"))
    #expect(all.stdout.contains("disclaimers: 4"))
    #expect(all.stderr.contains("2 of 8 channels failed"))
    #expect(api.hitCount("busy@social.example") == 2)  // 500, then success

    // Disclaimers: one in each of fr, nl, de, en; the others checked and found without one.
    #expect(
      try SQLiteShell.run(
        db,
        "SELECT key, emergency_disclaimer FROM channel WHERE emergency_disclaimer IS NOT NULL ORDER BY key"
      )
        == """
        bluesky/examplepolice.bsky.social|1
        bluesky/polizei-eupen.bsky.social|1
        mastodon/busy@social.example|0
        mastodon/old@social.example|0
        mastodon/police_fr@social.example|1
        mastodon/politie_nl@social.example|1
        """)
    // Snapshots: 1 from the seed + 2 Bluesky x 2 runs + 4 Mastodon = 9.
    let rows = try SQLiteShell.run(
      db, "SELECT channel_id, observed_at, followers, source_id FROM snapshot")
    #expect(try SQLiteShell.run(db, "SELECT count(*) FROM snapshot") == "9", "\(rows)")
    #expect(
      try SQLiteShell.run(
        db,
        "SELECT c.key, s.followers FROM snapshot s JOIN channel c ON c.id = s.channel_id JOIN source src ON src.id = s.source_id WHERE src.key LIKE 'collector-mastodon-%' ORDER BY c.key"
      )
        == """
        mastodon/busy@social.example|50
        mastodon/old@social.example|640
        mastodon/police_fr@social.example|1200
        mastodon/politie_nl@social.example|800
        """)
    #expect(
      try SQLiteShell.run(
        db, "SELECT handle, platform_id FROM channel WHERE key LIKE 'bluesky/%' ORDER BY key")
          == """
          examplepolice.bsky.social|did:plc:example
          polizei-ostbelgien.bsky.social|did:plc:eupen
          """)
    #expect(
      try SQLiteShell.run(db, "SELECT handle FROM channel_handle_history ORDER BY handle")
        == "old@social.example\npolizei-eupen.bsky.social")

    // 3. Dry run: fetches, prints, writes nothing.
    let dry = try cli(["collect", "--dry-run", "--platform", "mastodon"] + common)
    #expect(dry.stdout.contains("dry run: nothing was written"))
    #expect(dry.stdout.contains("mastodon/police_fr@social.example: followers=1200"))
    #expect(try SQLiteShell.run(db, "SELECT count(*) FROM snapshot") == "9")
  }

  @Test func platformsWithoutAPublicAPIPointToThePresets() throws {
    let run = try cli(["collect", "--platform", "x", "--db", "/nonexistent/never.sqlite"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("registry-cli collect presets"))
  }

  @Test func convertTurnsAnExportIntoTheImportFormat() throws {
    let tmp = try TemporaryDirectory(prefix: "convert")
    defer { tmp.remove() }
    let out = tmp.path("converted.csv")
    let run = try cli([
      "collect", "convert", "--preset", "facebook-page-insights", "--channel",
      "facebook_page/politiezonegent",
      Fixtures.exports + "/facebook-page-insights.csv", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      try String(contentsOfFile: out, encoding: .utf8) == """
        platform,handle,observed_at,followers,following,posts,engagements,engagement_window_days,source_url
        facebook_page,politiezonegent,2024-05-01,12345,,,150,1,
        facebook_page,politiezonegent,2024-05-02,12351,,,171,1,

        """)

    let x = try cli([
      "collect", "convert", "--preset", "x-analytics", "--channel", "@ZP5327",
      Fixtures.exports + "/x-analytics.csv",
    ])
    #expect(x.status == 0, "\(x.stderr)")
    #expect(x.stdout.contains("x,zp5327,2024-05-31,,,,37,1,"))
    #expect(x.stdout.contains("x,zp5327,2024-06-01,,,,25,1,"))

    let presets = try cli(["collect", "presets"])
    #expect(presets.stdout.contains("facebook-page-insights"))
    #expect(presets.stdout.contains("tiktok-analytics"))
  }
}
