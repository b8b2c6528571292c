import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct FoundationCLITests {
  @Test func firstUseCreatesDatabaseFromSeedAndSaysSo() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let r = try cli.run(["accounts", "--format", "csv"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("does not exist: creating it from the seed"))
    #expect(FileManager.default.fileExists(atPath: cli.db))
    let again = try cli.run(["accounts", "--format", "csv"])
    #expect(!again.stderr.contains("creating"))
    #expect(again.stdout == r.stdout)
  }

  @Test func walloonXAccountsAsJSON() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let r = try cli.run(["accounts", "--region", "BE-WAL", "--platform", "x", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try #require(try parseJSON(r.stdout) as? [[String: Any]])
    #expect(
      rows.compactMap { $0["handle"] as? String }.sorted() == [
        "policecomines", "policemonsquevy", "zp5327",
      ])
    let zp = try #require(rows.first { $0["handle"] as? String == "zp5327" })
    #expect(zp["entity_code"] as? String == "5327")
    #expect(zp["followers"] as? Int == 1500)
    #expect(zp["region"] as? String == "BE-WAL")
    #expect(zp["source"] as? String == "doc-001")
    #expect(rows.first { $0["handle"] as? String == "policecomines" }?["followers"] is NSNull)
  }

  @Test func everyListingFormat() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let csv = try cli.run(["accounts", "--region", "BE-WAL", "--format", "csv"])
    let lines = csv.stdout.split(separator: "\r\n")
    #expect(lines.first?.hasPrefix("entity_code,entity_name,region,platform,handle,url") == true)
    #expect(lines.count == 4)
    let nd = try cli.run(["accounts", "--region", "BE-WAL", "--format", "ndjson"])
    let objects = nd.stdout.split(separator: "\n")
    #expect(objects.count == 3)
    for o in objects { #expect((try? parseJSON(String(o))) is [String: Any]) }
    let table = try cli.run(["accounts", "--region", "BE-WAL"])
    #expect(table.stdout.contains("policemonsquevy"))
    #expect(table.stdout.hasSuffix("(3 rows)\n"))
    let limited = try cli.run([
      "entities", "--format", "csv", "--sort=-population", "--limit", "2",
    ])
    #expect(
      limited.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] } == [
        "gb-gmp", "be-pz-polbru",
      ])
    let flag = try cli.run(["entities", "--format", "csv", "--sort", "population", "--desc"])
    #expect(flag.stdout.split(separator: "\r\n").dropFirst().first?.hasPrefix("gb-gmp,") == true)
  }

  @Test func showResolvesHandleAndURLToTheSameChannel() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let a = try cli.run(["show", "@ZP5327", "--format", "json"])
    let b = try cli.run(["show", "https://twitter.com/zp5327", "--format", "json"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout == b.stdout)
    #expect(a.stdout.contains("\"key\": \"x/zp5327\""))
    let text = try cli.run(["show", "5388"])
    #expect(text.stdout.contains("Leuven  [be-pz-leuven]"))
    #expect(text.stdout.contains("name (fr)"))
    #expect(text.stdout.contains("facebook_page politieleuven"))
    let merged = try cli.run(["show", "be-pz-new-ab"])
    #expect(merged.stdout.contains("predecessor    be-pz-old-a, merged 2017-01-01"))
  }

  @Test func unknownThingsGetClearErrors() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let region = try cli.run(["accounts", "--region", "BE-XYZ"])
    #expect(region.status != 0)
    #expect(region.stderr.contains("unknown region 'BE-XYZ'"))
    #expect(region.stderr.contains("BE-WAL (Walloon Region)"))
    let platform = try cli.run(["accounts", "--platform", "myspace"])
    #expect(platform.status != 0)
    #expect(platform.stderr.contains("unknown platform 'myspace'"))
    let show = try cli.run(["show", "@nobodyhere"])
    #expect(show.status != 0)
    #expect(show.stderr.contains("no entity or channel matches '@nobodyhere'"))
    let date = try cli.run(["accounts", "--as-of", "2013-02-30"])
    #expect(date.status != 0)
    #expect(date.stderr.contains("--as-of"))
  }

  @Test func entitiesAsOfFollowLineage() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    func ids(_ day: String) throws -> [String] {
      let r = try cli.run(["entities", "--region", "BE-VLG", "--as-of", day, "--format", "json"])
      return (try parseJSON(r.stdout) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        .sorted()
    }
    #expect(try ids("2016-12-31") == ["be-pz-leuven", "be-pz-old-a", "be-pz-old-b"])
    #expect(try ids("2017-01-01") == ["be-pz-leuven", "be-pz-new-ab"])
    let without = try cli.run([
      "entities", "--without-channels", "--region", "BE-WAL", "--format", "csv",
    ])
    #expect(without.stdout.contains("be-pz-namur"))
  }

  @Test func initIsIdempotentAndForceRebuilds() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let first = try cli.run(["init"])
    #expect(first.status == 0)
    #expect(first.stderr.contains("11 entities, 8 channels, 3 snapshots"))
    let second = try cli.run(["init"])
    #expect(second.status == 0)
    #expect(second.stderr.contains("nothing to do"))
    let forced = try cli.run(["init", "--force"])
    #expect(forced.status == 0)
    #expect(forced.stderr.contains("created"))
  }

  @Test func badSeedLeavesNoDatabase() throws {
    let tmp = try TemporaryDirectory(prefix: "bad-seed")
    defer { tmp.remove() }
    let seed = tmp.url.appendingPathComponent("seed")
    try FileManager.default.copyItem(atPath: Fixtures.miniSeed, toPath: seed.path)
    try "key,title,publisher,url,published_on,retrieved_on,note\ndoc-001,,x,,,,\n"
      .write(to: seed.appendingPathComponent("sources.csv"), atomically: true, encoding: .utf8)
    let cli = try CLIWorkspace(seed: seed.path)
    defer { cli.cleanUp() }
    let r = try cli.run(["init"])
    #expect(r.status != 0)
    #expect(r.stderr.contains(seed.path + "/sources.csv:2: title: is empty"))
    #expect(!FileManager.default.fileExists(atPath: cli.db))
  }
}

