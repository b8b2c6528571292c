import Vocabulary

/// The report's entities and channels as positions: each channel's entity, its selector matches
/// as bits, and the channels open on the date grouped by entity. Each String is hashed or
/// compared once per entity or channel here; everything after reads integers.
struct ReportIndex {
  /// Whether entities[i] exists on the date.
  let exists: [Bool]
  /// Whether entities[i] is the first position with its id that exists on the date.
  let firstExisting: [Bool]
  /// channels[n]'s entity: the first position with its id, -1 when no entity has it.
  let entityOf: [Int]
  /// Bit k set when channels[n] matches selectors[k].
  let matches: [UInt64]
  /// Positions in `channels` of the channels open on the date whose entity (some entity with
  /// that id) exists then, in input order. "Open channel j" below is open[j].
  let open: [Int]
  /// Whether open channel j is on a social platform.
  let openSocial: [Bool]
  /// Bit k set when open channel j matches selectors[k].
  let openMatches: [UInt64]
  /// Open channel j's entity (the first position with its id).
  let openEntity: [Int]
  /// Open channels by entity: those of entities[i] are openList[openStart[i]..<openStart[i + 1]],
  /// in input order.
  private let openStart: [Int]
  private let openList: [Int]
  private let selectorCount: Int

  init(
    entities: [StatsEntity], channels: [StatsChannel], selectors: [PlatformSelector], on d: Day
  ) {
    precondition(selectors.count <= 64, "at most 64 platform columns")
    selectorCount = selectors.count
    var position: [String: Int] = [:]
    position.reserveCapacity(entities.count)
    var exists = [Bool](repeating: false, count: entities.count)
    // idExists[p]: some entity with the id of position p exists on the date.
    var idExists = [Bool](repeating: false, count: entities.count)
    var firstExisting = [Bool](repeating: false, count: entities.count)
    for i in entities.indices {
      let p = position[entities[i].id] ?? i
      if p == i { position[entities[i].id] = i }
      exists[i] = entities[i].exists(on: d)
      if exists[i] {
        firstExisting[i] = !idExists[p]
        idExists[p] = true
      }
    }
    self.exists = exists
    self.firstExisting = firstExisting
    // Platform names repeat: each distinct one is matched against the selectors once.
    var platforms: [(name: String, bits: UInt64, social: Bool)] = []
    var entityOf = [Int](repeating: -1, count: channels.count)
    var matches = [UInt64](repeating: 0, count: channels.count)
    var social = [Bool](repeating: false, count: channels.count)
    // (At most one per channel: reserved, not grown by doubling.)
    var open: [Int] = []
    var openEntity: [Int] = []
    open.reserveCapacity(channels.count)
    openEntity.reserveCapacity(channels.count)
    // Channels come grouped by entity: the previous channel's entity is looked up once.
    var lastEntityId: String?
    var lastPosition: Int?
    for n in channels.indices {
      let platform = channels[n].platform
      if let known = platforms.first(where: { $0.name == platform }) {
        matches[n] = known.bits
        social[n] = known.social
      } else {
        var bits: UInt64 = 0
        for (k, s) in selectors.enumerated() where s.matches(channels[n]) { bits |= 1 << UInt64(k) }
        platforms.append((platform, bits, channels[n].isSocial))
        matches[n] = bits
        social[n] = channels[n].isSocial
      }
      let entityId = channels[n].entityId
      if entityId != lastEntityId {
        lastEntityId = entityId
        lastPosition = position[entityId]
      }
      guard let p = lastPosition else { continue }
      entityOf[n] = p
      if idExists[p] && channels[n].isOpen(on: d) {
        open.append(n)
        openEntity.append(p)
      }
    }
    self.entityOf = entityOf
    self.matches = matches
    self.open = open
    self.openEntity = openEntity
    openSocial = open.map { social[$0] }
    openMatches = open.map { matches[$0] }
    // Group the open channels by entity (a counting sort, stable: input order within an entity).
    var start = [Int](repeating: 0, count: entities.count + 1)
    for p in openEntity { start[p + 1] += 1 }
    for i in entities.indices { start[i + 1] += start[i] }
    var next = start
    var list = [Int](repeating: 0, count: open.count)
    for (j, p) in openEntity.enumerated() {
      list[next[p]] = j
      next[p] += 1
    }
    openStart = start
    openList = list
  }

