import Testing
import Vocabulary

@testable import Stats

/// A small fixture with hand-computed answers. As-of day D = 2024-01-01.
enum CompareFixture {
  static let d = Day(year: 2024, month: 1, day: 1)!
  static func at(_ day: Day) -> Int64 { day.epochSeconds + 43_200 }

  static func entity(
    _ id: String, region: String = "BE-VLG", kind: String = "local_police", pop: Int?,
    validTo: Day? = nil, placeholder: Bool = false, country: String = "BE"
  ) -> CompareEntity {
    CompareEntity(
      StatsEntity(
        id: id, name: "Zone \(id)", region: region, kind: kind, population: pop, validTo: validTo),
      country: country, placeholder: placeholder)
  }

  static let entities = [
    entity("a", pop: 100_000), entity("b", pop: 50_000), entity("c", pop: 200_000),
    entity("d", pop: 80_000), entity("e", pop: 60_000), entity("f", pop: 150_000),
    entity("g", pop: 90_000, placeholder: true), entity("h", pop: 95_000, validTo: d - 200),
    entity("w", region: "BE-WAL", pop: 90_000), entity("s", kind: "safety_body", pop: nil),
    entity("fr", region: "FR-44", kind: "local_police", pop: 100_000, country: "FR"),
  ]

  static let opened = Day(year: 2015, month: 1, day: 1)!
  static let channels: [StatsChannel] = ["a", "b", "c", "d", "e", "g", "h", "w", "s", "fr"]
    .enumerated().map { i, id in
      StatsChannel(id: Int64(i + 1), entityId: id, platform: "x", openedOn: opened)
    }

  static func snap(
    _ channel: Int64, _ day: Day, _ followers: Int?, posts: Int? = nil,
    engagements: Int? = nil, window: Int? = nil
  ) -> StatsSnapshot {
    StatsSnapshot(
      channelId: channel, observedAt: at(day), followers: followers, posts: posts,
      engagements: engagements, windowDays: window)
  }

  static let snapshots = [
    snap(1, d - 365, 1000), snap(1, d - 90, 1800, posts: 500), snap(1, d - 30, 1900),
    snap(1, d - 7, 1970), snap(1, d, 2000, posts: 630, engagements: 100, window: 30),
    snap(2, d, 3000), snap(3, d, 2000), snap(4, d, 500), snap(6, d, 9999), snap(7, d - 250, 5000),
    snap(8, d, 4000), snap(9, d, 100_000), snap(10, d, 50),
  ]

  static func input(references: [StatsReference] = []) -> CompareInput {
    CompareInput(
      asOf: d, stalenessDays: 365, entities: entities, channels: channels, snapshots: snapshots,
      references: references)
  }
}

@Test func regionPeersExcludeSelfPlaceholdersOtherRegionsKindsAndEntitiesNotExisting() throws {
  let f = CompareFixture.self
  let g = try PeerGroup.select(for: f.entities[0], among: f.entities, basis: .region, on: f.d).get()
  // Same region BE-VLG and kind local_police: b c d e f; g is a placeholder, h ended, w is
  // Walloon, s a safety body, fr French, a itself.
  #expect(g.members.map(\.id) == ["b", "c", "d", "e", "f"])
  #expect(g.placeholdersExcluded == 1)
  #expect(g.description.hasPrefix("5 peers: same region (BE-VLG) and kind (local_police)"))
}

@Test func sizePeersUseHalfToDoubleThePopulationAndNeedOne() throws {
  let f = CompareFixture.self
  let g = try PeerGroup.select(for: f.entities[0], among: f.entities, basis: .size, on: f.d).get()
  // 100,000 → band 50,000...200,000 (inclusive), same kind, any region of BE:
  // b 50,000 · c 200,000 · d 80,000 · e 60,000 · f 150,000 · w 90,000.
  #expect(g.populationBand == 50_000...200_000)
  #expect(g.members.map(\.id) == ["b", "c", "d", "e", "f", "w"])
  let noPop = f.entity("n", pop: nil)
  #expect(
    PeerGroup.select(for: noPop, among: f.entities, basis: .size, on: f.d)
      == .failure(.noPopulation(entityId: "n")))
}

