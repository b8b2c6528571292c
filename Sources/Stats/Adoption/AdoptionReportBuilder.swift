import Vocabulary

/// Computes the adoption report from its input.
///
/// Works on positions, not on copies: each entity, channel and open channel is an index into
/// flat arrays (the channels' entities, selector matches and figures), each String is hashed once
/// per entity or channel, and every group's figures come from one pass over the entities
/// (`ReportGroups`). Sums keep the order of the input, so the figures are those of a group-by-group
/// computation to the last bit.
public enum AdoptionReportBuilder {
  /// How many entities the top and bottom listings show.
  public static let listLength = 5

  /// Per open channel, what the statuses, the audiences and the groups read of its figures on
  /// the report date: its followers on D and its growth over 90 and 365 days in percent
  /// (`GrowthFigure`), or why each is missing. Stored compactly (32 bytes: a report on 300,000
  /// accounts holds one per open channel); the growth panels' endpoints are kept apart
  /// (`GrowthEnds`), and freed once the panels are computed.
  struct ChannelFigures {
    private var followerValue = 0.0
    private var percent90 = 0.0
    private var percent365 = 0.0
    private var followerMissing: MissingReason?
    private var percent90Missing: MissingReason?
    private var percent365Missing: MissingReason?

    init(
      followers: Metric<Double>, growth90Percent: Metric<Double>,
      growth365Percent: Metric<Double>
    ) {
      (followerValue, followerMissing) = Self.store(followers)
      (percent90, percent90Missing) = Self.store(growth90Percent)
      (percent365, percent365Missing) = Self.store(growth365Percent)
    }

    private static func store(_ m: Metric<Double>) -> (Double, MissingReason?) {
      switch m {
      case .value(let v): return (v, nil)
      case .missing(let r): return (0, r)
      }
    }

    var followers: Metric<Double> { followerMissing.map { .missing($0) } ?? .value(followerValue) }
    var growth90Percent: Metric<Double> {
      percent90Missing.map { .missing($0) } ?? .value(percent90)
    }
    var growth365Percent: Metric<Double> {
      percent365Missing.map { .missing($0) } ?? .value(percent365)
    }
  }

  /// Per open channel, the endpoints of its 90- and 365-day growth that the panels read: the
  /// baseline count, the end count scaled to W days after it, and their days, known together
  /// (`GrowthFigure.scaledEnd` and `dates` are both set or both nil). 72 bytes.
  struct GrowthEnds {
    /// One window's numbers (whether they are known is kept beside: a struct of numbers alone
    /// packs without padding).
    private struct Window {
      var start = 0.0
      var end = 0.0
      var baselineDay = 0
      var endDay = 0
    }

    private var w90 = Window()
    private var w365 = Window()
    /// Bit 0: the 90-day endpoints and dates are known; bit 1: the 365-day ones.
    private var known: UInt8 = 0

    /// `start90`, `end90` and `dates90` (and the same of 365) are nil together: a window is
    /// kept only when all three are given.
    init(
      start90: Double?, end90: Double?, dates90: GrowthDates?, start365: Double?,
      end365: Double?, dates365: GrowthDates?
    ) {
      if let start90, let end90, let dates90 {
        w90 = Self.window(start90, end90, dates90)
        known |= 1
      }
      if let start365, let end365, let dates365 {
        w365 = Self.window(start365, end365, dates365)
        known |= 2
      }
    }

    private static func window(_ start: Double, _ end: Double, _ dates: GrowthDates) -> Window {
      Window(
        start: start, end: end, baselineDay: dates.baseline.lowerBound.number,
        endDay: dates.end.lowerBound.number)
    }

    private static func dates(_ w: Window) -> GrowthDates {
      GrowthDates(baseline: Day(number: w.baselineDay), end: Day(number: w.endDay))
    }

