import Registry
import Stats
import Vocabulary

/// Registry rows to Stats value types.
enum ReportInputMapping {
  static func input(
    _ d: ReportData, asOf: Day, stalenessDays: Int, filters: ReportFilters,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) -> ReportInput {
    var input = ReportInput(
      asOf: asOf, stalenessDays: stalenessDays, filters: filters,
      entities: d.entities.map(entity),
      // No labels: the report lists no channels.
      channels: d.channels.map(channel),
      snapshots: snapshots(d), sources: sources(d), regionNames: d.regionNames,
      placeholdersExcluded: d.placeholdersExcluded, surveys: d.surveys.map(survey),
      minConfidence: minConfidence, references: d.references.map(reference),
      referenceSources: d.referenceSources.map(Citation.init))
    input.synthetic = d.synthetic
    input.uncertainDates = d.uncertainDates.map {
      UncertainDateNote(
        entityId: $0.entityId, side: $0.side, used: $0.used, earliest: $0.earliest,
        latest: $0.latest, sourceKey: $0.sourceKey)
    }
    return input
  }

  /// `input(d, ...)`, emptying `d.entities` once they are mapped and `d.channels` once they are
  /// (the registry's rows and Stats' copies of both are never all held at once).
  static func input(
    taking d: inout ReportData, asOf: Day, stalenessDays: Int, filters: ReportFilters,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) -> ReportInput {
    let entities = d.entities.map(entity)
    d.entities = []
    let channels = d.channels.map(channel)
    d.channels = []
    var input = Self.input(
      d, asOf: asOf, stalenessDays: stalenessDays, filters: filters, minConfidence: minConfidence)
    input.entities = entities
    input.channels = channels
    return input
  }

  static func entity(_ e: ReportData.EntityRow) -> StatsEntity {
    StatsEntity(
      id: e.id, name: e.name, region: e.region, kind: e.kind,
      population: e.population.map(Int.init), validFrom: e.validFrom, validTo: e.validTo)
  }

  static func channel(_ c: ReportData.ChannelRow) -> StatsChannel {
    StatsChannel(
      id: c.id, entityId: c.entityId, platform: c.platform, openedOn: c.openedOn,
      dating: c.dating, closedOn: c.closedOn, verifiedOn: c.verifiedOn,
      disclaimer: c.disclaimer, confidence: c.confidence)
  }

  static func survey(_ s: ReportData.SurveyRow) -> StatsSurvey {
    StatsSurvey(
      entityId: s.entityId, platform: s.platform, day: s.observedOn, result: s.result,
      confidence: s.confidence, method: s.method, handle: s.handle, sourceKey: s.sourceKey)
  }

  static func reference(_ r: CompareData.ReferenceRow) -> StatsReference {
    let f = r.figure
    return StatsReference(
      id: f.id, label: f.label, metric: f.metric, value: f.value, denominator: f.denominator,
      unit: f.unit, country: f.country, region: f.region, kind: f.entityKind,
      platform: f.platform, entityId: f.entityId, asOf: f.asOf, precision: f.asOfPrecision,
      sourceKey: r.sourceKey, sourceTitle: r.sourceTitle, sourceURL: r.sourceURL, note: f.note)
  }

  static func snapshots(_ d: ReportData) -> [StatsSnapshot] {
    d.snapshots.map {
      StatsSnapshot(
        channelId: $0.channelId, observedAt: $0.observedAt, followers: Int($0.followers))
    }
  }

  /// `snapshots(d)`, emptying `d.snapshots` (their memory freed before the caller goes on).
  static func takeSnapshots(_ d: inout ReportData) -> [StatsSnapshot] {
    let taken = snapshots(d)
    d.snapshots = []
    return taken
  }

  static func sources(_ d: ReportData) -> [Citation] { d.sources.map(Citation.init) }
}
