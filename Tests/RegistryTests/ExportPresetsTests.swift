import Foundation
import Testing
import Vocabulary

@testable import Registry

@Test func facebookPageExportMapsFollowersAndEngagements() throws {
  let p = ExportPreset.named("facebook-page-insights")!
  let header = ["Date", "Facebook Page followers", "Reach", "Post engagements"]
  let rows = [
    ["2024-05-01", "12,345", "900", "150"],
    ["2024-05-02", "12,351", "1 020", "171"],
    ["Total", "", "", "321"],
  ]
  let out = try p.convert(
    header: header, rows: rows, handle: "politiezonegent", sourceURL: nil, file: "fb.csv"
  ).get()
  #expect(
    out == [
      ["facebook_page", "politiezonegent", "2024-05-01", "12345", "", "", "150", "1", ""],
      ["facebook_page", "politiezonegent", "2024-05-02", "12351", "", "", "171", "1", ""],
    ])
  #expect(p.mapping(header: header)["followers"] == "Facebook Page followers")
}

@Test func instagramEngagementsAreTheSumOfLikesCommentsShares() throws {
  let p = ExportPreset.named("instagram-insights")!
  let out = try p.convert(
    header: ["Date", "Instagram followers", "Likes", "Comments", "Shares"],
    rows: [["2024-05-01T00:00:00", "800", "40", "5", "3"]], handle: "police.example",
    sourceURL: "https://example.org/export", file: "ig.csv"
  ).get()
  // 40 + 5 + 3 = 48 engagements over 1 day.
  #expect(
    out == [
      [
        "instagram", "police.example", "2024-05-01", "800", "", "", "48", "1",
        "https://example.org/export",
      ]
    ])
}

@Test func xAnalyticsDatesWithMonthNamesAreRead() throws {
  let p = ExportPreset.named("x-analytics")!
  let out = try p.convert(
    header: ["Date", "Impressions", "Engagements", "Likes"],
    rows: [["Fri, May 31, 2024", "1000", "37", "20"]], handle: "zp5327", sourceURL: nil,
    file: "x.csv"
  ).get()
  #expect(out == [["x", "zp5327", "2024-05-31", "", "", "", "37", "1", ""]])
}

@Test func badCountIsRefusedWithItsLine() {
  let p = ExportPreset.named("tiktok-analytics")!
  let result = p.convert(
    header: ["Date", "Followers"], rows: [["2024-05-01", "10"], ["2024-05-02", "lots"]],
    handle: "police", sourceURL: nil, file: "tt.csv")
  #expect(
    throws: RegistryError.input(
      file: "tt.csv", line: 3, field: "Followers", reason: "'lots' is not a count")
  ) {
    try result.get()
  }
}

@Test func exportWithoutDateColumnIsRefused() {
  let p = ExportPreset.named("youtube-studio")!
  let result = p.convert(
    header: ["Day", "Views"], rows: [], handle: "police", sourceURL: nil, file: "yt.csv")
  guard case .failure(.input(_, let line, let field, _)) = result else {
    Issue.record("expected a refusal")
    return
  }
  #expect(line == 1)
  #expect(field == "Date")
}

@Test func everyPresetHasAUniqueNameAndAPlatformWithoutAPublicCollector() {
  let names = ExportPreset.all.map(\.name)
  #expect(Set(names).count == names.count)
  #expect(ExportPreset.all.allSatisfy { !Collector.isSupported($0.platform) })
}
