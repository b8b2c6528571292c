import Testing
import Vocabulary

@testable import Stats

/// The zone map: each entity's standing in the report, the classes of followers per 1,000, the
/// SVG (one path per zone of the map, fills, links, escaping) and the bounding box of path data.
struct ZoneMapTests {
  /// Day 20000 = 2024-10-04. a: an X account with 500 followers (snapshot on day 19990),
  /// population 10,000; b: a website only; c: an X account without a snapshot (opened on day
  /// 18000, more than 365 days before), no population; d: ceased on day 19000; e: surveyed
  /// absent from X on day 19900.
  static func report() -> AdoptionReport {
    let d = Day(number: 20000)
    return AdoptionReportBuilder.build(
      ReportInput(
        asOf: d, stalenessDays: 365,
        filters: ReportFilters(country: "BE", regions: [], kinds: [], platforms: ["x"]),
        entities: [
          StatsEntity(id: "a", name: "<b>Zone A</b>", region: "R1", population: 10_000),
          StatsEntity(id: "b", name: "Zone B", region: "R1", population: 5_000),
          StatsEntity(id: "c", name: "Zone C", region: "R2"),
          StatsEntity(id: "d", name: "Zone D", region: "R2", validTo: Day(number: 19000)),
          StatsEntity(id: "e", name: "Zone E", region: "R2", population: 1_000),
        ],
        channels: [
          StatsChannel(id: 1, entityId: "a", platform: "x", openedOn: Day(number: 18000)),
          StatsChannel(id: 2, entityId: "b", platform: "website", openedOn: Day(number: 18000)),
          StatsChannel(id: 3, entityId: "c", platform: "x", openedOn: Day(number: 18000)),
          StatsChannel(id: 4, entityId: "d", platform: "x", openedOn: Day(number: 18000)),
        ],
        snapshots: [StatsSnapshot(channelId: 1, observedAt: 19990 * 86_400, followers: 500)],
        sources: [], regionNames: [:],
        surveys: [
          StatsSurvey(entityId: "e", platform: "x", day: Day(number: 19900), result: .absent)
        ]))
  }

  @Test func eachExistingEntityHasItsStandingPerSelector() throws {
    let r = Self.report()
    // d ceased before the date: not listed. Selectors: any, x.
    #expect(r.entities.map(\.id) == ["a", "b", "c", "e"])
    let a = r.entities[0]
    // Present, confirmed by the snapshot 10 days before the date (within 365 days).
    #expect(a.cells.allSatisfy { $0.status.status == .present && $0.status.confirmed })
    // 500 followers / 10,000 inhabitants × 1,000 = 50.
    #expect(a.cells[0].followers == .value(500) && a.cells[0].perThousand == .value(50))
    #expect(a.cells[1] == a.cells[0])
    // A website is not social media, and b was never surveyed: unknown, no audience.
    #expect(r.entities[1].cells.allSatisfy { $0.status == .unknown && $0.followers == nil })
    // c is on X without a snapshot: present, carried forward from its opening 2,000 days
    // before; its audience and per-capita figure missing.
    let c = r.entities[2].cells[1]
    #expect(c.status.status == .present && !c.status.confirmed)
    #expect(c.followers == .missing(.noSnapshot) && c.perThousand == .missing(.noSnapshot))
    // e: absent from X, 100 days after the survey (within 365), and so from any social
    // platform (X is the report's only column).
    #expect(r.entities[3].cells.allSatisfy { $0.status.status == .absent && $0.followers == nil })
    // The map's counts are the report's: on X, present a and c, absent e, unknown b.
    let x = r.national[1].presence.counts
    #expect((x.present, x.absent, x.unknown) == (2, 1, 1))
    #expect(r.selectorIndex("x") == 1 && r.selectorIndex("tiktok") == nil)
  }

  @Test func classesSplitAtTheQuintilesOfTheKnownValues() {
    func entity(_ v: Double) -> EntityAdoption {
      EntityAdoption(
        id: "e\(v)", name: "", region: "R", population: 1000,
        cells: [
          .init(
            status: PlatformPresence(.present, confirmed: true), followers: .value(v),
            perThousand: .value(v))
        ])
    }
    // Type 7 quantiles of 1…5: h = 4p, so 1.8, 2.6, 3.4, 4.2.
    let classes = ZoneMapChart.Classes([1, 2, 3, 4, 5].map(entity), 0)
    #expect(classes.bounds == [1.8, 2.6, 3.4, 4.2])
    #expect([1, 2, 3, 4, 5].map(classes.classOf) == [0, 1, 2, 3, 4])
    #expect(classes.labels == ["≤ 1.8", "1.8–2.6", "2.6–3.4", "3.4–4.2", "> 4.2"])
    // One value: a single class.
    #expect(ZoneMapChart.Classes([entity(7)], 0).labels == ["all values"])
    // No value at all: no class in the legend, only the other keys.
    let none = EntityAdoption(
      id: "n", name: "", region: "R", population: nil,
      cells: [.init(status: PlatformPresence(.present), followers: nil, perThousand: nil)])
    #expect(!ZoneMapChart.Classes([none], 0).hasValues)
    let legend = ZoneMapChart.legend(
      colouring: .perThousand, scale: ZoneMapChart.Classes([none], 0), platform: "x",
      height: 100)
    #expect(!legend.contains("followers per 1,000<") && legend.contains("present, no fresh count"))
  }