    /// The baseline counts of the 90- and 365-day growth (nil when the growth is missing).
    var start90: Double? { known & 1 != 0 ? w90.start : nil }
    var start365: Double? { known & 2 != 0 ? w365.start : nil }
    /// The end counts scaled to 90 and 365 days after their baselines (nil when missing).
    var end90: Double? { known & 1 != 0 ? w90.end : nil }
    var end365: Double? { known & 2 != 0 ? w365.end : nil }
    var dates90: GrowthDates? { known & 1 != 0 ? Self.dates(w90) : nil }
    var dates365: GrowthDates? { known & 2 != 0 ? Self.dates(w365) : nil }
  }

  /// What the report computes from the entities and channels alone (no snapshot): the index,
  /// the regions, the diffusion curves and the counts of the data-quality section that do not
  /// depend on snapshots. `AdoptionReportCommand` prepares it while the follower counts are
  /// still being read.
  public struct Prepared: Sendable {
    let input: ReportInput
    let selectors: [PlatformSelector]
    let index: ReportIndex
    let presence: ReportPresence
    /// Region codes, sorted; region[i]: entities[i]'s region as a position in regionCodes.
    let regionCodes: [String]
    let region: [Int]
    let diffusion: [String: [DiffusionPoint]]
    let channelsWithoutOpeningDate: Int
    let channelsDatedBySource: Int
    let entitiesWithoutPopulation: Int
    /// What the build reads of each channel (`input.channels` is not kept: its Strings and
    /// optional days take 120 bytes a channel, these 9).
    let channelFacts: ChannelFacts
  }

  /// Per channel of the input, in input order: its id, and whether it is open on D, its
  /// emergency disclaimer and its confidence, as bits.
  struct ChannelFacts {
    private(set) var ids: [Int64] = []
    private var bits: [UInt8] = []
    private static let open: UInt8 = 1
    private static let disclaimerKnown: UInt8 = 2
    private static let disclaimerStated: UInt8 = 4
    private static let lowConfidence: UInt8 = 8
    private static let mediumConfidence: UInt8 = 16

    init(_ channels: [StatsChannel], on d: Day) {
      ids.reserveCapacity(channels.count)
      bits.reserveCapacity(channels.count)
      // (Fields read in place: a copy of a channel would retain its Strings.)
      for n in channels.indices {
        ids.append(channels[n].id)
        var b: UInt8 = channels[n].isOpen(on: d) ? Self.open : 0
        if let stated = channels[n].disclaimer {
          b |= Self.disclaimerKnown | (stated ? Self.disclaimerStated : 0)
        }
        switch channels[n].confidence {
        case "low": b |= Self.lowConfidence
        case "medium": b |= Self.mediumConfidence
        default: break
        }
        bits.append(b)
      }
    }

    var count: Int { ids.count }
    func isOpen(_ n: Int) -> Bool { bits[n] & Self.open != 0 }
    /// Whether it states "no urgent calls here": nil when unknown.
    func disclaimer(_ n: Int) -> Bool? {
      bits[n] & Self.disclaimerKnown == 0 ? nil : bits[n] & Self.disclaimerStated != 0
    }
    func isLowConfidence(_ n: Int) -> Bool { bits[n] & Self.lowConfidence != 0 }
    func isMediumConfidence(_ n: Int) -> Bool { bits[n] & Self.mediumConfidence != 0 }
  }

