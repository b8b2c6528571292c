import Foundation
import TestSupport
import Testing

/// Growth windows (docs/report.md, "Growth"): a W-day growth rests on a count within W/6 days
/// before the date and one within W/6 days of W days earlier, scaled to exactly W days, with the
/// two days reported; otherwise it is missing (no_baseline_in_window), in `compare`, `rank` and
/// the report alike.
struct GrowthWindowTests {
  /// The compare fixture with zp-b's x channel holding only two counts: 1,000 on 2025-01-15 and
  /// 2,000 on 2025-12-31 (the example), besides its fixture count of 2024-01-01.
  func withExample(_ body: (CLIWorkspace) throws -> Void) throws {
    let cli = try CLIWorkspace(seed: Fixtures.compareSeed)
    defer { cli.cleanUp() }
    let file = cli.dir.appendingPathComponent("counts.csv")
    try Data(
      ("platform,handle,observed_at,followers,source\n"
        + "x,zpb,2025-01-15T12:00:00Z,1000,fx-counts\n"
        + "x,zpb,2025-12-31T12:00:00Z,2000,fx-counts\n").utf8
    ).write(to: file)
    let r = try cli.run(["snapshot", "import", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    try body(cli)
  }

  @Test func compareLeavesGrowthOutsideItsWindowMissingAndScalesTheYear() throws {
    try withExample { cli in
      let r = try cli.run([
        "compare", "zp-b", "--platform", "x", "--as-of", "2025-12-31", "--format", "json",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let metrics = try #require(doc["metrics"] as? [[String: Any]])
      func metric(_ name: String) -> [String: Any]? {
        metrics.first { $0["metric"] as? String == name }
      }
      // 30 and 90 days: the only earlier count is 350 days back, outside both windows (within
      // 5 days of 2025-12-01, within 15 days of 2025-10-02). Today's main says +100% for both.
      for name in ["growth_30d", "growth_30d_pct", "growth_90d", "growth_90d_pct"] {
        #expect(metric(name)?["value"] is NSNull, "\(name)")
        #expect(metric(name)?["missing_reason"] as? String == "no_baseline_in_window", "\(name)")
      }
      // 365 days (tolerance 60): 2025-01-15 is 15 days after D − 365 = 2024-12-31. Elapsed 350
      // days, scaled to 365: 2^(365/350) = e^(0.693147 × 1.042857) = e^0.722854 = 2.060304 →
      // +106.0304%, 1,000 × 1.060304 = +1,060.30 followers.
      let pct = try #require(metric("growth_365d_pct")?["value"] as? Double)
      #expect(abs(pct - 106.0304) < 1e-4)
      let abs365 = try #require(metric("growth_365d")?["value"] as? Double)
      #expect(abs(abs365 - 1060.304) < 1e-3)
      // The two days used are given.
      let windows = try #require(doc["growth_windows"] as? [[String: Any]])
      let year = try #require(windows.first { $0["days"] as? Int == 365 })
      #expect(year["baseline_on"] as? String == "2025-01-15")
      #expect(year["end_on"] as? String == "2025-12-31")
      let quarter = try #require(windows.first { $0["days"] as? Int == 90 })
      #expect(quarter["baseline_on"] is NSNull)
      #expect(quarter["missing_reason"] as? String == "no_baseline_in_window")

      let table = try cli.run(["compare", "zp-b", "--platform", "x", "--as-of", "2025-12-31"])
      #expect(table.stdout.contains("365 days: 2025-01-15 → 2025-12-31"), "\(table.stdout)")
    }
  }

  @Test func rankDoesNotRankAChangeOverAnotherSpan() throws {
    try withExample { cli in
      // As of 2025-12-31, zp-b's 90-day change would rest on a 350-day-old count: not ranked.
      let r = try cli.run([
        "rank", "--metric", "growth_90d", "--platform", "x", "--as-of", "2025-12-31",
        "--format", "json",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let ranked = try #require(doc["ranked"] as? [[String: Any]])
      #expect(!ranked.contains { $0["entity_id"] as? String == "zp-b" })
      let missing = try #require(doc["missing"] as? [[String: Any]])
      let b = try #require(missing.first { $0["entity_id"] as? String == "zp-b" })
      #expect(b["missing_reason"] as? String == "no_baseline_in_window")

      // zp-a as of 2024-01-01: counts on 2023-10-03 (1,800) and 2024-01-01 (2,000), exactly
      // 90 days apart: +11.11%, with both days in the CSV.
      let csv = try cli.run([
        "rank", "--metric", "growth_90d", "--platform", "x", "--as-of", "2024-01-01",
        "--format", "csv",
      ])
      #expect(
        csv.stdout.hasPrefix(
          "rank,entity_id,name,region,value,followers_start_90d,followers_end_90d,followers,"
            + "baseline_on_90d,end_on_90d,missing_reason"), "\(csv.stdout)")
      #expect(
        csv.stdout.contains(
          "1,zp-a,Zone A,BE-VLG,11.1111111111,1800,2000,2000,2023-10-03,2024-01-01,"))
    }
  }

  @Test func reportGrowthAndDataQualityUseTheWindows() throws {
    try withExample { cli in
      let r = try cli.run(["report", "adoption", "--as-of", "2025-12-31", "--format", "json"])
      #expect(r.status == 0, "\(r.stderr)")
      let doc = try #require(try parseJSON(r.stdout) as? [String: Any])
      let summary = try #require(doc["summary"] as? [String: Any])
      let growth = try #require(summary["growth"] as? [String: [String: Any]])
      // Only zp-b's x channel is fresh on 2025-12-31: no 90-day growth (today's main: +100%).
      #expect(growth["90d"]?["absolute"] is NSNull)
      #expect(growth["90d"]?["channels"] as? Int == 0)
      let year = try #require(growth["365d"])
      #expect(abs((year["absolute"] as? Double ?? 0) - 1060.304) < 1e-3)
      #expect(year["baseline_on"] as? String == "2025-01-15")
      #expect(year["end_on"] as? String == "2025-12-31")
      let quality = try #require(doc["data_quality"] as? [String: Int])
      #expect(quality["no_baseline_90d"] == 1)
      #expect(quality["no_baseline_365d"] == 0)
      let md = try cli.run(["report", "adoption", "--as-of", "2025-12-31"])
      #expect(md.stdout.contains("scaled to 365 days"), "\(md.stdout)")
      #expect(md.stdout.contains("no count within 15 days of D − 90"))
    }
  }
}
