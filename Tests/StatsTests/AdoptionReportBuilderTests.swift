import Testing
import Vocabulary

@testable import Stats

/// The report prepared from entities and channels alone (`prepare`, done while the loader still
/// seeks) and finished with the snapshots gives the report `build(input)` gives.
struct AdoptionReportBuilderTests {
  /// Day 20000 = 2024-10-04. `regions` regions, named so that their order of first appearance is
  /// the reverse of their sorted order; entity n (of 3 per region) has an X account opened on day
  /// 19000 + n with followers 100 * n on days 20000 - 100 and 20000, the third entity none.
  static func input(regions: Int) -> ReportInput {
    var entities: [StatsEntity] = []
    var channels: [StatsChannel] = []
    var snapshots: [StatsSnapshot] = []
    for r in (1...regions).reversed() {
      for k in 1...3 {
        let n = entities.count + 1
        entities.append(
          StatsEntity(
            id: "e\(n)", name: "Zone \(n)", region: String(format: "R%02d", r), population: 1000))
        guard k < 3 else { continue }
        channels.append(
          StatsChannel(id: Int64(n), entityId: "e\(n)", platform: "x", openedOn: day(19000 + n)))
        for day in [19900, 20000] {
          snapshots.append(
            StatsSnapshot(
              channelId: Int64(n), observedAt: Int64(day) * 86_400,
              followers: 100 * n + (day == 20000 ? 10 : 0)))
        }
      }
    }
    return ReportInput(
      asOf: day(20000), stalenessDays: 365,
      filters: ReportFilters(country: "BE", regions: [], kinds: [], platforms: ["x"]),
      entities: entities, channels: channels, snapshots: snapshots,
      sources: [Citation(key: "b", title: "B"), Citation(key: "a", title: "A")],
      regionNames: [:])
  }

  @Test(arguments: [3, 20])
  func preparedThenBuiltIsTheWholeBuild(regions: Int) {
    let input = Self.input(regions: regions)
    let whole = ReportJSON.render(AdoptionReportBuilder.build(input))
    // `prepare` does not read the snapshots or the sources: given them or not, the same report.
    var bare = input
    bare.snapshots = []
    bare.sources = []
    for prepared in [AdoptionReportBuilder.prepare(input), AdoptionReportBuilder.prepare(bare)] {
      let report = AdoptionReportBuilder.build(
        prepared, snapshots: input.snapshots, sources: input.sources)
      #expect(ReportJSON.render(report) == whole)
    }
  }

  /// Without the entity list (only the map draws it) the report is the same in JSON, and lists
  /// no entity; with it, each of the 3 x 3 entities once.
  @Test func theEntityListIsLeftOutWhenNotAskedFor() {
    var input = Self.input(regions: 3)
    let listed = AdoptionReportBuilder.build(input)
    input.listsEntities = false
    let bare = AdoptionReportBuilder.build(input)
    #expect(listed.entities.count == 9 && bare.entities.isEmpty)
    #expect(ReportJSON.render(bare) == ReportJSON.render(listed))
    #expect(ReportCSV.render(bare) == ReportCSV.render(listed))
    #expect(ReportMarkdown.render(bare) == ReportMarkdown.render(listed))
  }

  /// Regions come out sorted by code, each with its own entities, whatever order they are met
  /// in.
  @Test(arguments: [3, 20])
  func regionsAreSortedWithTheirOwnEntities(regions: Int) {
    let report = AdoptionReportBuilder.build(Self.input(regions: regions))
    let any = report.regions.filter { $0.platform == "any" }
    #expect(any.map(\.region) == (1...regions).map { String(format: "R%02d", $0) })
    #expect(any.allSatisfy { $0.entities == 3 && $0.adopters == 2 })
    // Region R01 comes last in the input: its entities are the last three.
    let n = 3 * regions
    let r01 = any[0]
    // Followers on D: entities n - 2 and n - 1: 100 (n - 2) + 10 + 100 (n - 1) + 10.
    #expect(r01.followers.sum.value == Double(100 * (n - 2) + 10 + 100 * (n - 1) + 10))
    #expect(report.national.first { $0.platform == "any" }?.entities == n)
    #expect(report.sources.map(\.key) == ["a", "b"])
  }

  /// With enough entities and open channels the per-channel figures, the statuses and the
  /// audiences are computed on two threads (`TwoCores`): every channel and entity still counts
  /// once, in its own region. 3,000 regions: 9,000 entities, 6,000 open channels.
  @Test func twoThreadsCountEveryChannelOnce() {
    let regions = 3_000
    #expect(3 * regions >= TwoCores.minimum && 2 * regions >= TwoCores.minimum)
    // As `input`, every channel opened by D (day 19000 + n would be after it from n = 1,001).
    var input = Self.input(regions: regions)
    for c in input.channels.indices { input.channels[c].openedOn = day(19_000) }
    let report = AdoptionReportBuilder.build(input)
    let any = report.regions.filter { $0.platform == "any" }
    #expect(any.count == regions)
    for row in any {
      // Region r is the t-th met (t = regions - r): entities 3t + 1 and 3t + 2 have followers
      // 100 (3t + 1) + 10 and 100 (3t + 2) + 10 on D, 600 t + 320 together.
      let t = regions - Int(row.region.dropFirst())!
      #expect(row.entities == 3 && row.adopters == 2)
      #expect(row.followers.sum.value == Double(600 * t + 320))
    }
    // Nationally: the sum over t < 3,000 of 600 t + 320 = 600 * 3,000 * 2,999 / 2 + 320 * 3,000
    // = 2,699,100,000 + 960,000.
    let national = report.national.first { $0.platform == "any" }
    #expect(national?.adopters == 2 * regions)
    #expect(national?.followers.sum.value == 2_700_060_000)
    #expect(report.dataQuality.openSocialChannels == 2 * regions)
    #expect(report.dataQuality.freshSnapshot == 2 * regions)
    // The map's list (beside the groups) has every entity once; the diffusion curve (beside the
    // statuses' grouping) ends with every adopter present.
    #expect(report.entities.count == 3 * regions)
    #expect(Set(report.entities.map(\.id)).count == 3 * regions)
    #expect(report.diffusion["ALL"]?.last?.adopters == 2 * regions)
    #expect(report.diffusion["ALL"]?.last?.present == 2 * regions)
  }

  /// Per 1,000 inhabitants is the audience the registry knows over the population: with no
  /// present entity on a platform it is missing (no_values), never 0.
  @Test func perThousandIsMissingWhereNobodyIsKnownToBePresent() {
    var input = Self.input(regions: 1)
    input.filters = ReportFilters(
      country: "BE", regions: [], kinds: [], platforms: ["x", "mastodon"])
    let report = AdoptionReportBuilder.build(input)
    let mastodon = report.national.first { $0.platform == "mastodon" }
    #expect(mastodon?.adopters == 0)
    #expect(mastodon?.perThousand == .missing(.noValues))
    // On X: entities 1 and 2 have 110 and 210 followers on D; three entities of 1,000
    // inhabitants each (the third has no channel: an audience of 0 known):
    // 1000 × (110 + 210) / 3000 = 106.666...
    let x = report.national.first { $0.platform == "x" }
    #expect(abs((x?.perThousand.value ?? 0) - 320_000.0 / 3000.0) < 1e-9)
  }
}