  /// Prepares the report of `input`, whose snapshots and sources are not read (nor kept:
  /// `build(_:snapshots:sources:)` takes them).
  public static func prepare(_ input: ReportInput) -> Prepared {
    let d = input.asOf
    let selectors = [PlatformSelector.anySocial] + input.filters.platforms.map { .platform($0) }
    let entities = input.entities
    let channels = input.channels
    let index = ReportIndex(entities: entities, channels: channels, selectors: selectors, on: d)
    let rule = input.rule

    // Regions sorted by code; region[i]: entities[i]'s region as a position in regionCodes.
    // A country has few regions: each entity's is found in a short list (the previous entity's
    // first), not hashed, and read in place (a copy of the entity would retain its Strings).
    var seen: [String] = []
    var firstSeen = [Int](repeating: 0, count: entities.count)
    var last = -1
    for i in entities.indices {
      if last < 0 || seen[last] != entities[i].region {
        last = seen.firstIndex(of: entities[i].region) ?? -1
        if last < 0 {
          seen.append(entities[i].region)
          last = seen.count - 1
        }
      }
      firstSeen[i] = last
    }
    let regionCodes = seen.sorted()
    var sortedPosition = [Int](repeating: 0, count: seen.count)
    for (q, code) in seen.enumerated() { sortedPosition[q] = regionCodes.firstIndex(of: code)! }
    let region = firstSeen.map { sortedPosition[$0] }

    // The channels of the entities in scope (each channel once: a channel that changed hands
    // comes once per owner): those without any date, those dated by their source alone, the
    // earliest evidence date.
    var withoutOpening = Set<Int64>()
    var datedBySource = Set<Int64>()
    var earliestOpening: Day?
    // (Fields read in place: a copy of a channel or an entity would retain its Strings.)
    for n in channels.indices where index.entityOf[n] >= 0 {
      if let o = channels[n].openedOn {
        earliestOpening = min(earliestOpening ?? o, o)
        let dating = channels[n].dating
        if dating == .sourcePublished || dating == .sourceRetrieved {
          datedBySource.insert(channels[n].id)
        }
      } else {
        withoutOpening.insert(channels[n].id)
      }
    }
    var withoutPopulation = 0
    for i in entities.indices where index.exists[i] && entities[i].population == nil {
      withoutPopulation += 1
    }

    var diffusion: [String: [DiffusionPoint]] = [:]
    let lastYear = d.year
    let years = earliestOpening.map(\.year).flatMap { $0 <= lastYear ? $0...lastYear : nil }
    // Every region's curve from one pass over the channels (positions of its entities), while
    // the other thread groups each entity's channels and surveys for the statuses (neither
    // reads what the other writes).
    var members = [[Int]](repeating: [], count: years == nil ? 0 : regionCodes.count)
    if years != nil {
      for i in entities.indices { members[region[i]].append(i) }
    }
    let groups = years == nil ? [] : [Array(entities.indices)] + members
    var firstOpened: [Int] = []
    var curves: [[DiffusionPoint]] = []
    var grouped: ReportPresence?
    let presencePass = {
      grouped = ReportPresence(
        entities: entities, channels: channels, surveys: input.surveys, index: index,
        selectors: selectors,
        platformSet: input.platformSet
          ?? Presence.platformSet(channels: channels, surveys: input.surveys, rule: rule),
        rule: rule)
    }
    let curvePass = {
      guard let years else { return }
      firstOpened = index.firstOpened(channels)
      curves = Diffusion.curves(
        entities, firstOpened: firstOpened, selectors: selectors, years: years, lastDay: d,
        groups: groups)
    }
    TwoCores.both(entities.count, presencePass, curvePass)
    let presence = grouped!
    if let years {
      let statuses = diffusionStatuses(
        entities, channels, presence: presence, cumulative: curves, firstOpened: firstOpened,
        selectors: selectors, years: years, lastDay: d, groups: groups, region: region)
      for (g, (r, curve)) in zip(["ALL"] + regionCodes, curves).enumerated() {
        diffusion[r] = zip(curve, statuses[g]).map { point, counts in
          var p = point
          p.present = counts.present
          p.absent = counts.absent
          p.unknown = p.entities - counts.present - counts.absent
          return p
        }
      }
    }
    var withoutSnapshots = input
    withoutSnapshots.snapshots = []
    withoutSnapshots.sources = []
    withoutSnapshots.channels = []
    return Prepared(
      input: withoutSnapshots, selectors: selectors, index: index, presence: presence,
      regionCodes: regionCodes, region: region, diffusion: diffusion,
      channelsWithoutOpeningDate: withoutOpening.count,
      channelsDatedBySource: datedBySource.count,
      entitiesWithoutPopulation: withoutPopulation,
      channelFacts: ChannelFacts(channels, on: d))
  }