  /// The open channels of entities[i] (positions j), in input order.
  func openOf(_ i: Int) -> ArraySlice<Int> { openList[openStart[i]..<openStart[i + 1]] }

  /// Per entity and selector, the earliest opening day number of its channels (opened or not on the
  /// date) matching the selector: `[i * selectors + k]`, `Int.max` for none.
  func firstOpened(_ channels: [StatsChannel]) -> [Int] {
    var first = [Int](repeating: Int.max, count: exists.count * selectorCount)
    for (n, c) in channels.enumerated() {
      guard let o = c.openedOn, entityOf[n] >= 0 else { continue }
      let base = entityOf[n] * selectorCount
      for k in 0..<selectorCount
      where matches[n] & (1 << UInt64(k)) != 0 && o.number < first[base + k] {
        first[base + k] = o.number
      }
    }
    return first
  }
}

/// Each existing entity's audience per selector, computed once.
struct Audiences {
  private let cells: [Metric<Double>?]
  private let selectorCount: Int

  /// entities[i]'s audience on selector k when it adopted it on the date (nil when not): the sum
  /// of the followers of its open matching channels that have a fresh snapshot, in input order;
  /// missing (the most common reason) when none has.
  init(index: ReportIndex, figures: [AdoptionReportBuilder.ChannelFigures], selectors: Int) {
    selectorCount = selectors
    var cells = [Metric<Double>?](repeating: nil, count: index.exists.count * selectors)
    for i in index.exists.indices where index.exists[i] {
      let channels = index.openOf(i)
      if channels.isEmpty { continue }
      for k in 0..<selectors {
        let bit: UInt64 = 1 << UInt64(k)
        var adopted = false
        var sum = 0.0
        var any = false
        var reasons: [MissingReason] = []
        for j in channels where index.openMatches[j] & bit != 0 {
          adopted = true
          switch figures[j].followers {
          case .value(let v):
            sum += v
            any = true
          case .missing(let r): reasons.append(r)
          }
        }
        if !adopted { continue }
        cells[i * selectors + k] =
          any ? .value(sum) : .missing(Distribution.dominant(reasons) ?? .noSnapshot)
      }
    }
    self.cells = cells
  }

  func audience(_ i: Int, _ k: Int) -> Metric<Double>? { cells[i * selectorCount + k] }

  /// The audience's value, nil when not adopted or missing.
  func value(i: Int, _ k: Int) -> Double? { cells[i * selectorCount + k]?.value }
}

/// The figures of every group (the whole scope, then each region) on every selector, from one
/// pass over the entities in input order.
struct ReportGroups {
  /// What a group's figures are computed from.
  private struct Accumulator {
    var total = 0
    var adopters = 0
    var counts = StatusCounts()
    /// Known audiences of the adopters, in entity order (the sum is taken in this order).
    var values: [Double] = []
    var reasons = ReasonCounts()
    var popFollowers = 0.0
    /// A Double: stored populations may be anything, and their Int sum could overflow.
    var population = 0.0
    var withPopulation = 0
    var growth90: [Double] = []
    var growth90Reasons = ReasonCounts()
    var growth365: [Double] = []
    var growth365Reasons = ReasonCounts()
  }

  /// Group g (0: the whole scope, r + 1: region r) on selector k is `accumulators[g * K + k]`.
  private var accumulators: [Accumulator]
  private let selectorCount: Int

