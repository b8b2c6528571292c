import Foundation
import TestSupport
import Testing

/// `registry-cli collect websites` against the zone sites `FakeZoneSites` serves on 127.0.0.1.
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

  /// The surveys as `entity|platform|result|handle|confidence` lines, sorted.
  static func surveys(_ db: String) throws -> [String] {
    try sql(
      db,
      """
      SELECT entity_id || '|' || platform || '|' || result || '|' || coalesce(handle, '') || '|'
        || confidence FROM survey ORDER BY 1
      """
    ).split(separator: "\n").map(String.init)
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

  @Test func surveysEveryZoneSiteAndListsWhatNeedsAPerson() throws {
    let server = try StubHTTPServer { FakeZoneSites.handle($0) }
    defer { server.stop() }
    let cli = try CLIWorkspace(seed: Fixtures.websitesSeed)
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    let run = try cli.run(["collect", "websites"] + Self.common(server, cli.db), useDB: false)
    print(run.stdout)
    print(run.stderr)
    #expect(run.status == 3, "\(run.stderr)")
    let rep = try cli.run([
      "report", "adoption", "--platform", "x", "--platform", "facebook_page", "--min-confidence",
      "low", "--format", "csv",
    ])
    print(rep.stdout, rep.stderr)
    let md = try cli.run([
      "report", "adoption", "--platform", "x", "--platform", "facebook_page", "--min-confidence",
      "low",
    ])
    print(md.stdout.prefix(6000))
  }
}