  /// Per group, year and selector (the order of `Diffusion.curves`' points), the entities present
  /// and absent on that year's day. An entity without a counted survey or a closing up to D is
  /// present exactly when a channel opened by then (no absence event can touch it): those are
  /// counted by `Diffusion`'s difference arrays; the others, few, are decided year by year.
  /// Snapshots are not read for these days (they only matter for a channel with a snapshot
  /// before its own evidence date).
  static func diffusionStatuses(
    _ entities: [StatsEntity], _ channels: [StatsChannel], presence: ReportPresence,
    cumulative: [[DiffusionPoint]], firstOpened: [Int], selectors: [PlatformSelector],
    years: ClosedRange<Int>, lastDay: Day, groups: [[Int]], region: [Int]
  ) -> [[(present: Int, absent: Int)]] {
    let k = selectors.count
    let slow = entities.indices.filter { presence.hasAbsenceOrSurvey($0, upTo: lastDay) }
    // No slow entity (no survey, no closing: most registries' history): the curves' counts are
    // the statuses; no second pass.
    guard !slow.isEmpty else {
      return cumulative.map { $0.map { (present: $0.adopters, absent: 0) } }
    }
    var fastFirst = firstOpened
    for i in slow {
      for s in 0..<k { fastFirst[i * k + s] = Int.max }
    }
    let fast = Diffusion.curves(
      entities, firstOpened: fastFirst, selectors: selectors, years: years, lastDay: lastDay,
      groups: groups)
    var counts = fast.map { $0.map { (present: $0.adopters, absent: 0) } }
    var scratch = ReportPresence.Scratch(platforms: presence.platforms.count)
    var statuses = [PlatformPresence](repeating: .unknown, count: k)
    for (y, year) in years.enumerated() {
      let day = Day(number: min(Day.number(year: year, month: 12, day: 31), lastDay.number))
      for i in slow where entities[i].exists(on: day) {
        for s in 0..<k { statuses[s] = .unknown }
        presence.statuses(
          i, on: day, snapshotDay: { _ in nil }, scratch: &scratch, into: &statuses, at: 0)
        // Group 0 is every entity; group region[i] + 1 is its region.
        for g in [0, region[i] + 1] {
          for (s, st) in statuses.enumerated() {
            if st.status == .present { counts[g][y * k + s].present += 1 }
            if st.status == .absent { counts[g][y * k + s].absent += 1 }
          }
        }
      }
    }
    return counts
  }

  public static func build(_ input: ReportInput) -> AdoptionReport {
    build(prepare(input), snapshots: input.snapshots, sources: input.sources)
  }

