import Testing
import Vocabulary

@testable import Stats

/// Epoch seconds at noon UTC of a day number.
func noon(_ day: Int) -> Int64 { Int64(day) * 86_400 + 43_200 }

func close(_ m: Metric<Double>, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
  guard let v = m.value else { return false }
  return abs(v - expected) <= tolerance
}

@Test func wilsonIntervalMatchesHandComputation() {
  // 51/195: p = 0.261538, z² = 3.841459, z²/n = 0.019700, centre = (0.261538 + 0.009850)/1.019700
  // = 0.266145; half = 1.959964/1.0197 × √(0.261538×0.738462/195 + 3.841459/(4×195²))
  // = 1.922099 × √(0.00099044 + 0.00002526) = 1.922099 × 0.031870 = 0.061257 → [0.204888, 0.327403]
  let a = WilsonInterval.proportion(51, of: 195)
  #expect(close(a.rate, 0.261538, 1e-6))
  #expect(close(a.low, 0.204888, 1e-6))
  #expect(close(a.high, 0.327403, 1e-6))
  // 5/71: p = 0.070423, z²/n = 0.054105, centre = (0.070423 + 0.027052)/1.054105 = 0.092472;
  // half = 1.859366 × √(0.00092206 + 0.00019051) = 1.859366 × 0.033355 = 0.062019 → [0.030454, 0.154490]
  let b = WilsonInterval.proportion(5, of: 71)
  #expect(close(b.low, 0.030454, 1e-6))
  #expect(close(b.high, 0.154490, 1e-6))
  // 0/6: p = 0, centre = (0.320243)/1.640243 = 0.195241; half = 1.194921 × √(3.841459/144)
  // = 1.194921 × 0.163332 = 0.195170... → low 0 (clamped), high = 0.390334
  let c = WilsonInterval.proportion(0, of: 6)
  #expect(c.rate == .value(0))
  #expect(close(c.low, 0, 1e-6))
  #expect(close(c.high, 0.390334, 1e-6))
  // 6/6 mirrors 0/6: low = 1 − 0.390334 = 0.609666, high 1.
  let d = WilsonInterval.proportion(6, of: 6)
  #expect(close(d.low, 0.609666, 1e-6))
  #expect(close(d.high, 1, 1e-9))
}

@Test func wilsonIntervalOfEmptyGroupIsMissing() {
  let p = WilsonInterval.proportion(0, of: 0)
  #expect(p.rate == .missing(.noEntities))
  #expect(p.low == .missing(.noEntities))
}

@Test func quartilesUseLinearInterpolationType7() {
  // [1, 2, 3, 4, 10]: h = 4p → Q1 = x[1] = 2, median = x[2] = 3, Q3 = x[3] = 4; sum = 20.
  let d = Distribution.of([10, 1, 3, 2, 4])
  #expect(d.q1 == .value(2))
  #expect(d.median == .value(3))
  #expect(d.q3 == .value(4))
  #expect(d.sum == .value(20))
  // [2500, 5000, 5800]: Q1 h = 0.5 → 2500 + 0.5 × 2500 = 3750; Q3 h = 1.5 → 5000 + 0.5 × 800 = 5400.
  let e = Distribution.of([5000, 2500, 5800])
  #expect(e.q1 == .value(3750))
  #expect(e.median == .value(5000))
  #expect(e.q3 == .value(5400))
  // [5000, 5800]: median h = 0.5 → 5400.
  #expect(Distribution.quantile([5000, 5800], 0.5) == .value(5400))
}

@Test func emptyDistributionIsMissingWithTheDominantReason() {
  #expect(Distribution.of([]).median == .missing(.noValues))
  let d = Distribution.of([], reasons: [.stale, .noSnapshot, .stale])
  #expect(d.median == .missing(.stale))
  #expect(d.sum == .missing(.stale))
}

@Test func dominantReasonIsTheMostFrequentTiesByDeclarationOrder() {
  // stale 2, no_population 2, no_snapshot 1: the tie between stale and no_population goes to
  // stale, declared first.
  #expect(
    Distribution.dominant([.noPopulation, .stale, .noSnapshot, .stale, .noPopulation]) == .stale)
  // no_population 3 beats stale 2, whatever the order.
  #expect(
    Distribution.dominant([.noPopulation, .stale, .noPopulation, .stale, .noPopulation])
      == .noPopulation)
  #expect(Distribution.dominant([.noChannel]) == .noChannel)
  #expect(Distribution.dominant([]) == nil)
}