  /// `region[i]`: entities[i]'s region as a position among `regions`.
  /// `statuses[i * selectors + k]`: entities[i]'s status on selector k (existing entities).
  init(
    entities: [StatsEntity], index: ReportIndex, audiences: Audiences,
    statuses: [PlatformPresence], figures: [AdoptionReportBuilder.ChannelFigures], region: [Int],
    regions: Int, selectors: Int
  ) {
    selectorCount = selectors
    var acc = [Accumulator](repeating: Accumulator(), count: (regions + 1) * selectors)
    for i in entities.indices where index.exists[i] {
      let population = entities[i].population
      for k in 0..<selectors {
        let status = statuses[i * selectors + k]
        // Present with an open channel: its audience; present through a survey alone: missing
        // (no channel to count); not present: none.
        let adopted =
          audiences.audience(i, k)
          ?? (status.status == .present ? .missing(.noChannel) : nil)
        // The audience counted per inhabitant: 0 without a channel, nothing when missing.
        let counted: Double? = adopted == nil ? 0 : adopted?.value
        for pass in 0..<2 {
          let g = pass == 0 ? k : (region[i] + 1) * selectors + k
          acc[g].total += 1
          // The whole scope's counts are the regions' added up, below.
          if pass == 1 { acc[g].counts.add(status) }
          if let a = adopted {
            acc[g].adopters += 1
            switch a {
            case .value(let v): acc[g].values.append(v)
            case .missing(let r): acc[g].reasons.add(r)
            }
          }
          if let v = counted, let p = population {
            acc[g].popFollowers += v
            acc[g].population += Double(p)
            acc[g].withPopulation += 1
          }
        }
      }
    }
    // Growth: the open channels of the adopters, i.e. every open channel whose entity exists, in
    // its region's groups (a median and a count of reasons do not depend on the order); the
    // whole scope's lists are the regions' put together.
    for j in index.open.indices where index.exists[index.openEntity[j]] {
      let base = (region[index.openEntity[j]] + 1) * selectors
      var bits = index.openMatches[j]
      while bits != 0 {
        let g = base + bits.trailingZeroBitCount
        bits &= bits - 1
        switch figures[j].growth90Percent {
        case .value(let v): acc[g].growth90.append(v)
        case .missing(let r): acc[g].growth90Reasons.add(r)
        }
        switch figures[j].growth365Percent {
        case .value(let v): acc[g].growth365.append(v)
        case .missing(let r): acc[g].growth365Reasons.add(r)
        }
      }
    }
    for k in 0..<selectors {
      for r in 0..<regions {
        let g = (r + 1) * selectors + k
        acc[k].counts.entities += acc[g].counts.entities
        acc[k].counts.present += acc[g].counts.present
        acc[k].counts.presentConfirmed += acc[g].counts.presentConfirmed
        acc[k].counts.absent += acc[g].counts.absent
        acc[k].counts.unknown += acc[g].counts.unknown
        acc[k].growth90 += acc[g].growth90
        acc[k].growth90Reasons.add(acc[g].growth90Reasons)
        acc[k].growth365 += acc[g].growth365
        acc[k].growth365Reasons.add(acc[g].growth365Reasons)
      }
    }
    accumulators = acc
  }

  /// The figures of group g (0: the whole scope, r + 1: region r) on selector k. Takes that
  /// group's value lists: call once per group and selector.
  mutating func figures(_ g: Int, _ k: Int, code: String, _ selectorName: String) -> GroupFigures {
    let n = g * selectorCount + k
    // The lists move out, so sorting them in place copies nothing.
    var values: [Double] = []
    var growth90: [Double] = []
    var growth365: [Double] = []
    swap(&values, &accumulators[n].values)
    swap(&growth90, &accumulators[n].growth90)
    swap(&growth365, &accumulators[n].growth365)
    let a = accumulators[n]
    let adoption = WilsonInterval.proportion(a.adopters, of: a.total)
    let perThousand: Metric<Double>
    if adoption.total == 0 {
      perThousand = .missing(.noEntities)
    } else if values.isEmpty {
      // No present entity has a known audience: a 0 here would say that nobody follows, when
      // the counts are missing (the adopters' reason) or nobody is known to be there at all
      // (no_values: the platform's share may be anything between the bounds).
      perThousand = .missing(a.reasons.dominant ?? .noValues)
    } else if a.withPopulation == 0 {
      perThousand = .missing(.noPopulation)
    } else {
      perThousand = PerCapita.perThousand(a.popFollowers, populationSum: a.population)
    }
    return GroupFigures(
      region: code, platform: selectorName, adoption: adoption,
      presence: AdoptionBounds(a.counts),
      followers: Distribution.of(selecting: &values, reasons: a.reasons),
      followersMissing: a.reasons.total, perThousand: perThousand,
      growth90PctMedian: Self.median(&growth90, a.growth90Reasons),
      growth365PctMedian: Self.median(&growth365, a.growth365Reasons))
  }

  /// The median of the known values; when there is none, the most common reason.
  private static func median(_ values: inout [Double], _ reasons: ReasonCounts) -> Metric<Double> {
    if values.isEmpty, let r = reasons.dominant { return .missing(r) }
    return Distribution.quantiles(selecting: &values, [0.5])[0]
  }
}