  /// The report of `prepared` with its snapshots and sources. The snapshots are read first
  /// (each open channel's figures, each channel's latest snapshot day) and released before the
  /// statuses and the groups are computed: pass an array nobody else holds
  /// (`AdoptionReporting.build` does) and its memory is freed then.
  public static func build(
    _ prepared: Prepared, snapshots: consuming [StatsSnapshot], sources: [Citation]
  ) -> AdoptionReport {
    let input = prepared.input
    let d = input.asOf
    let selectors = prepared.selectors
    let entities = input.entities
    let channels = prepared.channelFacts
    let index = prepared.index
    let open = index.open
    let regionCodes = prepared.regionCodes
    let region = prepared.region
    var (openFigures, ends, snapshotDay) = channelFigures(prepared, snapshots: consume snapshots)

    // The growth panels and the channels' data quality first: the panels' endpoints are then
    // freed, before the statuses and the audiences take their memory.
    let socialPositions = open.indices.filter { index.openSocial[$0] }
    let p90 = Self.panel(socialPositions, windowDays: 90) { j in
      (ends[j].start90, ends[j].end90, ends[j].dates90, openFigures[j].growth90Percent)
    }
    let p365 = Self.panel(socialPositions, windowDays: 365) { j in
      (ends[j].start365, ends[j].end365, ends[j].dates365, openFigures[j].growth365Percent)
    }
    ends = []
    var quality = DataQuality()
    quality.openSocialChannels = socialPositions.count
    for j in socialPositions {
      let n = open[j]
      let f = openFigures[j]
      switch f.followers {
      case .value: quality.freshSnapshot += 1
      case .missing(.stale): quality.staleSnapshot += 1
      case .missing: quality.noSnapshot += 1
      }
      if f.followers.value != nil {
        if f.growth90Percent.reason == .noBaselineInWindow { quality.noBaseline90 += 1 }
        if f.growth365Percent.reason == .noBaselineInWindow { quality.noBaseline365 += 1 }
        if f.growth90Percent.reason == .noEndInWindow { quality.noEnd90 += 1 }
        if f.growth365Percent.reason == .noEndInWindow { quality.noEnd365 += 1 }
      }
      if channels.isLowConfidence(n) { quality.lowConfidence += 1 }
      if channels.isMediumConfidence(n) { quality.mediumConfidence += 1 }
      if channels.disclaimer(n) == nil { quality.disclaimerUnknown += 1 }
    }

    // Each existing entity's status on each selector, while the other thread sums the
    // audiences (neither reads what the other writes).
    let k = selectors.count
    let presence = prepared.presence
    var statuses = [PlatformPresence](repeating: .unknown, count: entities.count * k)
    var conflicts = 0
    var computed: Audiences?
    let statusPass = {
      var scratch = ReportPresence.Scratch(platforms: presence.platforms.count)
      for i in entities.indices where index.exists[i] {
        presence.statuses(
          i, on: d, snapshotDay: { n in snapshotDay[n] == Int.min ? nil : snapshotDay[n] },
          scratch: &scratch, into: &statuses, at: i * k)
        for s in 1..<k where statuses[i * k + s].conflict { conflicts += 1 }
      }
    }
    let audiencePass = {
      computed = Audiences(index: index, figures: openFigures, selectors: selectors.count)
    }
    TwoCores.both(entities.count, statusPass, audiencePass)
    let audiences = computed!
    // The groups' figures, while the other thread lists each entity for the map (neither reads
    // what the other writes).
    var grouped: ReportGroups?
    var standings: [EntityAdoption] = []
    if input.listsEntities { standings.reserveCapacity(entities.count) }
    let groupPass = {
      grouped = ReportGroups(
        entities: entities, index: index, audiences: audiences, statuses: statuses,
        figures: openFigures, region: region, regions: regionCodes.count,
        selectors: selectors.count)
    }
    let standingPass = {
      // Each entity existing on the date once (its first existing position), for the map. (The
      // index knows those positions: no id is hashed again.)
      guard input.listsEntities else { return }
      for i in entities.indices where index.firstExisting[i] {
        let e = entities[i]
        let cells = selectors.indices.map { s -> EntityAdoption.Cell in
          let status = statuses[i * k + s]
          guard let a = audiences.audience(i, s) else {
            return EntityAdoption.Cell(status: status, followers: nil, perThousand: nil)
          }
          let perThousand: Metric<Double>
          switch a {
          case .value(let v): perThousand = PerCapita.perThousand(v, population: e.population)
          case .missing(let r): perThousand = .missing(r)
          }
          return EntityAdoption.Cell(status: status, followers: a, perThousand: perThousand)
        }
        standings.append(
          EntityAdoption(
            id: e.id, name: e.name, region: e.region, population: e.population, cells: cells))
      }
    }
    TwoCores.both(entities.count, groupPass, standingPass)
    var groups = grouped!
    let names = selectors.map(\.name)
    var national = selectors.indices.map { k in groups.figures(0, k, code: "ALL", names[k]) }
    var regions: [GroupFigures] = []
    for (r, code) in regionCodes.enumerated() {
      for k in selectors.indices { regions.append(groups.figures(r + 1, k, code: code, names[k])) }
    }
    // Published figures of each group's scope, printed beside its estimate.
    var cited = Set<String>()
    for n in national.indices {
      national[n].published = PublishedFigure.matching(
        input.references, region: "ALL", selector: selectors[n % k], filters: input.filters,
        asOf: d)
      for f in national[n].published { cited.insert(f.reference.sourceKey) }
    }
    for n in regions.indices {
      regions[n].published = PublishedFigure.matching(
        input.references, region: regions[n].region, selector: selectors[n % k],
        filters: input.filters, asOf: d)
      for f in regions[n].published { cited.insert(f.reference.sourceKey) }
    }

    // Entities on social media in entity order: adopters of selector 0, any social platform.
    var adopting: [Int] = []
    var audienceByRegionPosition = [[Double]](repeating: [], count: regionCodes.count)
    var disclaimer = DisclaimerCounts()
    // An entity on social media with no open channel (a survey found it) has no known audience.
    func audience(_ i: Int) -> Metric<Double> { audiences.audience(i, 0) ?? .missing(.noChannel) }
    for i in entities.indices where index.exists[i] && statuses[i * k].status == .present {
      let a = audience(i)
      // Only an id's first position has open channels, so each adopter's id is counted once.
      // The disclaimer states of its open social channels: any yes, else all no, else unknown
      // (also when it has none).
      var yes = false
      var allNo = true
      var any = false
      for j in index.openOf(i) where index.openSocial[j] {
        any = true
        let stated = channels.disclaimer(open[j])
        if stated == true { yes = true }
        if stated != false { allNo = false }
      }
      if !any { allNo = false }
      if yes {
        disclaimer.yes += 1
      } else if allNo {
        disclaimer.no += 1
      } else {
        disclaimer.unknown += 1
      }
      adopting.append(i)
      if let v = a.value { audienceByRegionPosition[region[i]].append(v) }
    }
    var audienceByRegion: [String: [Double]] = [:]
    for (r, values) in audienceByRegionPosition.enumerated() where !values.isEmpty {
      audienceByRegion[regionCodes[r]] = values
    }
    func entry(_ i: Int) -> EntityAudience {
      let e = entities[i]
      return EntityAudience(id: e.id, name: e.name, region: e.region, followers: audience(i))
    }
    let known = adopting.filter { audiences.value(i: $0, 0) != nil }
    // Descending by audience, then ascending by id (ids of adopters are unique).
    let before = { (a: Int, b: Int) -> Bool in
      let va = audiences.value(i: a, 0)!
      let vb = audiences.value(i: b, 0)!
      return va != vb ? va > vb : entities[a].id < entities[b].id
    }
    let top = Self.first(listLength, of: known, by: before).map(entry)
    let bottom = Self.first(listLength, of: known, by: { before($1, $0) }).map(entry)
    let missing = adopting.filter { audiences.value(i: $0, 0) == nil }
      .sorted { entities[$0].id < entities[$1].id }.map(entry)

    quality.channelsWithoutOpeningDate = prepared.channelsWithoutOpeningDate
    quality.channelsDatedBySource = prepared.channelsDatedBySource
    quality.entitiesWithoutPopulation = prepared.entitiesWithoutPopulation
    quality.placeholdersExcluded = input.placeholdersExcluded
    // (The set of ids is built only when there is a date to filter: it hashes every id.)
    if !input.uncertainDates.isEmpty {
      let inScope = Set(input.entities.map(\.id))
      quality.uncertainDates = input.uncertainDates.filter { inScope.contains($0.entityId) }
    }
    quality.presenceConflicts = conflicts
    quality.surveysCounted = presence.surveysCounted
    quality.surveysBelowConfidence = presence.surveysBelowConfidence

    var allSources = sources
    let citedAlready = Set(sources.map(\.key))
    for c in input.referenceSources where cited.contains(c.key) && !citedAlready.contains(c.key) {
      allSources.append(c)
    }
    var report = AdoptionReport(
      asOf: d, stalenessDays: input.stalenessDays, minConfidence: input.minConfidence,
      platformSet: presence.setPositions.map { presence.platforms[$0] }, filters: input.filters,
      regionNames: input.regionNames, selectors: selectors, national: national, regions: regions,
      growth90: p90, growth365: p365,
      disclaimer: disclaimer, top: top, bottom: bottom, missingAudience: missing,
      audienceByRegion: audienceByRegion, diffusion: prepared.diffusion, dataQuality: quality,
      sources: allSources.sorted { $0.key < $1.key }, entities: standings)
    report.synthetic = input.synthetic
    return report
  }

