import Testing

@testable import Stats

@Suite struct AccountSummaryTests {
  @Test func countsEntitiesPerGroupAndPlatform() {
    let s = AccountSummary.compute(
      [
        SummaryEntity(group: "BE-WAL", platforms: ["x"]),
        SummaryEntity(group: "BE-WAL", platforms: ["x", "facebook_page"]),
        SummaryEntity(group: "BE-WAL", platforms: []),
        SummaryEntity(group: "BE-BRU", platforms: ["website"]),
      ], platforms: ["x", "facebook_page"])
    #expect(s.lines.map(\.group) == ["BE-BRU", "BE-WAL"])
    #expect(s.lines[1].entities == 3)
    #expect(s.lines[1].withAny == 2)
    #expect(s.lines[1].perPlatform == ["x": 2, "facebook_page": 1])
    // A website is not one of the counted platforms.
    #expect(s.lines[0].withAny == 0)
  }
}
