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
    // Each channel's entity as a position (the first with its id), hashed once per channel;
    // idExists[p]: some entity with that id exists on the date.
    var position: [String: Int] = [:]
    position.reserveCapacity(input.entities.count)
    var idExists = [Bool](repeating: false, count: input.entities.count)
    for (i, e) in input.entities.enumerated() {
      let p = position[e.id] ?? i
      if p == i { position[e.id] = i }
      if e.exists(on: d) { idExists[p] = true }
    }
    let entityOf = input.channels.map { position[$0.entityId] }
    var open: [StatsChannel] = []
    var openEntity: [Int] = []
    for (n, c) in input.channels.enumerated() {
      guard let p = entityOf[n], idExists[p], c.isOpen(on: d) else { continue }
      open.append(c)
      openEntity.append(p)
    }
    // open[j]'s figures, by position (a channel id appears once in the input).
    let openFigures = open.map { c in
      let snaps = byChannel[c.id] ?? []
      return ChannelFigures(
        followers: SnapshotSelection.followers(snaps, on: d, stalenessDays: input.stalenessDays),
        growth90: Growth.over(
          snaps, windowDays: 90, endingOn: d, stalenessDays: input.stalenessDays),
        growth365: Growth.over(
          snaps, windowDays: 365, endingOn: d, stalenessDays: input.stalenessDays))
    }
    let context = Context(
      asOf: d, entities: input.entities, open: open, openEntity: openEntity,
      selectors: selectors, openFigures: openFigures)

    let regionCodes = Set(input.entities.map(\.region)).sorted()
    var membersByRegion: [String: [Int]] = [:]
    for (i, e) in input.entities.enumerated() { membersByRegion[e.region, default: []].append(i) }
    let everyone = Array(input.entities.indices)
    let national = selectors.indices.map { context.group("ALL", everyone, $0) }
    var regions: [GroupFigures] = []
    for r in regionCodes {
      let members = membersByRegion[r] ?? []
      for k in selectors.indices { regions.append(context.group(r, members, k)) }
    }

    let socialPositions = open.indices.filter { open[$0].isSocial }
    let p90 = Growth.panel(socialPositions.map { openFigures[$0].growth90 })
    let p365 = Growth.panel(socialPositions.map { openFigures[$0].growth365 })

    var audiences: [EntityAudience] = []
    var audienceByRegion: [String: [Double]] = [:]
    var adopters = Set<String>()
    var disclaimer = DisclaimerCounts()
    for (i, e) in input.entities.enumerated() where context.exists[i] {
      guard let a = context.audience(i, 0) else { continue }  // selector 0: any social platform
      if adopters.insert(e.id).inserted {
        // The disclaimer states of its open social channels: any yes, else all no, else unknown.
        var yes = false
        var allNo = true
        for j in context.openOf[i] where open[j].isSocial {
          if open[j].disclaimer == true { yes = true }
          if open[j].disclaimer != false { allNo = false }
        }
        if yes {
          disclaimer.yes += 1
        } else if allNo {
          disclaimer.no += 1
        } else {
          disclaimer.unknown += 1
        }
      }
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

    var quality = DataQuality()
    quality.openSocialChannels = socialPositions.count
    for j in socialPositions {
      let c = open[j]
      let f = openFigures[j]
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
    // The channels of the entities in scope: those without an opening date, the earliest one.
    var withoutOpening = 0
    var earliestOpening: Int?
    for (n, c) in input.channels.enumerated() where entityOf[n] != nil {
      if let o = c.openedOn {
        earliestOpening = min(earliestOpening ?? o, o)
      } else {
        withoutOpening += 1
      }
    }
    quality.channelsWithoutOpeningDate = withoutOpening
    quality.entitiesWithoutPopulation = existing.filter { $0.population == nil }.count
    quality.placeholdersExcluded = input.placeholdersExcluded

    var diffusion: [String: [DiffusionPoint]] = [:]
    let firstYear = earliestOpening.map { DayNumber.civil($0).year }
    let lastYear = DayNumber.civil(d).year
    if let firstYear, firstYear <= lastYear {
      // Every region's curve from one pass over the channels (positions of its entities).
      let groups = [everyone] + regionCodes.map { membersByRegion[$0] ?? [] }
      let curves = Diffusion.curves(
        input.entities, input.channels, selectors: selectors, years: firstYear...lastYear,
        lastDay: d, groups: groups)
      for (r, curve) in zip(["ALL"] + regionCodes, curves) { diffusion[r] = curve }
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

  /// The entities and open channels as arrays indexed by position, with each open channel's
  /// selector matches as bits: every group is a pass over its members' positions (no hashing).
  struct Context {
    let asOf: Int
    let entities: [StatsEntity]
    /// Whether entities[i] exists on the report date.
    let exists: [Bool]
    let open: [StatsChannel]
    let selectorNames: [String]
    /// open[j]'s figures.
    let openFigures: [ChannelFigures]
    /// Bit k set when open[j] matches selectors[k].
    let matches: [UInt64]
    /// Positions in `open` of entities[i]'s open channels, in input order.
    let openOf: [[Int]]

    init(
      asOf: Int, entities: [StatsEntity], open: [StatsChannel], openEntity: [Int],
      selectors: [PlatformSelector], openFigures: [ChannelFigures]
    ) {
      precondition(selectors.count <= 64, "at most 64 platform columns")
      self.asOf = asOf
      self.entities = entities
      self.exists = entities.map { $0.exists(on: asOf) }
      self.open = open
      self.selectorNames = selectors.map(\.name)
      self.openFigures = openFigures
      self.matches = open.map { c in
        var bits: UInt64 = 0
        for (k, s) in selectors.enumerated() where s.matches(c) { bits |= 1 << UInt64(k) }
        return bits
      }
      var openOf = [[Int]](repeating: [], count: entities.count)
      // openEntity[j]: position of open[j]'s entity.
      for (j, i) in openEntity.enumerated() { openOf[i].append(j) }
      self.openOf = openOf
    }

    /// entities[i]'s audience on selector k when it adopted it on the date (nil when not): the
    /// sum of the followers of its open matching channels that have a fresh snapshot; missing
    /// (the most common reason) when none has.
    func audience(_ i: Int, _ k: Int) -> Metric<Double>? {
      let bit: UInt64 = 1 << UInt64(k)
      var adopted = false
      var sum = 0.0
      var any = false
      var reasons: [MissingReason] = []
      for j in openOf[i] where matches[j] & bit != 0 {
        adopted = true
        switch openFigures[j].followers {
        case .value(let o):
          sum += o.value
          any = true
        case .missing(let r): reasons.append(r)
        }
      }
      if !adopted { return nil }
      if any { return .value(sum) }
      return .missing(Distribution.dominant(reasons) ?? .noSnapshot)
    }

    /// The figures of the entities at `members` (positions) on selector k.
    func group(_ code: String, _ members: [Int], _ k: Int) -> GroupFigures {
      let bit: UInt64 = 1 << UInt64(k)
      var total = 0
      var adopters = 0
      var values: [Double] = []
      var reasons: [MissingReason] = []
      var popFollowers = 0.0
      var population = 0
      var withPopulation = 0
      var growth90: [Metric<Double>] = []
      var growth365: [Metric<Double>] = []
      for i in members where exists[i] {
        total += 1
        var a: Metric<Double> = .value(0)
        if let adopted = audience(i, k) {
          adopters += 1
          a = adopted
          switch a {
          case .value(let v): values.append(v)
          case .missing(let r): reasons.append(r)
          }
          for j in openOf[i] where matches[j] & bit != 0 {
            growth90.append(openFigures[j].growth90.percent)
            growth365.append(openFigures[j].growth365.percent)
          }
        }
        if let v = a.value, let p = entities[i].population {
          popFollowers += v
          population += p
          withPopulation += 1
        }
      }
      let adoption = WilsonInterval.proportion(adopters, of: total)
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
      return GroupFigures(
        region: code, platform: selectorNames[k], adoption: adoption,
        followers: Distribution.of(values, reasons: reasons), followersMissing: reasons.count,
        perThousand: perThousand,
        growth90PctMedian: median(growth90), growth365PctMedian: median(growth365))
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