  @Test func theMapHasOnePathPerZoneColouredByStatus() {
    let map = ZoneMap(
      viewBox: "0 0 100 80",
      zones: [
        "a": "M1 1l5 0 0 5z", "b": "M10 10l5 0 0 5z", "c": "M20 20l5 0 0 5z", "e": "M40 40l5 0z",
        "z": "M30 30l5 0z",
      ],
      municipalities: [:], licence: "MIT License\n\nCopyright (c) 2020 Someone\n")
    let svg = ZoneMapChart.render(
      Self.report(), map: map, selector: 1, colouring: .status, link: { "/entities/\($0)" })
    #expect(svg.components(separatedBy: "<path class=\"zone").count - 1 == 5)
    func path(_ id: String, _ status: String, _ d: String, _ fill: String) -> String {
      "data-entity=\"\(id)\" data-status=\"\(status)\" d=\"\(d)\" fill=\"\(fill)\""
    }
    #expect(svg.contains(path("a", "present_confirmed", "M1 1l5 0 0 5z", ZoneMapChart.present)))
    #expect(
      svg.contains(
        path("c", "present_carried_forward", "M20 20l5 0 0 5z", ZoneMapChart.carriedForward)))
    #expect(svg.contains(path("e", "absent", "M40 40l5 0z", ZoneMapChart.absent)))
    // Unknown is hatched, never the absent colour.
    #expect(svg.contains(path("b", "unknown", "M10 10l5 0 0 5z", "url(#zonemap-unknown)")))
    #expect(svg.contains("<pattern id=\"zonemap-unknown\""))
    #expect(svg.contains("data-entity=\"z\" d=\"M30 30l5 0z\" fill=\"\(ZoneMapChart.outOfScope)\""))
    #expect(svg.contains("<a href=\"/entities/a\">"))
    #expect(!svg.contains("<a href=\"/entities/z\">"), "a zone outside the report is no link")
    #expect(svg.contains("&lt;b&gt;Zone A&lt;/b&gt;") && !svg.contains("<b>Zone A"))
    let perThousand = ZoneMapChart.render(
      Self.report(), map: map, selector: 1, colouring: .perThousand)
    // a's 50 is the only known value: one class; c has its count missing; e stays absent and b
    // unknown.
    #expect(
      perThousand.contains(path("a", "present_confirmed", "M1 1l5 0 0 5z", ZoneMapChart.classes[0]))
    )
    #expect(
      perThousand.contains(
        path("c", "present_carried_forward", "M20 20l5 0 0 5z", ZoneMapChart.missingValue)))
    #expect(perThousand.contains(path("e", "absent", "M40 40l5 0z", ZoneMapChart.absent)))
    #expect(perThousand.contains(path("b", "unknown", "M10 10l5 0 0 5z", ZoneMapChart.unknown)))
    #expect(ZoneMapChart.licenceHTML(map).contains("Copyright (c) 2020 Someone"))
  }

  @Test func boundsFollowAbsoluteAndRelativeMoves() {
    // (10,20), then relative (+5,−3) → (15,17), (+.5,+.5) → (15.5,17.5).
    #expect(
      PathBounds.of(["M10 20l5-3 .5.5z"])
        == PathBounds(minX: 10, minY: 17, maxX: 15.5, maxY: 20))
    // Two subpaths in two paths: (0,0), (1,1); (5,5), (3,5).
    #expect(
      PathBounds.of(["M0 0l1 1z", "M5 5l-2 0"]) == PathBounds(minX: 0, minY: 0, maxX: 5, maxY: 5))
    #expect(PathBounds.of([""]) == nil)
  }

  @Test func aMunicipalityMapFramesItsMembers() throws {
    let map = ZoneMap(
      viewBox: "0 0 100 100", zones: ["z": "M10 10l20 0 0 10-20 0z"],
      municipalities: ["1": "M10 10l10 0 0 10-10 0z", "2": "M20 10l10 0 0 10-10 0z"], licence: "")
    let svg = try #require(
      MunicipalityMap.render(
        [
          .init(nisCode: "1", name: "One"), .init(nisCode: "2", name: "Two & co"),
          .init(nisCode: "9", name: "None"),
        ], zoneId: "z", map: map))
    // Box 10…30 × 10…20, side 20, margin max(2, 1) = 2: viewBox 8 8 24 14.
    #expect(svg.contains("viewBox=\"8.0 8.0 24.0 14.0\""))
    #expect(svg.components(separatedBy: "class=\"municipality\"").count - 1 == 2)
    #expect(svg.contains("Two &amp; co (NIS 2)"))
    #expect(MunicipalityMap.render([.init(nisCode: "9", name: nil)], zoneId: "q", map: map) == nil)
  }
}
