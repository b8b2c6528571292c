import Testing
import Vocabulary

@testable import Stats

/// The compact stored forms of `StatsSnapshot` and `AdoptionReportBuilder.ChannelFigures` give
/// back exactly what they were given: an unknown count is not 0, a missing figure keeps its
/// reason, a growth's dates come back with its endpoints.
struct CompactStorageTests {
  @Test func aSnapshotKeepsUnknownApartFromZero() {
    var s = StatsSnapshot(channelId: 7, observedAt: 86_400, followers: 0, posts: nil)
    #expect(s.followers == 0)
    #expect(s.posts == nil)
    #expect(s.engagements == nil)
    #expect(s.windowDays == nil)
    // 0 followers and unknown followers are different snapshots.
    let unknown = StatsSnapshot(channelId: 7, observedAt: 86_400)
    #expect(s != unknown)
    #expect(Set([s, unknown]).count == 2)
    // Setting a count and clearing it again gives the snapshot that never had it.
    s.posts = 12
    #expect(s.posts == 12)
    s.posts = nil
    #expect(s == StatsSnapshot(channelId: 7, observedAt: 86_400, followers: 0))
    s.followers = nil
    #expect(s == unknown)
    #expect(s.hashValue == unknown.hashValue)
    // Extremes are values, not markers: Int.max and Int.min come back as given.
    let extremes = StatsSnapshot(
      channelId: 1, observedAt: 0, followers: Int.max, posts: Int.min, engagements: -1,
      windowDays: 28)
    #expect(extremes.followers == Int.max)
    #expect(extremes.posts == Int.min)
    #expect(extremes.engagements == -1)
    #expect(extremes.windowDays == 28)
    #expect(extremes.day == Day(number: 0))
    #expect(MemoryLayout<StatsSnapshot>.stride <= 56)
  }

  @Test func channelFiguresGiveBackWhatTheyWereGiven() {
    // 1,000 followers; a 90-day growth of 26.5625% (800 -> 1,012.5: 1,012.5 / 800 = 1.265625);
    // no 365-day baseline.
    let f = AdoptionReportBuilder.ChannelFigures(
      followers: .value(1_000), growth90Percent: .value(26.5625),
      growth365Percent: .missing(.noBaselineInWindow))
    #expect(f.followers == .value(1_000))
    #expect(f.growth90Percent == .value(26.5625))
    #expect(f.growth365Percent == .missing(.noBaselineInWindow))
    // Missing followers keep their reason; a zero percentage is a value.
    let stale = AdoptionReportBuilder.ChannelFigures(
      followers: .missing(.stale), growth90Percent: .missing(.noEndInWindow),
      growth365Percent: .value(0))
    #expect(stale.followers == .missing(.stale))
    #expect(stale.growth90Percent == .missing(.noEndInWindow))
    #expect(stale.growth365Percent == .value(0))
    #expect(MemoryLayout<AdoptionReportBuilder.ChannelFigures>.stride <= 32)
  }

  @Test func growthEndsGiveBackWhatTheyWereGiven() {
    // The 90-day growth above: from 800 on day 10 to 1,012.5 (scaled) on day 100.
    let dates = GrowthDates(baseline: Day(number: 10), end: Day(number: 100))
    let e = AdoptionReportBuilder.GrowthEnds(
      start90: 800, end90: 1_012.5, dates90: dates, start365: nil, end365: nil, dates365: nil)
    #expect(e.start90 == 800)
    #expect(e.end90 == 1_012.5)
    #expect(e.dates90 == dates)
    #expect(e.start365 == nil)
    #expect(e.end365 == nil)
    #expect(e.dates365 == nil)
    // Zero counts are values; days before 1970 come back as given.
    let z = AdoptionReportBuilder.GrowthEnds(
      start90: nil, end90: nil, dates90: nil, start365: 0, end365: 0,
      dates365: GrowthDates(baseline: Day(number: -400), end: Day(number: -35)))
    #expect(z.start90 == nil && z.end90 == nil && z.dates90 == nil)
    #expect(z.start365 == 0)
    #expect(z.end365 == 0)
    #expect(z.dates365?.baseline == Day(number: -400)...Day(number: -400))
    #expect(z.dates365?.end == Day(number: -35)...Day(number: -35))
    // A window given without its dates is not kept (the three are known together).
    let partial = AdoptionReportBuilder.GrowthEnds(
      start90: 800, end90: 1_012.5, dates90: nil, start365: nil, end365: nil, dates365: nil)
    #expect(partial.start90 == nil && partial.end90 == nil)
    #expect(MemoryLayout<AdoptionReportBuilder.GrowthEnds>.stride <= 72)
  }

  @Test func aStatusTakesSixteenBytes() {
    // One per entity and platform in a report: the evidence (a day and a kind) and three
    // one-byte fields.
    #expect(MemoryLayout<PlatformPresence>.stride <= 16)
    let p = PlatformPresence(
      .present, confirmed: true, evidence: PresenceEvent(.snapshot, Day(number: 3)),
      conflict: true)
    #expect(p.status == .present && p.confirmed && p.conflict)
    #expect(p.evidence == PresenceEvent(.snapshot, Day(number: 3)))
  }
}
