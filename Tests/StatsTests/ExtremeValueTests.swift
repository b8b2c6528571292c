import Testing
import Vocabulary

@testable import Stats

/// No arithmetic in Stats or the renderers traps, whatever a database holds: every figure is a
/// number or a missing reason (`out_of_range` for results too large to be a figure).
struct ExtremeValueTests {
  static let d = day(20_000)

  /// One entity and one x channel with `followers` at D and at D − 90 (`start`), and a
  /// population.
  static func input(followers: Int, start: Int, population: Int?) -> ReportInput {
    ReportInput(
      asOf: d, stalenessDays: 365,
      filters: ReportFilters(country: "BE", regions: [], kinds: [], platforms: ["x"]),
      entities: [
        StatsEntity(id: "a", name: "A", region: "R1", population: population),
        StatsEntity(id: "b", name: "B", region: "R1", population: population),
      ],
      channels: [
        StatsChannel(id: 1, entityId: "a", platform: "x", openedOn: day(1)),
        StatsChannel(id: 2, entityId: "b", platform: "x", openedOn: day(1)),
      ],
      snapshots: [
        StatsSnapshot(channelId: 1, observedAt: noon(20_000 - 90), followers: start),
        StatsSnapshot(channelId: 1, observedAt: noon(20_000), followers: followers),
        StatsSnapshot(channelId: 2, observedAt: noon(20_000), followers: followers),
      ], sources: [], regionNames: [:])
  }

  @Test func reportOfExtremeCountsAndPopulationsRendersInEveryFormat() {
    for (followers, start, population) in [
      (Int.max, 1, Int.max), (Int.max, Int.max, Int.max), (0, 0, 0), (Int.max, 0, 1),
      (1, Int.max, nil),
    ] {
      let r = AdoptionReportBuilder.build(
        Self.input(followers: followers, start: start, population: population))
      // Each renderer returns text (a trap would end the test process).
      for text in [
        ReportMarkdown.render(r), ReportHTML.render(r), ReportJSON.render(r), ReportCSV.render(r),
      ] {
        #expect(!text.isEmpty)
      }
      // Two populations of Int.max add up in a Double: per 1,000 is a (tiny) number.
      if population == Int.max {
        #expect(r.nationalAny.perThousand.value != nil)
      }
    }
    // 1 → Int.max followers in exactly 90 days: +9.2e18 followers, about 9.2e20 %: finite
    // numbers, printed in full.
    let r = AdoptionReportBuilder.build(Self.input(followers: Int.max, start: 1, population: 10))
    #expect(r.growth90.percent.value.map { $0 > 9e20 } == true)
    #expect(ReportMarkdown.render(r).contains("+9,223,372,036,854,775,808 followers"))
  }

