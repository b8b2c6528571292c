/// Computes the adoption report from its input.
public enum AdoptionReportBuilder {
  /// How many entities the top and bottom listings show.
  public static let listLength = 5

  /// Per-channel figures on the report date, computed once.
  struct ChannelFigures {
    var followers: Metric<Observation>
    var growth90: GrowthFigure
    var growth365: GrowthFigure
  }

  public static func build(_ input: ReportInput) -> AdoptionReport {
    let d = input.asOf
    let selectors = [PlatformSelector.anySocial] + input.filters.platforms.map { .platform($0) }
    var byChannel: [Int64: [StatsSnapshot]] = [:]
    for s in input.snapshots { byChannel[s.channelId, default: []].append(s) }
    let existing = input.entities.filter { $0.exists(on: d) }
    let existingIds = Set(existing.map(\.id))
    let open = input.channels.filter { existingIds.contains($0.entityId) && $0.isOpen(on: d) }
    var figures: [Int64: ChannelFigures] = [:]
    for c in open {
      let snaps = byChannel[c.id] ?? []
      figures[c.id] = ChannelFigures(
        followers: SnapshotSelection.followers(snaps, on: d, stalenessDays: input.stalenessDays),
        growth90: Growth.over(
          snaps, windowDays: 90, endingOn: d, stalenessDays: input.stalenessDays),
        growth365: Growth.over(
          snaps, windowDays: 365, endingOn: d, stalenessDays: input.stalenessDays))
    }
    let context = Context(
      asOf: d, openByEntity: Dictionary(grouping: open, by: \.entityId), figures: figures)

    let regionCodes = Set(input.entities.map(\.region)).sorted()
    let national = selectors.map { context.group("ALL", input.entities, $0) }
    var regions: [GroupFigures] = []
    for r in regionCodes {
      let members = input.entities.filter { $0.region == r }
      for s in selectors { regions.append(context.group(r, members, s)) }
    }

    let social = open.filter(\.isSocial)
    let p90 = Growth.panel(social.compactMap { figures[$0.id]?.growth90 })
    let p365 = Growth.panel(social.compactMap { figures[$0.id]?.growth365 })

    var audiences: [EntityAudience] = []
    var audienceByRegion: [String: [Double]] = [:]
    let adopters = Adoption.adopters(input.entities, input.channels, .anySocial, on: d)
    for e in existing where adopters.contains(e.id) {
      let a = context.audience(e.id, .anySocial)
      audiences.append(EntityAudience(id: e.id, name: e.name, region: e.region, followers: a))
      if let v = a.value { audienceByRegion[e.region, default: []].append(v) }
    }
    let known = audiences.filter { $0.followers.value != nil }
    let byFollowersDesc = known.sorted {
      ($0.followers.value!, $1.id) > ($1.followers.value!, $0.id)
    }
    let top = Array(byFollowersDesc.prefix(listLength))
    let bottom = Array(byFollowersDesc.reversed().prefix(listLength))
    let missing = audiences.filter { $0.followers.value == nil }.sorted { $0.id < $1.id }

    let socialByEntity = Dictionary(grouping: social, by: \.entityId)
    var disclaimer = DisclaimerCounts()
    for id in adopters.sorted() {
      let states = (socialByEntity[id] ?? []).map(\.disclaimer)
      if states.contains(true) {
        disclaimer.yes += 1
      } else if states.allSatisfy({ $0 == false }) {
        disclaimer.no += 1
      } else {
        disclaimer.unknown += 1
      }
    }

    var quality = DataQuality()
    quality.openSocialChannels = social.count
    for c in social {
      guard let f = figures[c.id] else { continue }
      switch f.followers {
      case .value: quality.freshSnapshot += 1
      case .missing(.stale): quality.staleSnapshot += 1
      case .missing: quality.noSnapshot += 1
      }
      if f.followers.value != nil && f.growth90.start.value == nil { quality.noBaseline90 += 1 }
      if f.followers.value != nil && f.growth365.start.value == nil { quality.noBaseline365 += 1 }
      if c.confidence == "low" { quality.lowConfidence += 1 }
      if c.confidence == "medium" { quality.mediumConfidence += 1 }
      if c.disclaimer == nil { quality.disclaimerUnknown += 1 }
    }
    let inScope = Set(input.entities.map(\.id))
    quality.channelsWithoutOpeningDate =
      input.channels.filter { inScope.contains($0.entityId) && $0.openedOn == nil }.count
    quality.entitiesWithoutPopulation = existing.filter { $0.population == nil }.count
    quality.placeholdersExcluded = input.placeholdersExcluded

    var diffusion: [String: [DiffusionPoint]] = [:]
    let firstYear = input.channels.filter { inScope.contains($0.entityId) }
      .compactMap(\.openedOn).min().map { DayNumber.civil($0).year }
    let lastYear = DayNumber.civil(d).year
    if let firstYear, firstYear <= lastYear {
      for r in ["ALL"] + regionCodes {
        let members = r == "ALL" ? input.entities : input.entities.filter { $0.region == r }
        diffusion[r] = Diffusion.curve(
          members, input.channels, selectors: selectors, years: firstYear...lastYear, lastDay: d)
      }
    }

    return AdoptionReport(
      asOf: d, stalenessDays: input.stalenessDays, filters: input.filters,
      regionNames: input.regionNames, selectors: selectors, national: national, regions: regions,
      growth90: PanelGrowth(
        windowDays: 90, absolute: p90.absolute, percent: p90.percent, channels: p90.channels),
      growth365: PanelGrowth(
        windowDays: 365, absolute: p365.absolute, percent: p365.percent, channels: p365.channels),
      disclaimer: disclaimer, top: top, bottom: bottom, missingAudience: missing,
      audienceByRegion: audienceByRegion, diffusion: diffusion, dataQuality: quality,
      sources: input.sources.sorted { $0.key < $1.key })
  }

