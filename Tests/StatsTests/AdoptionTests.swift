import Testing
import Vocabulary

@testable import Stats

/// Two predecessors merge into one successor on day 100.
let mergerEntities = [
  StatsEntity(id: "a", name: "A", region: "R1", population: 1000, validTo: day(100)),
  StatsEntity(id: "b", name: "B", region: "R1", population: 2000, validTo: day(100)),
  StatsEntity(id: "ab", name: "AB", region: "R1", population: 3000, validFrom: day(100)),
  StatsEntity(id: "c", name: "C", region: "R2", population: 4000),
]
let mergerChannels = [
  StatsChannel(id: 1, entityId: "a", platform: "x", openedOn: day(10), closedOn: day(100)),
  StatsChannel(id: 2, entityId: "ab", platform: "x", openedOn: day(100)),
  StatsChannel(id: 3, entityId: "c", platform: "website", openedOn: day(5)),
  StatsChannel(id: 4, entityId: "c", platform: "instagram", openedOn: day(150), closedOn: day(200)),
]

@Test func adoptionDenominatorFollowsLineage() {
  // Day 50: a, b, c exist (3); a has x open → 1/3.
  let before = Adoption.rate(mergerEntities, mergerChannels, .platform("x"), on: day(50))
  #expect(before.successes == 1 && before.total == 3)
  // Day 120: ab, c exist (2); ab has x → 1/2.
  let after = Adoption.rate(mergerEntities, mergerChannels, .platform("x"), on: day(120))
  #expect(after.successes == 1 && after.total == 2)
  // Day 9: no channel open yet → 0/3.
  #expect(Adoption.rate(mergerEntities, mergerChannels, .anySocial, on: day(9)).successes == 0)
}

@Test func anyPlatformCountsSocialChannelsOnly() {
  // Day 160: ab (x) and c (instagram; its website does not count) → 2/2.
  #expect(Adoption.rate(mergerEntities, mergerChannels, .anySocial, on: day(160)).successes == 2)
  // Day 120: c has only a website → any = ab only = 1/2.
  #expect(Adoption.rate(mergerEntities, mergerChannels, .anySocial, on: day(120)).successes == 1)
  // Day 200 is instagram's closing day (exclusive): closed.
  #expect(
    Adoption.rate(mergerEntities, mergerChannels, .platform("instagram"), on: day(200)).successes
      == 0)
}

@Test func diffusionIsCumulativeAmongEntitiesExistingAtYearEnd() {
  let y1970 = Day.number(year: 1970, month: 12, day: 31)  // day 364
  let entities = [
    StatsEntity(id: "p", name: "P", region: "R"),
    StatsEntity(id: "q", name: "Q", region: "R", validTo: day(400)),
  ]
  let channels = [
    StatsChannel(id: 1, entityId: "p", platform: "x", openedOn: day(10), closedOn: day(20)),
    StatsChannel(id: 2, entityId: "q", platform: "x", openedOn: day(380)),
  ]
  let points = Diffusion.curve(
    entities, channels, selectors: [.platform("x")], years: 1970...1971, lastDay: day(500))
  // 1970 (day 364): p, q exist; p opened day 10 (closed later, still counted) → 1/2.
  #expect(y1970 == 364)
  #expect(points[0].entities == 2 && points[0].adopters == 1 && points[0].share == .value(0.5))
  // 1971, capped at day 500: q ceased day 400 → only p exists, adopted → 1/1.
  #expect(points[1].entities == 1 && points[1].share == .value(1))
}

@Test func diffusionCurvesOfGroupsMatchEachGroupsOwnCurve() {
  let entities = [
    StatsEntity(id: "p", name: "P", region: "R"),
    StatsEntity(id: "q", name: "Q", region: "S", validTo: day(400)),
    StatsEntity(id: "r", name: "R", region: "R"),
  ]
  let channels = [
    StatsChannel(id: 1, entityId: "p", platform: "x", openedOn: day(10)),
    StatsChannel(id: 2, entityId: "q", platform: "x", openedOn: day(380)),
    StatsChannel(id: 3, entityId: "r", platform: "instagram", openedOn: day(100)),
  ]
  let selectors: [PlatformSelector] = [.anySocial, .platform("x")]
  let curves = Diffusion.curves(
    entities, channels, selectors: selectors, years: 1970...1971, lastDay: day(500),
    groups: [[0, 1, 2], [0, 2], [1]])
  let alone = [[0, 1, 2], [0, 2], [1]].map { positions in
    Diffusion.curve(
      positions.map { entities[$0] }, channels, selectors: selectors, years: 1970...1971,
      lastDay: day(500))
  }
  #expect(curves == alone)
  // Region R (p, r) in 1970: both exist; any social 2/2 (p on x day 10, r on instagram day 100),
  // x 1/2.
  #expect(curves[1][0].adopters == 2 && curves[1][1].adopters == 1)
}

@Test func diffusionCurvesCountEachYearLikeAYearByYearPass() {
  var random = TestRandom(state: 11)
  let entities = (0..<60).map { i in
    StatsEntity(
      id: "e\(i)", name: "E", region: "R",
      validFrom: random.next(3) == 0 ? day(random.next(1500)) : nil,
      validTo: random.next(3) == 0 ? day(random.next(1500)) : nil)
  }
  let platforms = ["x", "instagram", "website"]
  let channels = (0..<150).map { n in
    StatsChannel(
      id: Int64(n), entityId: "e\(random.next(70))", platform: platforms[random.next(3)],
      openedOn: random.next(5) == 0 ? nil : day(random.next(1500)))
  }
  let selectors: [PlatformSelector] = [.anySocial, .platform("x"), .platform("instagram")]
  let groups = [Array(entities.indices), [3, 1, 4, 1, 5], []]
  let curves = Diffusion.curves(
    entities, channels, selectors: selectors, years: 1970...1974, lastDay: day(1400), groups: groups
  )
  for (g, members) in groups.enumerated() {
    var expected: [DiffusionPoint] = []
    for year in 1970...1974 {
      let day = Day(number: min(Day.number(year: year, month: 12, day: 31), 1400))
      let existing = members.filter { entities[$0].exists(on: day) }
      for s in selectors {
        let adopters = existing.filter { i in
          channels.contains {
            $0.entityId == entities[i].id && s.matches($0)
              && $0.openedOn ?? Day(number: .max) <= day
          }
        }.count
        expected.append(
          DiffusionPoint(
            year: year, platform: s.name, entities: existing.count, adopters: adopters,
            share: existing.isEmpty
              ? .missing(.noEntities) : .value(Double(adopters) / Double(existing.count))))
      }
    }
    #expect(curves[g] == expected, "group \(g)")
  }
}