@Test func kindAndAllPeersStayInTheCountry() throws {
  let f = CompareFixture.self
  let kind = try PeerGroup.select(for: f.entities[0], among: f.entities, basis: .kind, on: f.d)
    .get()
  #expect(kind.members.map(\.id) == ["b", "c", "d", "e", "f", "w"])
  let all = try PeerGroup.select(for: f.entities[0], among: f.entities, basis: .all, on: f.d).get()
  #expect(all.members.map(\.id) == ["b", "c", "d", "e", "f", "s", "w"])
}

@Test func scorecardPercentileMedianQuartilesAndBestPeerByHand() throws {
  let f = CompareFixture.self
  let s = try Scorecard.build(f.input(), entityId: "a", basis: .region, platform: .platform("x"))
    .get()
  let followers = s.rows.first { $0.metric == .followers }!
  // a = 2000. Peers with a value: d 500, c 2000, b 3000; e no snapshot, f no channel and
  // never surveyed (not_surveyed).
  // Percentile = #{500, 2000} ≤ 2000 / 3 = 2/3 (the tie with c counts as "equal or lower").
  #expect(followers.value == .value(2000))
  #expect(followers.percentile == .value(2.0 / 3))
  #expect(followers.peersAtOrBelow == 2)
  // Type 7 on [500, 2000, 3000]: q1 h = 0.5 → 500 + 0.5 × 1500 = 1250; median 2000;
  // q3 h = 1.5 → 2000 + 0.5 × 1000 = 2500.
  #expect(followers.peers.q1 == .value(1250))
  #expect(followers.peers.median == .value(2000))
  #expect(followers.peers.q3 == .value(2500))
  #expect(followers.best == PeerValue(id: "b", name: "Zone b", value: 3000))
  #expect(
    followers.peersMissing == [
      PeerMissing(id: "e", reason: .noSnapshot), PeerMissing(id: "f", reason: .notSurveyed),
    ])
  // Per 1,000: a 2000/100000×1000 = 20; b 60, c 10, d 6.25 → 20 ≥ 6.25, 10: 2/3.
  let perK = s.rows.first { $0.metric == .followersPer1000 }!
  #expect(perK.value == .value(20))
  #expect(perK.percentile == .value(2.0 / 3))
  // Coverage on x: b c d e open on x, f not → 4 of 5.
  #expect(s.coverage.first { $0.platform == "x" }?.peers.successes == 4)
}

@Test func scorecardGrowthPostsAndEngagementByHandWithPeersMissingApart() throws {
  let f = CompareFixture.self
  let s = try Scorecard.build(f.input(), entityId: "a", basis: .region, platform: .platform("x"))
    .get()
  func row(_ m: CompareMetric) -> ScorecardRow { s.rows.first { $0.metric == m }! }
  // 90 days: 2000 − 1800 = 200, 200 / 1800 = 11.11%. 365: 2000 − 1000 = 1000, 100%.
  #expect(row(.growth90d).value == .value(200))
  #expect(abs(row(.growth90dPct).value.value! - 200.0 / 1800 * 100) < 1e-9)
  #expect(row(.growth365dPct).value == .value(100))
  // Posts per week: (630 − 500) / 90 days × 7 = 10.111…
  #expect(abs(row(.postsPerWeek).value.value! - 130.0 / 90 * 7) < 1e-9)
  // Engagement rate: 100 / 2000 = 0.05.
  #expect(row(.engagementRate).value == .value(0.05))
  // No peer has a baseline: the percentile is missing (no_values), not 0.
  #expect(row(.growth90d).percentile == .missing(.noValues))
  #expect(row(.growth90d).peers.median == .missing(.noBaselineInWindow))
  #expect(row(.growth90d).peersMissing.count == 5)
}

