import Foundation
import TestSupport
import Testing

/// Listings that agree with the report: `accounts` says when an entity ended and lists today's
/// entities by default, `summary` counts what the report counts, `compare` takes an entity the
/// way `show` does, Facebook page names follow Facebook's rules, `validate` lists near-duplicate
/// handles, and no message names a command that does not exist.
@Suite(.serialized) struct ListingsAgreeTests {
  static func rows(_ r: ProcessResult) throws -> [[String: Any]] {
    #expect(r.status == 0, "\(r.stderr)")
    return try parseJSON(r.stdout) as? [[String: Any]] ?? []
  }

  static func workspace(_ seed: String = Fixtures.miniSeed) throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: seed)
    let r = try cli.run(["init"])
    guard r.status == 0 else { throw SubprocessError("init failed: \(r.stderr)") }
    return cli
  }

  @Test func accountsListsTodaysEntitiesAndSaysWhenAnEntityEnded() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    // be-pz-old-a ended 2017-01-01 (merged), with its channel x/oldzonea.
    let today = try Self.rows(try cli.run(["accounts", "--format", "json"]))
    #expect(!today.contains { $0["channel_key"] as? String == "x/oldzonea" })
    #expect(today.allSatisfy { $0.keys.contains("entity_valid_to") })
    let all = try Self.rows(try cli.run(["accounts", "--include-ceased", "--format", "json"]))
    let old = all.first { $0["channel_key"] as? String == "x/oldzonea" }
    #expect(old?["entity_valid_to"] as? String == "2017-01-01")
    #expect(all.count == today.count + 1)
    let past = try Self.rows(
      try cli.run(["accounts", "--as-of", "2016-06-01", "--format", "json"]))
    #expect(past.contains { $0["channel_key"] as? String == "x/oldzonea" })
    let table = try cli.run(["accounts", "--include-ceased"])
    #expect(table.stdout.contains("entity_valid_to"), "\(table.stdout)")
  }

  @Test func summaryCountsWhatTheReportCounts() throws {
    let cli = try Self.workspace(Fixtures.reportSeed)
    defer { cli.cleanUp() }
    let day = "2021-06-30"
    let report =
      try parseJSON(
        try cli.run(["report", "adoption", "--as-of", day, "--format", "json"]).stdout)
      as? [String: Any] ?? [:]
    var expected: [String: Int] = [:]
    for g in report["regions"] as? [[String: Any]] ?? [] {
      let region = g["region"] as? String ?? ""
      let platform = g["platform"] as? String ?? ""
      expected["\(region) \(platform == "any" ? "adopters_any" : platform)"] = g["adopters"] as? Int
      if platform == "any" {
        expected["\(region) entities"] = g["entities"] as? Int
        for status in ["present", "absent", "unknown"] {
          expected["\(region) \(status)"] = g[status] as? Int
        }
      }
    }
    #expect(expected.count >= 8, "\(expected)")
    let summary = try Self.rows(try cli.run(["summary", "--as-of", day, "--format", "json"]))
    var found: [String: Int] = [:]
    for row in summary where row["country"] as? String == "BE" {
      let region = row["region"] as? String ?? ""
      for (k, v) in row where k != "country" && k != "region" {
        found["\(region) \(k)"] = v as? Int
      }
    }
    #expect(found == expected)
    // By hand, BE-WAL as of 2021-06-30: zones e, f, g, h exist (4); zone-e (x since 2014) and
    // zone-f (facebook 2018, instagram first seen 2021-03-01) are on social media; zone-g has a
    // website and an x channel with no date of its own, counted from its source's date; zone-h's
    // x closed in 2017 and a survey found it absent: 3 adopters, 1 absent, no website column.
    #expect(found["BE-WAL entities"] == 4 && found["BE-WAL adopters_any"] == 3)
    #expect(found["BE-WAL absent"] == 1 && found["BE-WAL unknown"] == 0)
    #expect(found["BE-WAL website"] == nil)
    let r = try cli.run(["summary", "--as-of", day])
    #expect(r.stderr.contains("the adoption report's counts"), "\(r.stderr)")
  }

  @Test func compareTakesAnEntityTheWayShowDoes() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    func compared(_ text: String) throws -> String? {
      let r = try cli.run(["compare", text, "--as-of", "2014-06-01", "--format", "json"])
      #expect(r.status == 0, "\(text): \(r.stderr)")
      let doc = try parseJSON(r.stdout) as? [String: Any] ?? [:]
      return (doc["entity"] as? [String: Any])?["id"] as? String
    }
    // be-pz-leuven: code 5388, name Leuven (the mini seed's names), channels x/politieleuven
    // and facebook_page/politieleuven.
    for text in [
      "be-pz-leuven", "5388", "https://twitter.com/politieleuven", "x/politieleuven",
      "facebook.com/Politie.Leuven",
    ] {
      #expect(try compared(text) == "be-pz-leuven", "\(text)")
    }
    let name = try SQLiteShell.run(
      cli.db, "SELECT name FROM entity_name WHERE entity_id = 'be-pz-leuven' LIMIT 1")
    #expect(try compared(name.uppercased()) == "be-pz-leuven")
    #expect(try compared("@zp5327") == "be-pz-lermes")
    let unknown = try cli.run(["compare", "nowhere-zone", "--as-of", "2014-06-01"])
    #expect(unknown.status != 0)
    #expect(
      unknown.stderr.contains("no entity or channel matches 'nowhere-zone'"), "\(unknown.stderr)")
    #expect(unknown.stderr.contains("registry-cli entities --search nowhere-zone"))
    #expect(!unknown.stderr.contains("registry-cli search"))
  }

  /// Every `registry-cli WORD` that a message or help text in the sources suggests is a
  /// command the binary has.
  @Test func noMessageSuggestsACommandThatDoesNotExist() throws {
    let help = try RegistryCLI.run(["--help"])
    let commands = Set(
      help.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
        .compactMap { $0.split(separator: " ").first.map(String.init) } ?? [])
    #expect(commands.contains("accounts") && commands.contains("compare"), "\(help.stdout)")
    let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
    let files =
      FileManager.default.enumerator(atPath: sources.path)?
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    #expect(!files.isEmpty)
    let pattern = try NSRegularExpression(pattern: "`registry-cli ([a-z][a-z-]*)")
    for file in files {
      let text = try String(
        contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      let range = NSRange(text.startIndex..., in: text)
      for m in pattern.matches(in: text, range: range) {
        let word = String(text[Range(m.range(at: 1), in: text)!])
        #expect(commands.contains(word), "\(file) suggests `registry-cli \(word)`")
      }
    }
  }

  /// Facebook's username rules: periods and case do not tell page names apart.
  @Test func facebookPageNamesDifferingInPeriodsOrCaseAreOneChannel() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    var r = try cli.run([
      "channel", "add", "facebook.com/politie.lier.", "--entity", "be-pz-namur", "--source",
      "doc-001",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "facebook_page/politielier\n")
    for other in ["politie.lier", "PolitieLier"] {
      r = try cli.run([
        "channel", "add", other, "--platform", "facebook_page", "--entity", "be-pz-namur",
        "--source", "doc-001",
      ])
      #expect(r.status != 0, "\(other) was added as another channel")
      #expect(r.stderr.contains("is already channel facebook_page/politielier"), "\(r.stderr)")
    }
    #expect(
      try SQLiteShell.run(cli.db, "SELECT count(*) FROM channel WHERE platform = 'facebook_page'")
        == "2")
  }

  @Test func validateListsNearDuplicateHandles() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    for handle in ["@politie_namur", "@politienamur"] {
      let r = try cli.run([
        "channel", "add", handle, "--entity", "be-pz-namur", "--source", "doc-001",
      ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let findings = try Self.rows(try cli.run(["validate", "--format", "json"]))
    let near = findings.filter { $0["check"] as? String == "near_duplicate_handle" }
    #expect(near.count == 1, "\(near)")
    let message = near.first?["message"] as? String ?? ""
    #expect(
      message.contains("x/politie_namur (be-pz-namur)")
        && message.contains("x/politienamur (be-pz-namur)"))
  }
}
