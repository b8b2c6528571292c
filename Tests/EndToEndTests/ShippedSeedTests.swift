import Foundation
import TestSupport
import Testing

/// The shipped seed (data/seed) through the built binary: the counts over time its sources
/// give, the 2018 study beside the estimate, and channels that no source names (no handle) in
/// every listing, the lookup, the report and validate.
@Suite(.serialized) struct ShippedSeedTests {
  static func workspace() throws -> CLIWorkspace {
    let cli = try CLIWorkspace(seed: Fixtures.dataSeed)
    try cli.run(["init"])
    return cli
  }

  static func csvRows(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\r\n").map(String.init)
    guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
    return lines.dropFirst().map { line in
      // The columns read here (id, region, population) hold no quotes or commas.
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }

  /// 195 zones in the 2013 table; 99/71/6 in the 2026 list, 11,492,641 inhabitants (Statbel
  /// 2020, the 581 municipalities); no placeholder zone in any listing.
  @Test func zoneCountsOverTime() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let y2013 = try cli.run([
      "entities", "--kind", "local_police", "--as-of", "2013-06-30", "--format", "csv",
    ])
    #expect(y2013.status == 0, "\(y2013.stderr)")
    #expect(Self.csvRows(y2013.stdout).count == 195)
    let today = try cli.run([
      "entities", "--kind", "local_police", "--country", "BE", "--as-of", "2026-11-30",
      "--format", "csv",
    ])
    let rows = Self.csvRows(today.stdout)
    var byRegion: [String: Int] = [:]
    for r in rows { byRegion[r["region"] ?? "", default: 0] += 1 }
    #expect(byRegion == ["BE-VLG": 99, "BE-WAL": 71, "BE-BRU": 6])
    #expect(rows.map { Int($0["population"] ?? "") ?? 0 }.reduce(0, +) == 11_492_641)
    let all = try cli.run(["entities", "--format", "csv"])
    #expect(!all.stdout.contains("unresolved"))
    #expect(!all.stdout.contains("placeholder"))
  }

