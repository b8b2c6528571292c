import Foundation
import Registry
import Synchronization
import TestSupport
import Testing

/// `registry-cli serve` on a fixture database, on a port the system chose on 127.0.0.1: every
/// route's status, content type and content; the downloads and the API against the command
/// line's own output for the same query; the error pages; the security headers; escaping; no
/// path traversal; one log line per request; the time limit; nothing written to the database.
@Suite(.serialized) struct WebServerTests {
  static let client = HTTPClient()

  /// A running server on a database loaded from `seed`, and the workspace it runs in.
  struct Site {
    let cli: CLIWorkspace
    let server: WebServerProcess
    var base: String { server.baseURL }

    init(seed: String, extra: [String] = []) throws {
      cli = try CLIWorkspace(seed: seed)
      let r = try cli.run(["init"])
      #expect(r.status == 0, "init failed: \(r.stderr)")
      server = try WebServerProcess(cli, db: cli.db, extra: extra)
    }

    func get(_ path: String) throws -> Page {
      Page(try WebServerTests.client.get(base + path))
    }

    /// What `registry-cli args` prints on stdout (it must succeed).
    func cli(_ args: [String]) throws -> String {
      let r = try cli.run(args)
      #expect(r.status == 0, "registry-cli \(args) failed: \(r.stderr)")
      return r.stdout
    }

    func close() {
      server.stop()
      cli.cleanUp()
    }
  }

  struct Page {
    let status: Int
    let headers: [String: String]
    let text: String
    init(_ r: HTTPResponse) {
      status = r.status
      headers = r.headers
      text = String(decoding: r.body, as: UTF8.self)
    }
    var contentType: String { headers["content-type"] ?? "" }
  }

  static func withSite(
    _ seed: String = Fixtures.compareSeed, extra: [String] = [], _ body: (Site) throws -> Void
  ) throws {
    let site = try Site(seed: seed, extra: extra)
    defer { site.close() }
    try body(site)
  }

  @Test func everyPageAnswersWithItsContentTypeAndContent() throws {
    try Self.withSite { site in
      let pages: [(String, String, String)] = [
        ("/?as_of=2024-01-01", "text/html", "Police on social media in Belgium, as of 2024-01-01"),
        ("/?as_of=2024-01-01&platform=x&colour=per_1000", "text/html", "followers per 1,000"),
        ("/accounts", "text/html", "rows match"),
        ("/entities?with_channels=1", "text/html", "rows match"),
        ("/entities/zp-a", "text/html", "Zone A"),
        ("/report?as_of=2024-01-01", "text/html", "national adoption report, as of 2024-01-01"),
        ("/report.html?as_of=2024-01-01", "text/html", "<h2>1. National summary</h2>"),
        ("/report.json?as_of=2024-01-01", "application/json", "\"as_of\": \"2024-01-01\""),
        ("/report.csv?as_of=2024-01-01", "text/csv", "as_of,region,region_name,platform"),
        ("/report.md?as_of=2024-01-01", "text/markdown", "# "),
        ("/compare/zp-a?as_of=2024-01-01", "text/html", "Scorecard: Zone A"),
        ("/rank?as_of=2024-01-01&metric=followers_per_1000", "text/html", "Zone B"),
        ("/rank.csv?as_of=2024-01-01", "text/csv", "rank,entity_id"),
        ("/accounts.ndjson", "application/x-ndjson", "\"channel_key\":"),
        ("/api/v1/openapi.json", "application/json", "\"openapi\": \"3.1.0\""),
      ]
      for (path, type, content) in pages {
        let page = try site.get(path)
        #expect(page.status == 200, "\(path): \(page.status) \(page.text.prefix(300))")
        #expect(page.contentType.hasPrefix(type), "\(path): \(page.contentType)")
        #expect(page.text.contains(content), "\(path) lacks \(content)")
      }
    }
  }