/// The shipped seed through the whole program: what a new user's first report counts.
@Suite struct ShippedSeedReportTests {
  @Test func firstReportCounts176ZonesWithoutAPlaceholder() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    // On the day of the 2026 list: the mergers no source dates count from that day (the latest
    // date the sources allow), so 2026-05-11 is the first day with 176 zones.
    let r = try cli.run(["report", "adoption", "--as-of", "2026-05-11", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(try parseJSON(r.stdout) as? [String: Any])
    let summary = try #require(report["summary"] as? [String: Any])
    // 99 Flemish + 71 Walloon + 6 Brussels zones.
    #expect(summary["entities"] as? Int == 176)
    let quality = try #require(report["data_quality"] as? [String: Any])
    #expect(quality["placeholders_excluded"] as? Int == 0)
    // The day before, the zones of the undated mergers still count instead of their 4
    // successors (Noord-Limburg 3, Tongeren-Borgloon-Heers-Herstappe-Wellen 2, Aalter-Maldegem 2,
    // Scheldewaas 3): 176 - 4 + 10. (Brakel, Getevallei's and Deinze-Zulte-Lievegem's
    // predecessors have dated mergers since 2026-11-30.)
    let before = try cli.run(["report", "adoption", "--as-of", "2026-05-10", "--format", "json"])
    let earlier = try #require(try parseJSON(before.stdout) as? [String: Any])
    #expect((earlier["summary"] as? [String: Any])?["entities"] as? Int == 182)
    // @zp5327 (Boraine's now) is among the Walloon X accounts.
    let accounts = try cli.run([
      "accounts", "--region", "BE-WAL", "--platform", "x", "--format", "json",
    ])
    let handles = (try parseJSON(accounts.stdout) as? [[String: Any]] ?? []).compactMap {
      $0["handle"] as? String
    }
    #expect(Set(handles).isSuperset(of: ["policecomines", "policemonsquevy", "zp5327"]))
  }
}
