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
    // A channel with 1,000 followers on day 100 (8,640,000 s), a 90-day growth from 800 on day
    // 10 to 1,000 scaled to 1,012.5, and no 365-day baseline.
    let dates = GrowthDates(baseline: Day(number: 10), end: Day(number: 100))
    let f = AdoptionReportBuilder.ChannelFigures(
      followers: .value(Observation(value: 1_000, observedAt: 8_640_000)), start90: 800,
      start365: nil, end90: 1_012.5, end365: nil, growth90Percent: .value(26.5625),
      growth365Percent: .missing(.noBaselineInWindow), dates90: dates, dates365: nil)
    #expect(f.followers == .value(Observation(value: 1_000, observedAt: 8_640_000)))
    #expect(f.start90 == 800)
    #expect(f.end90 == 1_012.5)
    #expect(f.dates90 == dates)
    #expect(f.growth90Percent == .value(26.5625))
    #expect(f.start365 == nil)
    #expect(f.end365 == nil)
    #expect(f.dates365 == nil)
    #expect(f.growth365Percent == .missing(.noBaselineInWindow))

    // Missing followers keep their reason; a zero percentage is a value.
    let stale = AdoptionReportBuilder.ChannelFigures(
      followers: .missing(.stale), start90: nil, start365: 0, end90: nil, end365: 0,
      growth90Percent: .missing(.noEndInWindow), growth365Percent: .value(0), dates90: nil,
      dates365: GrowthDates(baseline: Day(number: -400), end: Day(number: -35)))
    #expect(stale.followers == .missing(.stale))
    #expect(stale.growth90Percent == .missing(.noEndInWindow))
    #expect(stale.start365 == 0)
    #expect(stale.end365 == 0)
    #expect(stale.growth365Percent == .value(0))
    #expect(stale.dates365?.baseline == Day(number: -400)...Day(number: -400))
    #expect(stale.dates365?.end == Day(number: -35)...Day(number: -35))
    #expect(MemoryLayout<AdoptionReportBuilder.ChannelFigures>.stride <= 104)
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