  /// Each open channel's figures and growth endpoints (in `index.open` order), and the day of
  /// each channel's latest snapshot read on or before D (a presence event; Int.min for none).
  /// The snapshots and their runs are released on return.
  static func channelFigures(_ prepared: Prepared, snapshots: consuming [StatsSnapshot])
    -> (figures: [ChannelFigures], ends: [GrowthEnds], snapshotDay: [Int])
  {
    let input = prepared.input
    let d = input.asOf
    let channels = prepared.channelFacts
    let index = prepared.index
    let open = index.open
    let runs = SnapshotRuns(consume snapshots)
    // The day of each channel's latest snapshot read on or before D (a presence event), Int.min
    // for none: open channels' from their runs here, the others' below.
    var snapshotDay = [Int](repeating: Int.min, count: channels.count)
    let s = input.stalenessDays
    // Each open channel's figures, on two threads (`TwoCores`): open channel j writes only
    // openFigures[j], openEnds[j] and snapshotDay[open[j]] (a channel that changed hands is open
    // for one owner only).
    var openEnds: [GrowthEnds] = []
    let openFigures = [ChannelFigures](unsafeUninitializedCapacity: open.count) {
      figures, initialized in
      openEnds = [GrowthEnds](unsafeUninitializedCapacity: open.count) { ends, endsInitialized in
        snapshotDay.withUnsafeMutableBufferPointer { snapshotDay in
          TwoCores.halves(open.count) { part in
            var runs = runs
            for j in part {
              let n = open[j]
              let snaps = runs.snapshots(of: channels.ids[n])
              if let day = Presence.latestSnapshotDay(snaps, onOrBefore: d) {
                snapshotDay[n] = day.number
              }
              let end = SnapshotSelection.latest(snaps, onOrBefore: d, stalenessDays: s) {
                $0.followers
              }
              let g90 = Growth.between(
                start: Growth.baseline(snaps, windowDays: 90, endingOn: d), end: end,
                windowDays: 90, endingOn: d)
              let g365 = Growth.between(
                start: Growth.baseline(snaps, windowDays: 365, endingOn: d), end: end,
                windowDays: 365, endingOn: d)
              let end90 = g90.scaledEnd
              let end365 = g365.scaledEnd
              (figures.baseAddress! + j).initialize(
                to: ChannelFigures(
                  followers: end.map(\.value), growth90Percent: g90.percent,
                  growth365Percent: g365.percent))
              (ends.baseAddress! + j).initialize(
                to: GrowthEnds(
                  start90: end90 == nil ? nil : g90.start.value?.value, end90: end90,
                  dates90: g90.dates, start365: end365 == nil ? nil : g365.start.value?.value,
                  end365: end365, dates365: g365.dates))
            }
          }
        }
        endsInitialized = open.count
      }
      initialized = open.count
    }

    // The other channels of the entities existing on D (closed by then, or not open yet): a
    // snapshot of one on or before D is presence evidence too (it confirms a presence, or
    // contradicts an earlier absence). Their runs are walked apart, so the walk above stays in
    // ascending order.
    let notOpen = channels.ids.indices.filter { n in
      index.entityOf[n] >= 0 && index.exists[index.entityOf[n]] && !channels.isOpen(n)
    }
    if !notOpen.isEmpty {
      var later = runs
      for n in notOpen {
        if let day = Presence.latestSnapshotDay(later.snapshots(of: channels.ids[n]), onOrBefore: d)
        {
          snapshotDay[n] = day.number
        }
      }
    }

    return (openFigures, openEnds, snapshotDay)
  }