@Test func scorecardRefusesPlaceholdersUnknownAndEndedEntities() {
  let f = CompareFixture.self
  #expect(
    Scorecard.build(f.input(), entityId: "g", basis: .region, platform: .anySocial)
      .map(\.entity.id) == .failure(.placeholder("g")))
  #expect(
    Scorecard.build(f.input(), entityId: "zz", basis: .region, platform: .anySocial)
      .map(\.entity.id) == .failure(.unknownEntity("zz")))
  #expect(
    Scorecard.build(f.input(), entityId: "h", basis: .region, platform: .anySocial)
      .map(\.entity.id) == .failure(.notExisting("h", on: f.d)))
}

@Test func leagueTableUsesCompetitionRankingAndListsMissingApart() {
  let f = CompareFixture.self
  let input = f.input()
  let byChannel = input.snapshotsByChannel()
  let figures = f.entities.filter {
    $0.country == "BE" && $0.entity.kind == "local_police" && !$0.placeholder
      && $0.entity.exists(on: f.d)
  }.map {
    EntityFigures.compute(
      $0.entity, channels: f.channels, snapshots: byChannel, platform: .platform("x"), on: f.d,
      stalenessDays: 365)
  }
  let t = LeagueTable.build(figures, metric: .followers, platform: .platform("x"), asOf: f.d)
  // w 4000 → 1; b 3000 → 2; a 2000 and c 2000 share 3 (by id); d 500 → 5 (rank 4 skipped).
  #expect(t.entries.map(\.entity.id) == ["w", "b", "a", "c", "d"])
  #expect(t.entries.map(\.rank) == [1, 2, 3, 3, 5])
  // f has no channel on x and was never surveyed: not_surveyed (no longer no_channel).
  #expect(
    t.missing.map { "\($0.entity.id):\($0.reason.rawValue)" } == [
      "e:no_snapshot", "f:not_surveyed",
    ])
  // Surveyed absent 100 days before D (within 365): absent; found present without a channel
  // named: no_channel.
  for (result, reason) in [(SurveyResult.absent, "absent"), (.present, "no_channel")] {
    let survey = StatsSurvey(
      entityId: "f", platform: "x", day: f.d.adding(days: -100), result: result)
    let fx = EntityFigures.compute(
      f.entities.first { $0.id == "f" }!.entity, channels: f.channels, snapshots: byChannel,
      platform: .platform("x"), on: f.d, stalenessDays: 365, surveys: [survey])
    #expect(fx[.followers] == .missing(MissingReason(rawValue: reason)!))
  }
  // --top 3 keeps both entities tied at 3.
  let top = LeagueTable.build(
    figures, metric: .followers, platform: .platform("x"), asOf: f.d, top: 3)
  #expect(top.entries.map(\.entity.id) == ["w", "b", "a", "c"])
  #expect(top.cutOff == 1)
}

@Test func referenceFiguresFitWhenEachScopeColumnIsUnsetOrEqual() {
  func ref(
    country: String? = nil, region: String? = nil, kind: String? = nil, platform: String? = nil
  )
    -> StatsReference
  {
    StatsReference(
      id: "r", label: "r", metric: "followers", value: 1, unit: "followers", country: country,
      region: region, kind: kind, platform: platform, asOf: "2013-01-01", sourceKey: "s")
  }
  let fits = { (r: StatsReference, p: String?) in
    r.fits(country: "BE", region: "BE-VLG", kind: "local_police", platform: p)
  }
  #expect(fits(ref(), nil))
  #expect(fits(ref(country: "BE", region: "BE-VLG", kind: "local_police", platform: "x"), "x"))
  #expect(!fits(ref(country: "FR"), nil))
  #expect(!fits(ref(region: "BE-WAL"), nil))
  #expect(!fits(ref(kind: "safety_body"), nil))
  #expect(!fits(ref(platform: "facebook_page"), "x"))
  // No platform chosen: figures of every platform fit.
  #expect(fits(ref(platform: "facebook_page"), nil))
}