  @Test func growthTooLargeToBeAFigureIsOutOfRange() {
    // f0 = 1, f1 = 1e300 over 60 days scaled to 90: (1e300)^1.5 = infinity → out_of_range.
    let s = [
      StatsSnapshot(channelId: 1, observedAt: noon(1000), followers: 1),
      StatsSnapshot(channelId: 1, observedAt: noon(1060), followers: Int.max),
    ]
    let start = Metric.value(Observation(value: 1, observedAt: noon(1000)))
    let end = Metric.value(Observation(value: 1e300, observedAt: noon(1060)))
    // Ending 16 days after the last count: older than 90/6 = 15 days.
    let g = Growth.between(start: start, end: end, windowDays: 90, endingOn: day(1060 + 16))
    #expect(g.percent == .missing(.noEndInWindow))
    let inWindow = Growth.between(start: start, end: end, windowDays: 72, endingOn: day(1060))
    #expect(inWindow.percent == .missing(.outOfRange))
    #expect(inWindow.absolute == .missing(.outOfRange))
    // Observation times at the ends of Int64 do not trap: no elapsed time → missing.
    let far = Growth.between(
      start: .value(Observation(value: 1, observedAt: Int64.max)),
      end: .value(Observation(value: 2, observedAt: Int64.min)), windowDays: 7,
      endingOn: Day(epochSeconds: Int64.min))
    #expect(far.percent.value == nil)
    #expect(Growth.over(s, windowDays: 90, endingOn: day(1060)).percent.value == nil)
    #expect(
      Growth.weeklyCompound(
        from: Observation(value: 1, observedAt: 0), to: Observation(value: 1e300, observedAt: 1))
        == .missing(.outOfRange))
  }

  @Test func projectionsAndActivityOfExtremeValuesAreFiguresOrReasons() {
    let s = [
      StatsSnapshot(
        channelId: 1, observedAt: noon(900), followers: 0, posts: 0, engagements: 0,
        windowDays: 1),
      StatsSnapshot(
        channelId: 1, observedAt: noon(1000), followers: Int.max, posts: Int.max,
        engagements: Int.max, windowDays: Int.max),
    ]
    let p = Projection.project([s, s], on: day(1000), stalenessDays: 365)
    #expect(p.projections.allSatisfy { $0.followers.value != nil || $0.followers.reason != nil })
    #expect(Activity.engagementsPerPost(s, on: day(1000)) == .missing(.outOfRange))
    #expect(Activity.engagementRate(s, on: day(1000)).value != nil)
    #expect(Activity.postsPerWeek(s, windowDays: 100, endingOn: day(1000)).value != nil)
  }

  @Test func peerGroupOfTheLargestPopulationDoesNotOverflow() throws {
    let e = CompareEntity(
      StatsEntity(id: "a", name: "A", region: "R", population: Int.max), country: "BE",
      placeholder: false)
    let peer = CompareEntity(
      StatsEntity(id: "b", name: "B", region: "R", population: Int.max / 2 + 1), country: "BE",
      placeholder: false)
    let g = try PeerGroup.select(for: e, among: [e, peer], basis: .size, on: day(1)).get()
    // Half of Int.max rounded up is Int.max / 2 + 1; double saturates at Int.max.
    #expect(g.populationBand == (Int.max / 2 + 1)...Int.max)
    #expect(g.members.map(\.id) == ["b"])
  }

  @Test func numbersOfAnySizeAreWritten() {
    #expect(ReportText.grouped(1_234_567.5) == "1,234,568")
    #expect(ReportText.grouped(-Double(Int64.max)) == "−9,223,372,036,854,775,808")
    #expect(ReportText.grouped(1e20, signed: true) == "+100,000,000,000,000,000,000")
    #expect(ReportText.grouped(.infinity) == "∞")
    #expect(ReportText.grouped(-.infinity) == "−∞")
    #expect(ReportText.grouped(.nan) == "not a number")
    #expect(JSONValue.number(9.3e18) == "9.3e+18")
    #expect(JSONValue.number(.nan) == "null")
    // Ten decimals at most; what rounds to an integer prints as one (a Wilson bound of 1e-17).
    #expect(JSONValue.number(1e-17) == "0")
    #expect(JSONValue.number(0.99999999999) == "1")
    #expect(JSONValue.number(0.12345678901234) == "0.123456789")
    #expect(JSONValue.number(2.5) == "2.5")
  }
}

/// Markdown from the database carries no markup; the dot chart's labels wrap instead of being cut.
struct RenderTextTests {
  @Test func markdownEscapesLinksHTMLAndTableBreaks() {
    #expect(MarkdownText.escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
    #expect(MarkdownText.escape("a|b<c>`d`\\e\nf") == "a\\|b&lt;c&gt;'d'\\\\e f")
    #expect(MarkdownText.link("javascript:alert(1)") == "javascript:alert(1)")
    #expect(MarkdownText.link("HTTPS://example.org/a") == "<HTTPS://example.org/a>")
    #expect(MarkdownText.link("https://e.org/<x>") == "<https://e.org/&lt;x&gt;>")
  }

  @Test func chartLabelsWrapAtSpacesAndKeepLongWordsWhole() {
    #expect(ReportCharts.wrap("Walloon Region (n=1)", width: 118) == ["Walloon Region (n=1)"])
    #expect(ReportCharts.wrap("aaa bbb ccc", width: 7) == ["aaa bbb", "ccc"])
    #expect(ReportCharts.wrap("abcdefghij k", width: 4) == ["abcdefghij", "k"])
    #expect(ReportCharts.wrap("", width: 4) == [""])
  }

  /// Projection windows follow the growth windows' rule: with counts only 90 days back, g is
  /// g_90 alone (the weights of the windows found keep their proportions).
  @Test func projectionUsesTheWindowsThatHaveACount() {
    let s = [
      StatsSnapshot(channelId: 1, observedAt: noon(910), followers: 1000),
      StatsSnapshot(channelId: 1, observedAt: noon(1000), followers: 1900),
    ]
    // g_90 = (1900 − 1000) / 90 = 10 per day; no count within 1 day of day 993 or 5 of 970.
    let p = Projection.project([s], on: day(1000), stalenessDays: 365)
    #expect(p.dailyGrowth == .value(10))
    // +90 days: 1900 + 10 × 90 = 2800.
    #expect(p.projections.first?.followers == .value(2800))
    // A year-old count is in no window: missing, not a 365-day trend labelled g_90.
    let old = [
      StatsSnapshot(channelId: 1, observedAt: noon(635), followers: 1000),
      StatsSnapshot(channelId: 1, observedAt: noon(1000), followers: 1900),
    ]
    #expect(
      Projection.project([old], on: day(1000), stalenessDays: 365).dailyGrowth
        == .missing(.noBaselineInWindow))
  }
}