  /// The growth of the open social channels at `positions` over one window: a matched panel of
  /// the channels whose growth is known (`Growth.panel`), the days it rests on, and when no
  /// channel has one, the most common reason.
  /// `pick(j)`: open channel j's start and scaled end, their dates, and its growth in percent.
  static func panel(
    _ positions: [Int], windowDays: Int,
    _ pick: (Int) -> (Double?, Double?, GrowthDates?, Metric<Double>)
  ) -> PanelGrowth {
    var dates: GrowthDates?
    var reasons = ReasonCounts()
    for j in positions {
      let (_, _, d, percent) = pick(j)
      if let d {
        if dates == nil { dates = d } else { dates!.include(d) }
      } else if let r = percent.reason {
        reasons.add(r)
      }
    }
    // (The endpoints read again in the same order, not copied into an array.)
    let p = withoutActuallyEscaping(pick) { pick in
      Growth.panel(
        positions.lazy.map { j in
          let (start, end, _, _) = pick(j)
          return (start, end)
        })
    }
    var growth = PanelGrowth(
      windowDays: windowDays, absolute: p.absolute, percent: p.percent, channels: p.channels)
    growth.dates = dates
    if p.channels == 0, let r = reasons.dominant {
      growth.absolute = .missing(r)
      growth.percent = .missing(r)
    }
    return growth
  }