@Test func latestSnapshotWithinStalenessIsSelected() {
  let s = [
    StatsSnapshot(channelId: 1, observedAt: noon(100), followers: 10),
    StatsSnapshot(channelId: 1, observedAt: noon(200), followers: 20),
    StatsSnapshot(channelId: 1, observedAt: noon(300), followers: nil),
  ]
  // On day 250 the latest on or before is day 200 (20 followers); day 300 has no count.
  #expect(SnapshotSelection.followers(s, on: day(250)).value?.value == 20)
  #expect(SnapshotSelection.followers(s, on: day(400)).value?.value == 20)
  // A snapshot taken at noon on the day itself counts ("on or before D").
  #expect(SnapshotSelection.followers(s, on: day(200)).value?.value == 20)
  // Day 565: 565 − 200 = 365 days old, still within 365; day 566: 366 days → stale.
  #expect(SnapshotSelection.followers(s, on: day(565)).value?.value == 20)
  #expect(SnapshotSelection.followers(s, on: day(566)) == .missing(.stale))
  #expect(SnapshotSelection.followers(s, on: day(99)) == .missing(.noSnapshot))
  #expect(SnapshotSelection.followers(s, on: day(250), stalenessDays: 30) == .missing(.stale))
}

@Test func growthOverWindowsAbsolutePercentAndWeeklyCompound() {
  let s = [
    StatsSnapshot(channelId: 1, observedAt: noon(1000), followers: 1000),
    StatsSnapshot(channelId: 1, observedAt: noon(1007), followers: 1100),
    StatsSnapshot(channelId: 1, observedAt: noon(1014), followers: 1210),
  ]
  // W = 7 ending day 1014 (tolerance 1 day): end 1014; baseline the latest on or before
  // 1014 − 6 = 1008, day 1007, exactly 7 days back: 1210 − 1100 = 110; 110/1100 = 10%;
  // (1210/1100)^(7/7) − 1 = 0.1.
  let g7 = Growth.over(s, windowDays: 7, endingOn: day(1014))
  #expect(close(g7.absolute, 110))
  #expect(close(g7.percent, 10))
  #expect(close(g7.weeklyCompound, 0.1))
  #expect(g7.dates == GrowthDates(baseline: day(1007), end: day(1014)))
  // W = 14 (tolerance 14/6 = 2): baseline on or before 1002 → day 1000, 14 days back:
  // 1210 − 1000 = 210 = 21%; (1.21)^(7/14) − 1 = 1.1 − 1 = 0.1.
  let g14 = Growth.over(s, windowDays: 14, endingOn: day(1014))
  #expect(close(g14.absolute, 210))
  #expect(close(g14.percent, 21))
  #expect(close(g14.weeklyCompound, 0.1))
  // W = 12 (tolerance 2): baseline on or before 1004 → day 1000, 2 days before 1014 − 12 =
  // 1002, within the tolerance; elapsed 14 days, scaled to 12: 1.21^(12/14) = 1.1774945,
  // +17.74945%, 1000 × 0.1774945 = 177.4945 followers.
  let g12 = Growth.over(s, windowDays: 12, endingOn: day(1014))
  #expect(close(g12.percent, 17.74945, 1e-5))
  #expect(close(g12.absolute, 177.4945, 1e-4))
  // W = 30 (tolerance 5): nothing on or before 1014 − 25 = 989 → no baseline in the window.
  let g30 = Growth.over(s, windowDays: 30, endingOn: day(1014))
  #expect(g30.absolute == .missing(.noBaselineInWindow))
  #expect(g30.percent == .missing(.noBaselineInWindow))
  #expect(g30.dates == nil)
  // W = 7 ending day 1016: the latest count (1014) is 2 days old, more than the 1-day tolerance.
  #expect(Growth.over(s, windowDays: 7, endingOn: day(1016)).percent == .missing(.noEndInWindow))
  // End stale (limit 5 days, latest 10 days old) keeps its own reason.
  #expect(
    Growth.over(s, windowDays: 7, endingOn: day(1024), stalenessDays: 5).absolute
      == .missing(.stale))
}

/// The issue's example: counts on 2025-01-15 (1,000) and 2025-12-31 (2,000) only, as of
/// 2025-12-31. 30 and 90 days: the only earlier count is 350 days back, far outside the windows
/// (within 5 days of 2025-12-01, 15 days of 2025-10-02) → missing. 365 days (tolerance
/// 365/6 = 60): D − 365 = 2024-12-31, and 2025-01-15 is 15 days after it → used; elapsed 350
/// days, scaled to 365: 2^(365/350) = e^(0.693147 × 1.042857) = e^0.722854 = 2.060304 →
/// +106.0304%, 1,000 × 1.060304 = +1,060.30 followers.
@Test func growthWindowsOfTheIssueExample() throws {
  let d = try #require(Day("2025-12-31"))
  let first = try #require(Day("2025-01-15"))
  let s = [
    StatsSnapshot(channelId: 1, observedAt: first.epochSeconds + 43_200, followers: 1000),
    StatsSnapshot(channelId: 1, observedAt: d.epochSeconds + 43_200, followers: 2000),
  ]
  #expect(Growth.over(s, windowDays: 30, endingOn: d).percent == .missing(.noBaselineInWindow))
  #expect(Growth.over(s, windowDays: 90, endingOn: d).absolute == .missing(.noBaselineInWindow))
  let g = Growth.over(s, windowDays: 365, endingOn: d)
  #expect(close(g.percent, 106.0304, 1e-4))
  #expect(close(g.absolute, 1060.304, 1e-3))
  #expect(g.dates == GrowthDates(baseline: first, end: d))
}