  /// The HTML report's map draws the zones of its date: 195 outlines on 2013-06-30 (the zones of
  /// the 2013 table), 176 on 2026-06-30, never a ceased zone over the zone that replaced it (each
  /// outline once, and the ids are those `entities --as-of` lists). With one region, the other
  /// regions' zones of that day are drawn as out of scope, not their predecessors.
  @Test func theReportMapDrawsTheZonesOfItsDate() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    func zones(_ html: String) -> [(id: String, out: Bool)] {
      html.components(separatedBy: "<path class=\"zone").dropFirst().map { tail in
        let out = tail.hasPrefix(" out")
        let id = tail.components(separatedBy: "data-entity=\"")[1]
          .components(separatedBy: "\"")[0]
        return (id, out)
      }
    }
    for (day, count) in [("2013-06-30", 195), ("2024-06-30", 183), ("2026-06-30", 176)] {
      let listed = try cli.run([
        "entities", "--kind", "local_police", "--as-of", day, "--format", "csv",
      ])
      let existing = Set(Self.csvRows(listed.stdout).compactMap { $0["id"] })
      #expect(existing.count == count, "\(day)")
      let html = try cli.run(["report", "adoption", "--as-of", day, "--format", "html"])
      #expect(html.status == 0, "\(html.stderr)")
      let drawn = zones(html.stdout)
      #expect(drawn.count == count, "\(day): \(drawn.count) outlines")
      #expect(Set(drawn.map(\.id)) == existing, "\(day)")
      #expect(drawn.allSatisfy { !$0.out }, "\(day)")
    }
    // Flanders on 2024-06-30: 106 zones in scope, the 77 Walloon and Brussels zones of that day
    // (183 - 106) out of scope.
    let flanders = try cli.run([
      "report", "adoption", "--as-of", "2024-06-30", "--region", "BE-VLG", "--format", "html",
    ])
    let drawn = zones(flanders.stdout)
    #expect(drawn.filter { !$0.out }.count == 106)
    #expect(drawn.filter(\.out).count == 183 - 106)
  }

  @Test func theStudyOf2018BesideTheEstimateAndTheWebsiteSettingsCoverage() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let r = try cli.run(["report", "adoption", "--as-of", "2018-06-30", "--region", "BE-VLG"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Published: 80%, 2018-05-01 (month): Flemish police zones with a"))
    #expect(r.stdout.contains("Published: 68%, 2018-05-01 (month): Flemish police zones on"))
    // Mechelen's merger into Mechelen-Willebroek is dated to the year 2015 only (GvA 2021).
    #expect(
      r.stdout.contains(
        "- be-pz-mechelen: end 2015-12-31 (between 2015-01-01 and 2015-12-31; source gva-2021-mewi)"
      ))
    let low = try cli.run([
      "report", "adoption", "--as-of", "2015-06-30", "--min-confidence", "low", "--format", "json",
    ])
    let json = try #require(try parseJSON(low.stdout) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    let platforms = try #require(summary["platforms"] as? [[String: Any]])
    let x = try #require(platforms.first { $0["platform"] as? String == "x" })
    let coverage = try #require(x["coverage"] as? Double)
    #expect(coverage > 0.5)
    #expect(x["low_coverage"] as? Bool == false)
    #expect(x["estimate_ci_low"] is Double && x["estimate_ci_high"] is Double)
  }

  /// Charleroi's page: recorded without a handle (no source names it).
  @Test func aChannelWithoutAHandleInEveryListing() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let key = "facebook_page/unknown:be-pz-charleroi"
    let json = try cli.run([
      "accounts", "--entity", "be-pz-charleroi", "--platform", "facebook_page", "--format", "json",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(try parseJSON(json.stdout) as? [[String: Any]])
    let row = try #require(rows.first { $0["channel_key"] as? String == key })
    #expect(row["handle"] is NSNull)
    let csv = try cli.run(["accounts", "--entity", "be-pz-charleroi", "--format", "csv"])
    #expect(csv.status == 0)
    let table = try cli.run(["accounts", "--entity", "be-pz-charleroi"])
    #expect(table.status == 0)
    #expect(table.stdout.contains("facebook_page"))
    let show = try cli.run(["show", key])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("facebook_page (handle unknown)  [\(key)]"))
    let entity = try cli.run(["show", "be-pz-charleroi"])
    #expect(entity.stdout.contains("(handle unknown)"))
    let report = try cli.run(["report", "adoption", "--as-of", "2020-01-01", "--format", "html"])
    #expect(report.status == 0, "\(report.stderr)")
    let validate = try cli.run(["validate", "--format", "csv"])
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(
      validate.stdout.contains(
        "info,handle_unknown,\(key),handle unknown: the source doc-000-uvcw-charleroi-2019 shows"))
    #expect(validate.stdout.contains("warning,code_conflict,code 5277,sources disagree"))
    // Five zones whose account a later source showed without naming it, beside the named one:
    // each pair is listed for a person to tell whether it is one account.
    let duplicates = validate.stdout.split(whereSeparator: \.isNewline).filter {
      $0.contains(",possible_duplicate_channel,")
    }
    #expect(duplicates.count == 5, "\(duplicates)")
    #expect(
      validate.stdout.contains(
        "warning,possible_duplicate_channel,x/unknown:be-pz-bruxelles-capitale-ixelles,"
          + "\"be-pz-bruxelles-capitale-ixelles also has x/zpz_polbru open on this platform"))
    #expect(validate.stdout.contains("info,uncertain_date,be-pz-mechelen,end 2015-12-31"))
    // Noord-Limburg's merger, announced on 2025-05-26 for early 2026: after that day.
    #expect(
      validate.stdout.contains(
        "info,uncertain_date,be-pz-lommel,end 2026-05-11 (between 2025-05-27 and 2026-05-11;"))
    #expect(validate.stderr.contains(" 0 error(s)"))
  }

  /// `channel merge` on the Brussels pair `validate` lists: the account the 2020 article counted
  /// without naming it becomes x/zpz_polbru. The report counts one open channel fewer, the same
  /// audience (the article's 30,000 were the only count), the same adoption over the years.
  @Test func mergingTheUnnamedBrusselsAccountCountsItOnce() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    let unnamed = "x/unknown:be-pz-bruxelles-capitale-ixelles"
    let report = [
      "report", "adoption", "--as-of", "2021-06-30", "--region", "BE-BRU", "--format", "json",
    ]
    func json(_ r: ProcessResult) throws -> [String: Any] {
      #expect(r.status == 0, "\(r.stderr)")
      return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }
    func xRow(_ j: [String: Any]) -> [String: Any]? {
      (j["regions"] as? [[String: Any]])?.first {
        $0["region"] as? String == "BE-BRU" && $0["platform"] as? String == "x"
      }
    }
    let before = try json(try cli.run(report))
    let merge = try cli.run([
      "channel", "merge", unnamed, "--into", "x/zpz_polbru", "--source-url",
      "https://example.org/a-check", "--source-title", "A check",
    ])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(
      merge.stderr.contains(
        "merged \(unnamed) into x/zpz_polbru: 1 snapshot(s), 0 retracted snapshot(s) and 0 "
          + "survey(s) moved"))
    let after = try json(try cli.run(report))
    let quality = { (j: [String: Any]) in
      (j["data_quality"] as? [String: Any])?["open_social_channels"] as? Int
    }
    #expect(quality(before) == 6)
    #expect(quality(after) == 5)
    #expect(xRow(before)?["followers_sum"] as? Int == 30_000)
    #expect(xRow(after)?["followers_sum"] as? Int == 30_000)
    #expect(xRow(before)?["adopters"] as? Int == xRow(after)?["adopters"] as? Int)
    #expect((before["diffusion"] as? NSArray)?.isEqual(after["diffusion"] as? [Any] ?? []) == true)

    let accounts = try cli.run([
      "accounts", "--region", "BE-BRU", "--platform", "x", "--format", "csv",
    ])
    #expect(!accounts.stdout.contains(unnamed))
    #expect(accounts.stdout.contains("x/zpz_polbru"))
    let show = try cli.run(["show", unnamed])
    #expect(show.status != 0)
    #expect(show.stderr.contains("was merged into x/zpz_polbru at "), "\(show.stderr)")
    let log = try cli.run(["log", "--channel", unnamed, "--format", "csv"])
    #expect(log.status == 0, "\(log.stderr)")
    #expect(log.stdout.contains(",merge,channel,\(unnamed),merged_into,,x/zpz_polbru,"))
    let validate = try cli.run(["validate", "--format", "csv"])
    #expect(
      validate.stdout.split(whereSeparator: \.isNewline).filter {
        $0.contains(",possible_duplicate_channel,")
      }.count == 4)
    #expect(validate.stderr.contains(" 0 error(s)"), "\(validate.stderr)")
  }

  /// Brakel (5426) and the earlier Vlaamse Ardennen (5425) merged into today's Vlaamse Ardennen on
  /// 2025-01-01 (BeSafe): each zone's inhabitants are counted once at every date. Statbel 2020:
  /// Brakel 14,803 + Horebeke 2,022 + Maarkedal 6,338 + Zwalm 8,167 = 31,330; Oudenaarde 31,612 +
  /// Kluisbergen 6,577 + Wortegem-Petegem 6,395 + Kruisem 15,743 = 60,327; together 91,657.
  @Test func brakelAndVlaamseArdennenMergedOn2025_01_01() throws {
    let cli = try Self.workspace()
    defer { cli.cleanUp() }
    func zones(_ day: String) throws -> [String: String] {
      let r = try cli.run([
        "entities", "--kind", "local_police", "--as-of", day, "--format", "csv",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      var out: [String: String] = [:]
      for row in Self.csvRows(r.stdout)
      where (row["id"] ?? "").contains("vlaamse-ardennen")
        || row["id"] == "be-pz-brakel"
      {
        out[row["id"] ?? ""] = row["population"]
      }
      return out
    }
    #expect(
      try zones("2024-12-31") == [
        "be-pz-brakel": "31330", "be-pz-vlaamse-ardennen-5425": "60327",
      ])
    #expect(try zones("2025-01-01") == ["be-pz-vlaamse-ardennen": "91657"])
    let show = try cli.run(["show", "be-pz-vlaamse-ardennen"])
    #expect(show.stdout.contains("predecessor    be-pz-brakel, merged 2025-01-01"))
    #expect(show.stdout.contains("predecessor    be-pz-vlaamse-ardennen-5425, merged 2025-01-01"))
    // The 2013 account stays with the zone that had it (no source says it passed on).
    let account = try cli.run(["show", "x/pzvlaardennen"])
    #expect(account.stdout.contains("be-pz-vlaamse-ardennen-5425"), "\(account.stdout)")
  }
}