  /// The first `count` of `items` in the order `before` (a strict total order), as a sort would
  /// give them, without sorting the rest.
  static func first(_ count: Int, of items: [Int], by before: (Int, Int) -> Bool) -> [Int] {
    var best: [Int] = []
    best.reserveCapacity(count + 1)
    for x in items {
      if best.count == count, let last = best.last, !before(x, last) { continue }
      var at = best.count
      while at > 0 && before(x, best[at - 1]) { at -= 1 }
      best.insert(x, at: at)
      if best.count > count { best.removeLast() }
    }
    return best
  }
}

/// Each channel's run of the input snapshots, found without a dictionary of arrays: the
/// snapshots in channel order (the input's order within a channel kept), then each channel's
/// range, looked up in ascending channel order by a walk (the loader's order), else by hashing.
struct SnapshotRuns {
  private let sorted: [StatsSnapshot]
  /// Channel ids of the runs, ascending, and where each run starts (plus the end).
  private let ids: [Int64]
  private let starts: [Int]
  private var lookup: [Int64: Int] = [:]
  /// The run where the previous lookup ended (lookups in ascending id order walk forward).
  private var cursor = 0
  private var lastId = Int64.min

  init(_ snapshots: [StatsSnapshot]) {
    var inOrder = true
    for n in snapshots.indices.dropFirst()
    where snapshots[n - 1].channelId > snapshots[n].channelId {
      inOrder = false
      break
    }
    // A stable sort by channel, so each channel's snapshots stay in input order.
    sorted =
      inOrder
      ? snapshots
      : snapshots.indices.sorted {
        (snapshots[$0].channelId, $0) < (snapshots[$1].channelId, $1)
      }.map { snapshots[$0] }
    var ids: [Int64] = []
    var starts: [Int] = []
    for n in sorted.indices where n == 0 || sorted[n - 1].channelId != sorted[n].channelId {
      ids.append(sorted[n].channelId)
      starts.append(n)
    }
    starts.append(sorted.count)
    self.ids = ids
    self.starts = starts
  }

  /// The snapshots of channel `id`, in input order.
  mutating func snapshots(of id: Int64) -> ArraySlice<StatsSnapshot> {
    let run: Int?
    if id > lastId {
      while cursor < ids.count && ids[cursor] < id { cursor += 1 }
      run = cursor < ids.count && ids[cursor] == id ? cursor : nil
    } else {
      if lookup.isEmpty {
        for (r, c) in ids.enumerated() { lookup[c] = r }
      }
      run = lookup[id]
    }
    lastId = max(lastId, id)
    guard let run else { return [] }
    return sorted[starts[run]..<starts[run + 1]]
  }
}