@Test func growthFromZeroBaselineHasNoPercentage() {
  let s = [
    StatsSnapshot(channelId: 1, observedAt: noon(10), followers: 0),
    StatsSnapshot(channelId: 1, observedAt: noon(40), followers: 50),
  ]
  // A change from 0 cannot be scaled to the window by compound interpolation.
  let g = Growth.over(s, windowDays: 30, endingOn: day(40))
  #expect(g.absolute == .missing(.zeroBaseline))
  #expect(g.percent == .missing(.zeroBaseline))
  #expect(g.weeklyCompound == .missing(.zeroBaseline))
}

@Test func panelGrowthSumsMatchedChannels() {
  func fig(_ a: Double?, _ b: Double?) -> GrowthFigure {
    // Baseline day 0, end day 1: a 1-day window, nothing to scale.
    let start: Metric<Observation> =
      a.map { .value(Observation(value: $0, observedAt: 0)) }
      ?? .missing(.noBaselineInWindow)
    let end: Metric<Observation> =
      b.map { .value(Observation(value: $0, observedAt: 86_400)) }
      ?? .missing(.noSnapshot)
    return Growth.between(start: start, end: end, windowDays: 1, endingOn: day(1))
  }
  // Matched: (1500 → 2000), (4400 → 5000); unmatched (nil → 3000) ignored.
  // Σf0 = 5900, Σf1 = 7000 → +1100, 1100/5900 = 18.644068%.
  let p = Growth.panel([fig(1500, 2000), fig(4400, 5000), fig(nil, 3000)])
  #expect(close(p.absolute, 1100))
  #expect(close(p.percent, 18.644068))
  #expect(p.channels == 2)
  #expect(Growth.panel([fig(nil, 10)]).percent == .missing(.noBaselineInWindow))
}

@Test func postsPerWeekAndEngagementRates() {
  let s = [
    StatsSnapshot(channelId: 1, observedAt: noon(500), followers: 1900, posts: 100),
    StatsSnapshot(
      channelId: 1, observedAt: noon(514), followers: 2000, posts: 130, engagements: 300,
      windowDays: 14),
  ]
  // (130 − 100) posts / 14 days × 7 = 15 posts per week.
  #expect(close(Activity.postsPerWeek(s, windowDays: 14, endingOn: day(514)), 15))
  // 300 engagements / 2000 followers = 0.15.
  #expect(close(Activity.engagementRate(s, on: day(514)), 0.15))
  // 300 engagements / (130 − 100) posts in the 14-day window = 10 per post.
  #expect(close(Activity.engagementsPerPost(s, on: day(514)), 10))
  #expect(Activity.engagementRate(Array(s.prefix(1)), on: day(514)) == .missing(.noEngagements))
  let noPosts = [StatsSnapshot(channelId: 1, observedAt: noon(514), followers: 5)]
  #expect(Activity.postsPerWeek(noPosts, windowDays: 7, endingOn: day(514)) == .missing(.noPosts))
}

@Test func percentileRankAndPeerMedian() {
  // Peers [10, 20, 30, 40]: values ≤ 30 are 3 of 4 → 0.75; median (20 + 30)/2 = 25.
  #expect(PeerRank.percentile(30, among: [10, 20, 30, 40]) == .value(0.75))
  #expect(PeerRank.percentile(40, among: [10, 20, 30, 40]) == .value(1))
  #expect(PeerRank.median([40, 10, 30, 20]) == .value(25))
  #expect(PeerRank.percentile(1, among: []) == .missing(.noEntities))
}

@Test func perCapitaMissingWithoutPopulation() {
  // 2500 followers / 25000 inhabitants × 1000 = 100.
  #expect(PerCapita.perThousand(2500, population: 25_000) == .value(100))
  #expect(PerCapita.perThousand(2500, population: nil) == .missing(.noPopulation))
  #expect(PerCapita.perThousand(2500, population: 0) == .missing(.zeroPopulation))
}

/// A small deterministic generator for the property tests.
struct TestRandom {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

@Test func quantilesBySelectionEqualQuantilesOfTheSortedValues() {
  var random = TestRandom(state: 7)
  for n in Array(0...40) + [100, 257, 1000, 5000] {
    // Few distinct values (many ties) and many distinct values.
    for spread in [3, 1_000_000] {
      let values = (0..<n).map { _ in Double(random.next(spread)) - Double(spread / 2) }
      let ps = [0.0, 0.25, 0.5, 0.75, 1.0]
      var work = values
      let selected = Distribution.quantiles(selecting: &work, ps)
      #expect(selected == ps.map { Distribution.quantile(values, $0) }, "n = \(n)")
      var again = values
      let d = Distribution.of(selecting: &again, reasons: ReasonCounts())
      #expect(d == Distribution.of(values), "n = \(n)")
    }
  }
}

/// The day with number `n` (days since 1970-01-01): tests write days as small numbers.
func day(_ n: Int) -> Day { Day(number: n) }
