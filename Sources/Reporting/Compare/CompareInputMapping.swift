import Registry
import Stats
import Vocabulary

/// Registry rows to the comparisons' Stats value types.
enum CompareInputMapping {
  static func input(
    _ d: CompareData, asOf: Day, stalenessDays: Int,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) -> CompareInput {
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
      references: d.references.map(ReportInputMapping.reference),
      regionNames: d.regionNames, surveys: d.surveys.map(ReportInputMapping.survey),
      minConfidence: minConfidence)
    input.synthetic = d.synthetic
    return input
  }
}