  struct Context {
    let asOf: Int
    let openByEntity: [String: [StatsChannel]]
    let figures: [Int64: ChannelFigures]

    /// An entity's audience on the selector: the sum of the followers of its open matching
    /// channels that have a fresh snapshot; missing (the most common reason) when none has.
    func audience(_ entityId: String, _ s: PlatformSelector) -> Metric<Double> {
      var sum = 0.0
      var any = false
      var reasons: [MissingReason] = []
      for c in openByEntity[entityId] ?? [] where s.matches(c) {
        switch figures[c.id]!.followers {
        case .value(let o):
          sum += o.value
          any = true
        case .missing(let r): reasons.append(r)
        }
      }
      if any { return .value(sum) }
      return .missing(Distribution.dominant(reasons) ?? .noSnapshot)
    }

    func group(_ code: String, _ members: [StatsEntity], _ s: PlatformSelector) -> GroupFigures {
      let open = members.flatMap { openByEntity[$0.id] ?? [] }
      let adoption = Adoption.rate(members, open, s, on: asOf)
      let adopterIds = Adoption.adopters(members, open, s, on: asOf)
      var values: [Double] = []
      var reasons: [MissingReason] = []
      var popFollowers = 0.0
      var population = 0
      var withPopulation = 0
      for e in members where e.exists(on: asOf) {
        var a: Metric<Double> = .value(0)
        if adopterIds.contains(e.id) {
          a = audience(e.id, s)
          switch a {
          case .value(let v): values.append(v)
          case .missing(let r): reasons.append(r)
          }
        }
        if let v = a.value, let p = e.population {
          popFollowers += v
          population += p
          withPopulation += 1
        }
      }
      let perThousand: Metric<Double>
      if adoption.total == 0 {
        perThousand = .missing(.noEntities)
      } else if values.isEmpty, let r = Distribution.dominant(reasons) {
        // Adopters exist but none has a known audience: a 0 here would be a missing count.
        perThousand = .missing(r)
      } else if withPopulation == 0 {
        perThousand = .missing(.noPopulation)
      } else {
        perThousand = PerCapita.perThousand(popFollowers, population: population)
      }
      let channels = open.filter { s.matches($0) && adopterIds.contains($0.entityId) }
      return GroupFigures(
        region: code, platform: s.name, adoption: adoption,
        followers: Distribution.of(values, reasons: reasons), followersMissing: reasons.count,
        perThousand: perThousand,
        growth90PctMedian: median(channels.map { figures[$0.id]!.growth90.percent }),
        growth365PctMedian: median(channels.map { figures[$0.id]!.growth365.percent }))
    }

    func median(_ metrics: [Metric<Double>]) -> Metric<Double> {
      let values = metrics.compactMap(\.value)
      if values.isEmpty, let r = Distribution.dominant(metrics.compactMap(\.reason)) {
        return .missing(r)
      }
      return Distribution.quantile(values, 0.5)
    }
  }
}
