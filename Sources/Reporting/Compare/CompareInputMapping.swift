import Registry
import Stats
import Vocabulary

/// Registry rows to the comparisons' Stats value types.
enum CompareInputMapping {
  static func input(_ d: CompareData, asOf: Day, stalenessDays: Int) -> CompareInput {
    let base = ReportInputMapping.input(
      d.reportData, asOf: asOf, stalenessDays: stalenessDays,
      filters: ReportFilters(country: "", regions: [], kinds: [], platforms: []))
    let flags = Dictionary(uniqueKeysWithValues: d.entities.map { ($0.entity.id, $0) })
    var input = CompareInput(
      asOf: base.asOf, stalenessDays: stalenessDays,
      entities: base.entities.map {
        CompareEntity($0, country: flags[$0.id]!.country, placeholder: flags[$0.id]!.placeholder)
      },
      channels: base.channels,
      snapshots: d.snapshots.map {
        StatsSnapshot(
          channelId: $0.channelId, observedAt: $0.observedAt, followers: $0.followers.map(Int.init),
          posts: $0.posts.map(Int.init), engagements: $0.engagements.map(Int.init),
          windowDays: $0.windowDays.map(Int.init))
      },
      references: d.references.map {
        let f = $0.figure
        return StatsReference(
          id: f.id, label: f.label, metric: f.metric, value: f.value, denominator: f.denominator,
          unit: f.unit, country: f.country, region: f.region, kind: f.entityKind,
          platform: f.platform, entityId: f.entityId, asOf: f.asOf, precision: f.asOfPrecision,
          sourceKey: $0.sourceKey, sourceTitle: $0.sourceTitle, sourceURL: $0.sourceURL,
          note: f.note)
      },
      regionNames: d.regionNames)
    input.synthetic = d.synthetic
    return input
  }
}
