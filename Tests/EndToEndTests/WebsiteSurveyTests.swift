import Foundation
import TestSupport
import Testing

/// `registry-cli collect websites` against the zone sites `FakeZoneSites` serves on 127.0.0.1
/// (docs/collect.md, "Surveying from websites").
@Suite(.serialized) struct WebsiteSurveyTests {
  static func common(_ server: StubHTTPServer, _ db: String) -> [String] {
    [
      "--db", db, "--base-url", server.baseURL, "--min-interval", "0", "--max-backoff", "0",
      "--timeout", "1", "--attempts", "2", "--by", "tester",
    ]
  }

  static func sql(_ db: String, _ query: String) throws -> String {
    try SQLiteShell.run(db, query)
  }

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init)
  }

  /// The surveys as `entity|platform|result|handle|confidence` lines, sorted.
  static func surveys(_ db: String, _ entity: String) throws -> [String] {
    lines(
      try sql(
        db,
        """
        SELECT platform || '|' || result || '|' || coalesce(handle, '') || '|' || confidence
        FROM survey WHERE entity_id = '\(entity)' ORDER BY 1
        """))
  }

  /// Every row of the tables a run writes, as text, to compare two states.
  static func state(_ db: String) throws -> String {
    try sql(
      db,
      """
      SELECT 'survey', entity_id, platform, observed_on, result, handle, channel_id, method,
        confidence, source_id, note FROM survey
      UNION ALL SELECT 'channel', key, entity_id, status, first_seen_on, confidence, source_id,
        url, NULL, NULL, NULL FROM channel
      UNION ALL SELECT 'source', key, title, url, retrieved_on, NULL, NULL, NULL, NULL, NULL, NULL
        FROM source
      UNION ALL SELECT 'log', count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM change_log
      ORDER BY 1, 2, 3, 4
      """)
  }

  /// The social platforms but those given, absent at confidence low, as `surveys` lines.
  static func absentExcept(_ present: Set<String>) -> [String] {
    [
      "x", "facebook_page", "facebook_group", "instagram", "youtube", "tiktok", "linkedin",
      "threads", "mastodon", "bluesky", "telegram", "whatsapp_channel",
    ].filter { !present.contains($0) }.map { "\($0)|absent||low" }
  }

  @Test func surveysEveryZoneSiteAndListsWhatNeedsAPerson() throws {
    let server = try StubHTTPServer { FakeZoneSites.handle($0) }
    defer { server.stop() }
    let cli = try CLIWorkspace(seed: Fixtures.websitesSeed)
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    let db = cli.db
    let before = try Self.state(db)

    // A dry run reads every site and writes nothing.
    let dry = try cli.run(
      ["collect", "websites", "--dry-run"] + Self.common(server, db), useDB: false)
    #expect(dry.status == 3, "\(dry.stderr)")
    #expect(dry.stdout.contains("dry run: nothing was written"))
    #expect(dry.stdout.contains("present:         10 recorded, 10 new"))
    #expect(try Self.state(db) == before)

    let run = try cli.run(["collect", "websites"] + Self.common(server, db), useDB: false)
    #expect(run.status == 3, "\(run.stderr)")
    let out = run.stdout
    #expect(out.contains("fetched:         5 of 10 sites (7 pages)"), "\(out)")
    #expect(out.contains("new channels:    9 (status unverified)"))
    #expect(out.contains("present:         10 recorded, 10 new (confidence medium)"))
    // 5340: 12 social platforms - 6 linked (x, facebook page and group, instagram, youtube,
    // bluesky) - tiktok (a registry channel) = 5; 5342: 12 - 3 (facebook x2, instagram) = 9;
    // 5343: 12 - 2 (x, telegram) = 10; 5 + 9 + 10 = 24.
    #expect(out.contains("absent:          24 recorded, 24 new (confidence low)"))
    #expect(out.contains("no own account:  1 "))
    #expect(out.contains("    be-pz-5341: https://www.police.be/5341"))
    #expect(out.contains("robots.txt:      1 "))
    #expect(out.contains("be-pz-5348: robots.txt does not allow https://www.lokalepolitie.be/5348"))
    #expect(out.contains("failed:          4"))
    #expect(out.contains("be-pz-5344: https://www.police.be/5344: HTTP 404"))
    #expect(out.contains("be-pz-5345: https://www.police.be/5345: HTTP 500 (after 2 attempts)"))
    #expect(out.contains("be-pz-5346: https://www.police.be/5346: timed out"))
    #expect(
      out.contains(
        "be-pz-5347: https://www.police.be/5347: response larger than 5242880 bytes"))
    #expect(run.stderr.contains("4 of 10 sites failed"))

    // To check: the post, the federal police's account, three share buttons, the tracking
    // redirect, the registry's TikTok channel the site does not link; 5350's unread page.
    #expect(out.contains("to check:        8"))
    for expected in [
      "be-pz-5340: https://x.com/zp_voorbeeld/status/1790000000000000001: a post, not an account",
      "be-pz-5340: https://x.com/fedpol_example: x/fedpol_example is a channel of be-fed-example, "
        + "not attributed to be-pz-5340",
      "be-pz-5340: https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.police.be%2F5340"
        + "&t=Nieuws: share or intent button",
      "be-pz-5340: https://twitter.com/intent/tweet?text=Nieuws&url=", "shareArticle?mini=true",
      "tracking redirect to https://www.instagram.com/someone_else/",
      "tiktok/zp_voorbeeld is in the registry but not linked by the site; no absence recorded",
    ] {
      #expect(out.contains(expected), "\(expected)")
    }
    // Links in a comment, a script and the title are not links.
    for hidden in ["in_comment", "in_script", "in_title"] { #expect(!out.contains(hidden)) }

    // 5340: header, footer (unquoted, single-quoted, attributes in any order) and the contact
    // page linked relative to <base href>; the known X channel is linked, the others created.
    #expect(
      try Self.surveys(db, "be-pz-5340")
        == ([
          "bluesky|present|voorbeeld.bsky.social|medium",
          "facebook_page|present|politievoorbeeld|medium",
          "instagram|present|politie_voorbeeld|medium", "x|present|zp_voorbeeld|medium",
          "youtube|present|@politievoorbeeld|medium",
        ]
        + Self.absentExcept([
          "x", "facebook_page", "facebook_group", "instagram", "youtube", "bluesky", "tiktok",
        ])).sorted())
    #expect(
      try Self.sql(
        db,
        """
        SELECT c.key || ' ' || c.status || ' ' || c.confidence || ' ' || c.first_seen_on
          || ' ' || s.url FROM channel c JOIN source s ON s.id = c.source_id
        WHERE c.key = 'facebook_page/politievoorbeeld'
        """) == "facebook_page/politievoorbeeld unverified medium \(Self.today()) "
        + "https://www.police.be/5340")
    #expect(
      try Self.sql(db, "SELECT status FROM channel WHERE key = 'x/zp_voorbeeld'") == "active")
    #expect(
      try Self.sql(
        db,
        """
        SELECT s.title || ' | ' || s.url || ' | ' || s.retrieved_on || ' | ' || v.note
        FROM survey v JOIN source s ON s.id = v.source_id
        WHERE v.entity_id = 'be-pz-5340' AND v.platform = 'bluesky'
        """)
        == "Website of be-pz-5340, links read by registry-cli collect websites | "
        + "https://www.police.be/5340 | \(Self.today()) | linked from "
        + "https://www.police.be/5340/contact")
    // The federal police's account stays theirs: no survey of it for the zone.
    #expect(try Self.sql(db, "SELECT count(*) FROM survey WHERE handle = 'fedpol_example'") == "0")

    // 5342: Latin-1 declared by a meta tag only.
    #expect(
      try Self.surveys(db, "be-pz-5342")
        == ([
          "facebook_page|present|policeexemple|medium", "instagram|present|police_exemple|medium",
        ] + Self.absentExcept(["facebook_page", "facebook_group", "instagram"])).sorted())
    // 5343: two redirects to another host; the contact link resolved against the final page.
    #expect(
      try Self.surveys(db, "be-pz-5343")
        == ([
          "telegram|present|pol_omleiding|medium", "x|present|pol_omleiding|medium",
        ] + Self.absentExcept(["x", "telegram"])).sorted())
    // 5350: its contact page could not be read: the Facebook page is present, and no absence
    // is recorded (the unread page may link the other accounts).
    #expect(try Self.surveys(db, "be-pz-5350") == ["facebook_page|present|zonecontact|medium"])
    #expect(
      out.contains(
        "be-pz-5350: https://www.police.be/5350/contact: page not read: HTTP 500 (after 2 attempts)"
      ))
    // No social link, robots.txt, failures: nothing recorded.
    for zone in ["5341", "5344", "5345", "5346", "5347", "5348", "5349"] {
      #expect(try Self.surveys(db, "be-pz-\(zone)").isEmpty, "\(zone)")
    }
    // robots.txt was asked once for each host, with the project's User-Agent.
    let robots = server.requests.filter { $0.path.hasSuffix("/robots.txt") }
    #expect(
      Set(robots.map(\.path))
        == [
          "/www.police.be/robots.txt", "/www.politie.be/robots.txt",
          "/www.lokalepolitie.be/robots.txt",
        ])
    #expect(
      server.requests.allSatisfy {
        $0.headers["user-agent"]?.hasPrefix("registry-cli/") == true
          && $0.headers["user-agent"]?.contains("(+https://") == true
      })
    #expect(!server.requests.contains { $0.path == "/www.lokalepolitie.be/5348" })

    // An entity without a website is refused before any request, with the command to add one.
    let none = try cli.run(
      ["collect", "websites", "--entity", "5349"] + Self.common(server, db), useDB: false)
    #expect(none.status == 1)
    #expect(
      none.stderr.contains(
        "be-pz-5349 has no open website channel; add one: registry-cli channel add URL "
          + "--platform website --entity be-pz-5349"), "\(none.stderr)")

    // Running again the same day changes nothing.
    // (First a person checks one of the new channels: it becomes active, and stays so.)
    let verify = try cli.run([
      "channel", "verify", "instagram/police_exemple", "--source", "fixture", "--by", "tester",
    ])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(
      try Self.sql(db, "SELECT status FROM channel WHERE key = 'instagram/police_exemple'")
        == "active")
    let stored = try Self.state(db)
    let again = try cli.run(["collect", "websites"] + Self.common(server, db), useDB: false)
    #expect(again.status == 3)
    #expect(again.stdout.contains("present:         10 recorded, 0 new"))
    #expect(again.stdout.contains("absent:          24 recorded, 0 new"))
    #expect(again.stdout.contains("new channels:    0"))
    #expect(try Self.state(db) == stored)

    // The report: 10 zones exist. On x: present 5340 (open channel), 5343 (new channel);
    // absent 5342 (low); unknown the other 7. Coverage (2 + 1) / 10 = 30.0%; bounds 2/10 = 20.0%
    // to (2 + 7)/10 = 90.0%; estimate 2/3 = 66.7%; Wilson 95% (z = 1.96, n = 3, p = 2/3):
    // centre (2/3 + 1.9208/3) / (1 + 3.8416/3) = 1.30693 / 2.28053 = 0.57308, half-width
    // 1.96 * sqrt(2/9/3 + 3.8416/36) / 2.28053 = 1.96 * 0.425188 / 2.28053 = 0.36543:
    // 20.8%–93.9%.
    let low = try cli.run(["report", "adoption", "--platform", "x", "--min-confidence", "low"])
    #expect(low.status == 0, "\(low.stderr)")
    #expect(
      low.stdout.contains(
        "| Flanders | x | 10 | 2 (2) | 1 | 7 | 30.0% (low) | 20.0–90.0% | 66.7% | 20.8–93.9% |"),
      "\(low.stdout)")
    // At the default confidence (medium) the low absence does not count: 5342 is unknown, no
    // zone is known absent and 8 are unknown, so 2/2 = 100% would hold by construction: the
    // estimate is missing (no_known_absence) and the bounds 2/10 = 20.0% to 10/10 say it all.
    let medium = try cli.run(["report", "adoption", "--platform", "x"])
    #expect(
      medium.stdout.contains(
        "| Flanders | x | 10 | 2 (2) | 0 | 8 | 20.0% (low) | 20.0–100.0% | "
          + "missing (no_known_absence) |  |"),
      "\(medium.stdout)")
  }

  /// The UTC day today, `YYYY-MM-DD`.
  static func today() -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date())
  }

  /// Killed with SIGKILL while it reads slow sites one at a time: every site stored before the
  /// kill has all its surveys (1 present and 11 absent) and its source, no site has part of
  /// them, and a second run completes the rest.
  @Test func killedRunKeepsEveryFinishedSiteWhole() throws {
    let zones = 40
    let server = try StubHTTPServer { FakeZoneSites.handle($0, extraDelay: 0.1) }
    defer { server.stop() }
    let seed = try TemporaryDirectory(prefix: "websites-seed")
    defer { seed.remove() }
    for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.websitesSeed) {
      try FileManager.default.copyItem(
        atPath: Fixtures.websitesSeed + "/" + name, toPath: seed.path(name))
    }
    var entities = try String(contentsOfFile: seed.path("entities.csv"), encoding: .utf8)
    var channels = try String(contentsOfFile: seed.path("channels.csv"), encoding: .utf8)
    for code in 6000..<(6000 + zones) {
      entities +=
        "be-pz-\(code),local_police,\(code),fixture,BE,BE-BRU,nl,1000,2024,,2015-01-01,,fixture,\n"
      channels +=
        "website/generated.be/\(code),be-pz-\(code),website,generated.be/\(code),"
        + "https://www.generated.be/\(code),,nl,,active,2015-01-01,,,,,high,,fixture,\n"
    }
    try Data(entities.utf8).write(to: URL(fileURLWithPath: seed.path("entities.csv")))
    try Data(channels.utf8).write(to: URL(fileURLWithPath: seed.path("channels.csv")))
    let cli = try CLIWorkspace(seed: seed.url.path)
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    let db = cli.db
    let args =
      ["collect", "websites", "--region", "BE-BRU", "--concurrency", "1"]
      + Self.common(server, db)
    let perSite = """
      SELECT e.id, (SELECT count(*) FROM survey v WHERE v.entity_id = e.id),
        (SELECT count(*) FROM source s WHERE s.key LIKE 'website-' || e.id || '-%')
      FROM entity e WHERE e.id LIKE 'be-pz-6%' ORDER BY e.id
      """

    let process = try cli.start(args, tag: "websites-kill")
    // Each site takes at least 0.1 s (its page; robots.txt once): the kill comes as soon as
    // 3 sites are stored, with most still to come (polled, so a loaded machine only waits longer).
    let stored = "SELECT count(*) FROM source WHERE key LIKE 'website-be-pz-6%'"
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, (Int((try? Self.sql(db, stored)) ?? "") ?? 0) < 3 {
      Thread.sleep(forTimeInterval: 0.05)
    }
    process.kill()
    _ = process.wait()
    #expect(try Self.sql(db, "PRAGMA integrity_check") == "ok")
    let rows = Self.lines(try Self.sql(db, perSite))
    #expect(rows.count == zones)
    let done = rows.filter { !$0.hasSuffix("|0|0") }
    #expect(!done.isEmpty && done.count < zones, "\(done.count) of \(zones) stored before the kill")
    for row in done { #expect(row.hasSuffix("|12|1"), "half-written site: \(row)") }

    let rerun = try cli.run(args, useDB: false)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout.contains("fetched:         \(zones) of \(zones) sites"))
    #expect(rerun.stdout.contains("present:         \(zones) recorded, \(zones - done.count) new"))
    for row in Self.lines(try Self.sql(db, perSite)) { #expect(row.hasSuffix("|12|1"), "\(row)") }
  }
}