@Test func referenceComparisonsFollowersRatesAndContextOnly() throws {
  let f = CompareFixture.self
  let refs = [
    StatsReference(
      id: "own", label: "A's followers", metric: "followers", value: 1500, unit: "followers",
      country: "BE", platform: "x", entityId: "a", asOf: "2013-01-01", precision: "circa",
      sourceKey: "s"),
    StatsReference(
      id: "rate", label: "2 of 8 zones", metric: "entities_with_channel", value: 2,
      denominator: 8, unit: "zones", country: "BE", kind: "local_police", platform: "x",
      asOf: "2013-01-01", sourceKey: "s"),
    StatsReference(
      id: "norate", label: "1 zone", metric: "entities_with_channel", value: 1, unit: "zones",
      country: "BE", platform: "x", asOf: "2013-01-01", sourceKey: "s"),
    StatsReference(
      id: "wal", label: "Walloon", metric: "followers", value: 1, unit: "followers",
      region: "BE-WAL", asOf: "2013-01-01", sourceKey: "s"),
  ]
  let s = try Scorecard.build(
    f.input(references: refs), entityId: "a", basis: .region, platform: .platform("x")
  ).get()
  #expect(s.references.map(\.reference.id) == ["norate", "own", "rate"])
  let own = s.references.first { $0.reference.id == "own" }!
  // 2000 − 1500 = +500.
  #expect(own.kind == .followers)
  #expect(own.difference == .value(500))
  let rate = s.references.first { $0.reference.id == "rate" }!
  // 2 / 8 = 0.25 against the peers on x now: b c d e of 5 = 0.8; difference 0.55.
  #expect(rate.kind == .adoptionRate)
  #expect(rate.referenceValue == 0.25)
  #expect(rate.current == .value(0.8))
  #expect(abs(rate.difference.value! - 0.55) < 1e-12)
  #expect(s.references.first { $0.reference.id == "norate" }!.kind == .contextOnly)
}

@Test func projectionByHandFromWeightedRecentGrowth() {
  let f = CompareFixture.self
  let a = f.snapshots.filter { $0.channelId == 1 }
  let p = Projection.project([a], on: f.d, stalenessDays: 365)
  // g7 = (2000 − 1970) / 7 = 4.285714; g30 = (2000 − 1900) / 30 = 3.333333;
  // g90 = (2000 − 1800) / 90 = 2.222222; g = 0.5·4.285714 + 0.3·3.333333 + 0.2·2.222222
  // = 2.142857 + 1 + 0.444444 = 3.587302 per day.
  let g = 0.5 * 30 / 7 + 0.3 * 100 / 30 + 0.2 * 200 / 90
  #expect(abs(p.dailyGrowth.value! - g) < 1e-9)
  // +90: 2000 + 90 × 3.587302 = 2322.86 → 2323; +365: 2000 + 1309.37 = 3309.37 → 3309.
  #expect(p.projections.map(\.followers) == [.value(2323), .value(3309)])
}

@Test func projectionIsMissingWithReasonWhenHistoryIsTooShort() {
  let f = CompareFixture.self
  let one = [f.snap(2, f.d, 3000)]
  #expect(
    Projection.project([one], on: f.d, stalenessDays: 365).dailyGrowth
      == .missing(.noBaselineInWindow))
  #expect(
    Projection.project([[]], on: f.d, stalenessDays: 365).dailyGrowth == .missing(.noSnapshot))
  #expect(Projection.project([], on: f.d, stalenessDays: 365).dailyGrowth == .missing(.noChannel))
}

@Test func sideBySideGivesEveryMetricPerEntity() throws {
  let f = CompareFixture.self
  let s = try SideBySide.build(f.input(), ids: ["a", "b"], platform: .platform("x")).get()
  #expect(s.figures.map { $0[.followers] } == [.value(2000), .value(3000)])
  #expect(s.figures[1][.growth90d] == .missing(.noBaselineInWindow))
  #expect(
    SideBySide.build(f.input(), ids: ["a", "g"], platform: .anySocial).map(\.asOf)
      == .failure(.placeholder("g")))
}