  @Test func downloadsAndTheAPIAreTheCommandLinesOutput() throws {
    try Self.withSite { site in
      // Same query, same renderer: byte for byte the CLI's stdout.
      let same: [(String, [String])] = [
        ("/accounts.csv", ["accounts", "--format", "csv"]),
        (
          "/accounts.json?region=BE-VLG&platform=x",
          ["accounts", "--region", "BE-VLG", "--platform", "x", "--format", "json"]
        ),
        (
          "/accounts.ndjson?sort=-followers&limit=3",
          ["accounts", "--sort=-followers", "--limit", "3", "--format", "ndjson"]
        ),
        ("/entities.csv?with_channels=1", ["entities", "--with-channels", "--format", "csv"]),
        (
          "/api/v1/entities?kind=local_police",
          ["entities", "--kind", "local_police", "--format", "json"]
        ),
        (
          "/api/v1/accounts?as_of=2023-06-01&status=active",
          ["accounts", "--as-of", "2023-06-01", "--status", "active", "--format", "json"]
        ),
        ("/api/v1/summary", ["summary", "--format", "json"]),
        (
          "/api/v1/summary?country=BE&as_of=2020-01-01&platform=x",
          [
            "summary", "--country", "BE", "--as-of", "2020-01-01", "--platform", "x", "--format",
            "json",
          ]
        ),
        ("/accounts.csv?include_ceased=1", ["accounts", "--include-ceased", "--format", "csv"]),
        ("/api/v1/entities/zp-a", ["show", "zp-a", "--format", "json"]),
        (
          "/report.json?as_of=2024-01-01&platform=x",
          ["report", "adoption", "--as-of", "2024-01-01", "--platform", "x", "--format", "json"]
        ),
        (
          "/api/v1/report?as_of=2024-01-01",
          ["report", "adoption", "--as-of", "2024-01-01", "--format", "json"]
        ),
        (
          "/report.csv?as_of=2024-01-01",
          ["report", "adoption", "--as-of", "2024-01-01", "--format", "csv"]
        ),
        (
          "/report.md?as_of=2024-01-01",
          ["report", "adoption", "--as-of", "2024-01-01", "--format", "markdown"]
        ),
        (
          "/api/v1/compare/zp-a?as_of=2024-01-01&peers=size",
          ["compare", "zp-a", "--as-of", "2024-01-01", "--peers", "size", "--format", "json"]
        ),
        (
          "/rank.csv?metric=followers_per_1000&as_of=2024-01-01",
          ["rank", "--metric", "followers_per_1000", "--as-of", "2024-01-01", "--format", "csv"]
        ),
        (
          "/api/v1/rank?metric=growth_90d&as_of=2024-01-01&top=2",
          [
            "rank", "--metric", "growth_90d", "--as-of", "2024-01-01", "--top", "2", "--format",
            "json",
          ]
        ),
        ("/api/v1/references", ["reference", "list", "--format", "json"]),
        ("/api/v1/log?entity=zp-a", ["log", "--entity", "zp-a", "--format", "json"]),
      ]
      for (path, args) in same {
        let page = try site.get(path)
        #expect(page.status == 200, "\(path): \(page.text.prefix(300))")
        #expect(page.text == (try site.cli(args)), "\(path) differs from registry-cli \(args)")
      }
      let csv = try site.get("/accounts.csv")
      #expect(csv.headers["content-disposition"] == "attachment; filename=\"accounts.csv\"")
      let rows = try site.cli(["accounts", "--format", "ndjson"]).split(separator: "\n").count
      #expect(try site.get("/api/v1/accounts?limit=1").headers["x-total-count"] == String(rows))
    }
  }

