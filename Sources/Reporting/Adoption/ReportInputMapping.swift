import Registry
import Stats
import Vocabulary

/// Registry rows to Stats value types.
enum ReportInputMapping {
  static func input(
    _ d: ReportData, asOf: Day, stalenessDays: Int, filters: ReportFilters
  ) -> ReportInput {
    var input = ReportInput(
      asOf: asOf, stalenessDays: stalenessDays, filters: filters,
      entities: d.entities.map {
        StatsEntity(
          id: $0.id, name: $0.name, region: $0.region, kind: $0.kind,
          population: $0.population.map(Int.init), validFrom: $0.validFrom,
          validTo: $0.validTo)
      },
      // No labels: the report lists no channels.
      channels: d.channels.map {
        StatsChannel(
          id: $0.id, entityId: $0.entityId, platform: $0.platform,
          openedOn: $0.openedOn, closedOn: $0.closedOn,
          disclaimer: $0.disclaimer, confidence: $0.confidence)
      },
      snapshots: snapshots(d), sources: sources(d), regionNames: d.regionNames,
      placeholdersExcluded: d.placeholdersExcluded)
    input.synthetic = d.synthetic
    return input
  }

  static func snapshots(_ d: ReportData) -> [StatsSnapshot] {
    d.snapshots.map {
      StatsSnapshot(
        channelId: $0.channelId, observedAt: $0.observedAt, followers: Int($0.followers))
    }
  }

  static func sources(_ d: ReportData) -> [Citation] { d.sources.map(Citation.init) }
}