  /// Statuses and surveys (the report fixture has both present and absent surveys): the API
  /// and the downloads are `show`, `accounts --presence`, `summary` and the report, byte for
  /// byte; the pages show what they count.
  @Test func statusesAndSurveysAreTheCommandLines() throws {
    try Self.withSite(Fixtures.reportSeed) { site in
      let day = "2021-06-30"
      let same: [(String, [String])] = [
        (
          "/api/v1/entities/zone-c?as_of=\(day)",
          ["show", "zone-c", "--as-of", day, "--format", "json"]
        ),
        (
          "/api/v1/entities/zone-h?as_of=\(day)&min_confidence=high",
          ["show", "zone-h", "--as-of", day, "--min-confidence", "high", "--format", "json"]
        ),
        (
          "/accounts.csv?presence=1&as_of=\(day)",
          ["accounts", "--presence", "--as-of", day, "--format", "csv"]
        ),
        (
          "/api/v1/accounts?presence=1&as_of=\(day)&platform=instagram&min_confidence=low",
          [
            "accounts", "--presence", "--as-of", day, "--platform", "instagram", "--min-confidence",
            "low", "--format", "json",
          ]
        ),
        (
          "/api/v1/summary?as_of=\(day)&min_confidence=low",
          ["summary", "--as-of", day, "--min-confidence", "low", "--format", "json"]
        ),
        (
          "/report.json?as_of=\(day)&min_confidence=high",
          ["report", "adoption", "--as-of", day, "--min-confidence", "high", "--format", "json"]
        ),
        (
          "/report.md?as_of=\(day)", ["report", "adoption", "--as-of", day, "--format", "markdown"]
        ),
      ]
      for (path, args) in same {
        let page = try site.get(path)
        #expect(page.status == 200, "\(path): \(page.text.prefix(300))")
        #expect(page.text == (try site.cli(args)), "\(path) differs from registry-cli \(args)")
      }
      // zone-c: present on X (a channel) although surveyed absent; its 2019 absence from
      // Facebook is older than 365 days, so unknown.
      let entity = try site.get("/entities/zone-c?as_of=\(day)")
      #expect(entity.text.contains("<tr data-platform=\"x\" data-status=\"present_confirmed\">"))
      #expect(entity.text.contains("<tr data-platform=\"facebook_page\" data-status=\"unknown\">"))
      #expect(entity.text.contains("<h2>Surveys (2)</h2>"))
      // zone-h is absent from X on the day (a medium survey of 2021-03-01); with high-confidence
      // surveys only, unknown.
      let h = try site.get("/entities/zone-h?as_of=\(day)")
      #expect(h.text.contains("<tr data-platform=\"x\" data-status=\"absent\">"))
      let hHigh = try site.get("/entities/zone-h?as_of=\(day)&min_confidence=high")
      #expect(hHigh.text.contains("<tr data-platform=\"x\" data-status=\"unknown\">"))
      // The overview's cells hold the report's counts.
      let report = try #require(
        try parseJSON(try site.cli(["report", "adoption", "--as-of", day, "--format", "json"]))
          as? [String: Any])
      let summary = try #require(report["summary"] as? [String: Any])
      let any = try #require((summary["platforms"] as? [[String: Any]])?.first)
      let overview = try site.get("/?as_of=\(day)")
      let p = any["present"] as! Int
      let a = any["absent"] as! Int
      let u = any["unknown"] as! Int
      #expect(a > 0, "the fixture has an entity absent from every platform")
      #expect(
        overview.text.contains("data-present=\"\(p)\" data-absent=\"\(a)\" data-unknown=\"\(u)\""))
      #expect(overview.text.contains("present \(p) ("))
      #expect(overview.text.contains("absent \(a), unknown \(u)"))
      let bad = try site.get("/accounts?presence=1&include_ceased=1")
      #expect(bad.status == 400)
      #expect(bad.text.contains("The parameter <code>include_ceased</code> cannot be used"))
    }
  }

  @Test func theAccountsPageListsOnePageOfRowsWithLinks() throws {
    try Self.withSite { site in
      let all = try site.cli(["accounts", "--format", "ndjson"]).split(separator: "\n").count
      let page = try site.get("/accounts?per_page=2&page=2&sort=channel_key")
      #expect(page.status == 200)
      // 2 rows on page 2 of ⌈all / 2⌉, sorted by key; links keep the sort and the page size.
      #expect(page.text.components(separatedBy: "<tr>").count - 1 == 1 + 2)
      #expect(page.text.contains("\(all) rows match; showing 3–4."))
      #expect(page.text.contains("href=\"/accounts?sort=channel_key&amp;per_page=2&amp;page=3\""))
      #expect(page.text.contains("href=\"/accounts.csv?sort=channel_key\""))
      #expect(page.text.contains("href=\"/entities/zp-"))
    }
  }

  @Test func badParametersAre400PagesNamingTheParameter() throws {
    try Self.withSite { site in
      let cases: [(String, String)] = [
        ("/accounts?region=XX-YY", "region"), ("/accounts?regoin=BE-VLG", "regoin"),
        ("/accounts?as_of=2024-02-30", "as_of"), ("/accounts?per_page=100000", "per_page"),
        ("/accounts?sort=nope", "sort"), ("/accounts.json?limit=999999999", "limit"),
        ("/accounts?platform=myspace", "platform"), ("/rank?metric=charm", "metric"),
        ("/report?staleness_days=-1", "staleness_days"), ("/compare/zp-a?peers=planet", "peers"),
        ("/?colour=plaid", "colour"), ("/accounts?search=%FF", "search"),
        ("/accounts?as_of=2024-01-01&as_of=2024-01-02", "as_of"),
      ]
      for (path, parameter) in cases {
        let page = try site.get(path)
        #expect(page.status == 400, "\(path): \(page.status)")
        #expect(page.contentType.hasPrefix("text/html"))
        #expect(
          page.text.contains("The parameter <code>\(parameter)</code> cannot be used"), "\(path)")
        #expect(!page.text.contains("Error("), "\(path) shows an internal error")
      }
      let api = try site.get("/api/v1/accounts?region=XX-YY")
      #expect(api.status == 400)
      let doc = try #require(try parseJSON(api.text) as? [String: [String: Any]])
      #expect(doc["error"]?["parameter"] as? String == "region")
      #expect((doc["error"]?["message"] as? String)?.contains("unknown region 'XX-YY'") == true)
    }
  }

  @Test func unknownPagesAndEntitiesAre404AndPathsCannotTraverse() throws {
    try Self.withSite { site in
      for path in [
        "/nope", "/entities/no-such-zone", "/compare/no-such-zone", "/api/v1/entities/nobody",
        "/api/v1/channels/424242/history", "/..%2F..%2Fetc%2Fpasswd",
        "/entities/..%2F..%2Fetc%2Fpasswd", "/report.json/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/openapi.json/..%2f..%2fPackage.swift",
      ] {
        let page = try site.get(path)
        #expect(page.status == 404, "\(path): \(page.status)")
        #expect(!page.text.contains("root:"), "\(path) leaks a file")
        #expect(!page.text.contains("swift-tools-version"), "\(path) leaks a file")
      }
      #expect(try site.get("/nope").text.contains("There is no page at this address."))
      #expect(
        try site.get("/entities/nobody").text.contains("no entity has the id &#39;nobody&#39;"))
    }
  }

  @Test func everyResponseCarriesAStrictPolicyAndItsOwnNonce() throws {
    try Self.withSite { site in
      var nonces = Set<String>()
      // Each page twice: the second answer comes from the response cache, with a nonce of its own.
      let paths = ["/", "/accounts", "/entities/zp-a", "/report", "/compare/zp-a", "/nope"]
      for path in paths + paths {
        let page = try site.get(path + (path.contains("?") ? "&" : "?") + "as_of=2024-01-01")
        let policy = try #require(page.headers["content-security-policy"], "\(path)")
        #expect(policy.hasPrefix("default-src 'none'; style-src 'nonce-"))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("script-src"))
        let nonce = String(policy.split(separator: "'")[3].dropFirst("nonce-".count))
        nonces.insert(nonce)
        // The one style element carries the nonce; no script, no inline style attribute.
        #expect(page.text.contains("<style nonce=\"\(nonce)\">"), "\(path)")
        #expect(page.text.components(separatedBy: "<style").count == 2, "\(path)")
        #expect(!page.text.contains("<script") && !page.text.contains(" style=\""), "\(path)")
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["x-frame-options"] == "DENY")
      }
      #expect(nonces.count == 12, "a nonce is never reused")
    }
  }

  @Test func databaseTextIsEscapedOnEveryPage() throws {
    // The report fixture names zone-d "<script>alert(1)</script> Zone D" and a source
    // "<b>Counts</b> & "quotes"".
    try Self.withSite(Fixtures.reportSeed) { site in
      for path in [
        "/?as_of=2021-06-30", "/accounts", "/entities", "/entities/zone-d",
        "/report?as_of=2021-06-30",
        "/rank?as_of=2021-06-30",
      ] {
        let page = try site.get(path)
        #expect(page.status == 200, "\(path)")
        #expect(!page.text.contains("<script>alert(1)"), "\(path) lets a name through raw")
        #expect(!page.text.contains("<b>Counts</b>"), "\(path) lets a title through raw")
      }
      #expect(
        try site.get("/entities/zone-d").text.contains(
          "&lt;script&gt;alert(1)&lt;/script&gt; Zone D"))
    }
  }

  /// A registry of generated data says so at the top of every page, as the command line's
  /// outputs do, within the Content-Security-Policy (no `style` attribute); a real one does not.
  @Test func everyPageOfGeneratedDataSaysSyntheticAtTheTop() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    let seed = cli.dir.appendingPathComponent("syn").path
    let generate = [
      "generate", "--entities", "4", "--channels-per-entity", "1", "--days", "3", "--out", seed,
    ]
    #expect(try cli.run(generate, useDB: false).status == 0)
    #expect(try cli.run(["init", "--seed", seed]).status == 0)
    let server = try WebServerProcess(cli, db: cli.db)
    defer { server.stop() }
    for path in [
      "/?as_of=2025-06-30", "/accounts", "/entities", "/entities/syn-1", "/report?as_of=2025-06-30",
      "/compare/syn-1?peers=all&as_of=2025-06-30", "/rank?as_of=2025-06-30",
    ] {
      let page = try Self.client.get(server.baseURL + path)
      let text = String(decoding: page.body, as: UTF8.self)
      #expect(page.status == 200, "\(path)")
      #expect(text.contains("<title>SYNTHETIC: "), "\(path)")
      #expect(text.contains("<p class=\"synthetic\" role=\"alert\">SYNTHETIC DATA"), "\(path)")
      #expect(text.contains(".synthetic{background:"), "\(path): the banner's rule")
      #expect(!text.contains(" style=\""), "\(path): a style attribute the policy refuses")
    }
    try Self.withSite { site in
      let page = try site.get("/")
      #expect(!page.text.contains("SYNTHETIC"))
    }
  }

  @Test func eachRequestIsOneLogLine() throws {
    let site = try Site(seed: Fixtures.compareSeed)
    defer { site.cli.cleanUp() }
    let paths = [
      "/accounts", "/accounts.csv", "/nope", "/accounts?region=XX-YY", "/api/v1/summary",
    ]
    for path in paths { _ = try site.get(path) }
    let log = site.server.stop().stderr
    let lines = log.split(separator: "\n").filter { $0.contains(" GET /") }
    #expect(lines.count == paths.count, "\(log)")
    for (line, (path, status)) in zip(lines, zip(paths, ["200", "200", "404", "400", "200"])) {
      #expect(line.contains("GET \(path) \(status) "), "\(line)")
      #expect(line.hasSuffix(" ms"))
    }
  }

  /// Answers are kept while the database is unchanged; a curator's change shows at once.
  @Test func aChangeToTheDatabaseIsServedAtOnce() throws {
    try Self.withSite { site in
      let path = "/api/v1/entities/zp-a"
      #expect(try site.get(path).text.contains("\"population\": 100000"))
      #expect(try site.get(path).text.contains("\"population\": 100000"))
      _ = try site.cli([
        "entity", "edit", "zp-a", "--population", "123456", "--source", "fx-survey",
      ])
      #expect(try site.get(path).text.contains("\"population\": 123456"))
      #expect(try site.get("/entities/zp-a").text.contains("123,456"))
    }
  }

  /// Six visitors asking at once for the overview of a date nobody asked for: the report is
  /// built once (one log line), the others wait for it, and all get the same page.
  @Test func aReportAskedForByManyAtOnceIsBuiltOnce() throws {
    let site = try Site(seed: Fixtures.compareSeed)
    defer { site.cli.cleanUp() }
    let statuses = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 6) { _ in
      let status = (try? Self.client.get(site.base + "/?as_of=2023-03-03").status) ?? 0
      statuses.withLock { $0.append(status) }
    }
    let log = site.server.stop().stderr
    #expect(statuses.withLock { $0 } == [200, 200, 200, 200, 200, 200])
    let builds = log.split(separator: "\n").filter {
      $0.contains("built the adoption report") && $0.contains("|2023-03-03|")
    }
    #expect(builds.count == 1, "\(log)")
  }

  @Test func aRequestOverTheTimeLimitIsA503Page() throws {
    try Self.withSite(extra: ["--request-timeout", "0.000001"]) { site in
      let page = try site.get("/report?as_of=2024-01-01")
      #expect(page.status == 503)
      #expect(page.text.contains("took longer than"))
    }
  }

  /// What serving leaves of the database: every table's rows as they were (sqlite3's dump).
  @Test func servingChangesNoRow() throws {
    try Self.withSite { site in
      let before = try SQLiteShell.dump(site.cli.db)
      for path in Self.readingPaths { #expect(try site.get(path).status == 200, "\(path)") }
      #expect(try SQLiteShell.dump(site.cli.db) == before)
    }
  }

  static let readingPaths = [
    "/", "/accounts", "/entities/zp-a", "/report", "/rank", "/compare/zp-a?as_of=2024-01-01",
    "/api/v1/summary", "/api/v1/log",
  ]

  /// The bytes and modification time of `path`, and the names in its folder.
  static func fileState(_ path: String) throws -> (Data, Date?, [String]) {
    let fm = FileManager.default
    return (
      try Data(contentsOf: URL(fileURLWithPath: path)),
      try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date,
      try fm.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted()
    )
  }

  /// The server opens the file read-only: its bytes and modification time are as they were,
  /// and once it stops, its folder holds what it held (SQLite's -wal and -shm files, which any
  /// reader of a WAL database keeps open beside it, are removed when the server stops).
  @Test func servingWritesNothingToTheDatabaseFile() throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    // The server's log files go to the workspace folder: the database gets one of its own.
    let folder = cli.dir.appendingPathComponent("db")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let db = folder.appendingPathComponent("registry.sqlite").path
    try FileManager.default.moveItem(atPath: cli.db, toPath: db)
    let before = try Self.fileState(db)
    #expect(before.2 == ["registry.sqlite"])
    let server = try WebServerProcess(cli, db: db)
    for path in Self.readingPaths {
      #expect(try Self.client.get(server.baseURL + path).status == 200, "\(path)")
    }
    #expect(server.stop().status == 0)
    let after = try Self.fileState(db)
    #expect(after.0 == before.0, "the database file's bytes changed")
    #expect(after.1 == before.1, "the database file's modification time changed")
    #expect(after.2 == before.2, "left beside the database: \(after.2)")
  }

  /// A database the server's user may not write (root's file, mode 0444, in a folder of mode
  /// 0555, served by `nobody`) is served as it is; not even SQLite's -wal and -shm files are
  /// created beside it, while serving or after.
  /// (Only where `nobody` may reach the built programs: a checkout inside a folder of mode 0700
  /// keeps them out of its reach, and the next test covers that case.)
  @Test(
    .enabled(
      if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && ((try? RegistryCLI.binary).map { Self.everyoneMaySearch($0.deletingLastPathComponent()) }
          ?? false)
    ))
  func aDatabaseTheServerMayNotWriteIsServed() throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    let folder = cli.dir.appendingPathComponent("read-only")
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
      cli.cleanUp()
    }
    #expect(try cli.run(["init"]).status == 0)
    let expected = try cli.run(["accounts", "--format", "json"]).stdout
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let db = folder.appendingPathComponent("registry.sqlite").path
    try FileManager.default.copyItem(atPath: cli.db, toPath: db)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
    // The workspace folder (the server's log files) stays writable by nobody.
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cli.dir.path)
    let before = try Self.fileState(db)
    let server = try WebServerProcess(cli, db: db, asNobody: true)
    for path in Self.readingPaths {
      #expect(try Self.client.get(server.baseURL + path).status == 200, "\(path)")
    }
    let page = try Self.client.get(server.baseURL + "/api/v1/accounts")
    #expect(String(decoding: page.body, as: UTF8.self) == expected)
    #expect(try Self.fileState(db).2 == before.2, "side files created while serving")
    #expect(server.stop().status == 0)
    let after = try Self.fileState(db)
    #expect(after.0 == before.0 && after.1 == before.1)
    #expect(after.2 == before.2)
  }

  /// `serve` run by a user who may not read the folders above the program (here `nobody`, the
  /// program in a folder of root's of mode 0700) stops with an error naming what it could not
  /// start; it used to trap in Foundation's Bundle.main.
  @Test(
    .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
  func servingFromAFolderTheUserCannotReadIsAnErrorNotACrash() throws {
    let dir = try TemporaryDirectory(prefix: "serve-private")
    defer { dir.remove() }
    let folder = URL(fileURLWithPath: dir.path("private"))
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let program = folder.appendingPathComponent("registry-cli")
    try FileManager.default.copyItem(at: try RegistryCLI.binary, to: program)
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
    let result = try Subprocess.run(
      URL(fileURLWithPath: "/usr/bin/setpriv"),
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", program.path, "serve", "--db",
        "/nonexistent", "--port", "0",
      ],
      environment: ["HOME": "/", "PATH": "/usr/bin:/bin"], timeout: 60)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(!result.stderr.contains("crashed"), "\(result.stderr)")
    #expect(
      result.stderr.contains("registry-web") && result.stderr.hasPrefix("Error: "),
      "\(result.stderr)")
  }

  /// Whether every folder from `folder` up to / may be searched by anyone (mode o+x).
  static func everyoneMaySearch(_ folder: URL) -> Bool {
    var url = folder.standardizedFileURL
    while true {
      let mode =
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        ?? 0
      if mode & 0o001 == 0 { return false }
      if url.path == "/" { return true }
      url.deleteLastPathComponent()
    }
  }

  @Test func aMissingDatabaseIsRefusedNotCreated() throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    defer { cli.cleanUp() }
    let missing = cli.dir.appendingPathComponent("absent.sqlite").path
    let r = try cli.run(["serve", "--db", missing, "--port", "0"], useDB: false, timeout: 60)
    #expect(r.status != 0)
    #expect(r.stderr.contains("no database at \(missing)"))
    #expect(!FileManager.default.fileExists(atPath: missing))
  }
}
