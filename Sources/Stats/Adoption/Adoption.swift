import Vocabulary

/// Which channels count as "on the platform": one named platform, or any social platform.
public enum PlatformSelector: Sendable, Hashable, Comparable {
  /// Any social platform (not a website, mailing list or SMS alert).
  case anySocial
  case platform(String)

  /// `any` or the platform name, as printed and in JSON.
  public var name: String {
    switch self {
    case .anySocial: return "any"
    case .platform(let p): return p
    }
  }

  public func matches(_ c: StatsChannel) -> Bool {
    switch self {
    case .anySocial: return c.isSocial
    case .platform(let p): return c.platform == p
    }
  }
}

/// Adoption: the share of entities existing on a day that have a channel open that day.
public enum Adoption {
  /// Ids of the entities of `entities` existing on `day` that have at least one channel matching
  /// `selector` opened on or before `day` and not closed by it.
  public static func adopters(
    _ entities: [StatsEntity], _ channels: [StatsChannel], _ selector: PlatformSelector,
    on day: Day
  ) -> Set<String> {
    let existing = Set(entities.filter { $0.exists(on: day) }.map(\.id))
    var ids = Set<String>()
    for c in channels
    where existing.contains(c.entityId) && selector.matches(c) && c.isOpen(on: day) {
      ids.insert(c.entityId)
    }
    return ids
  }

  /// Adopters / entities existing on `day`, with the 95% Wilson interval.
  public static func rate(
    _ entities: [StatsEntity], _ channels: [StatsChannel], _ selector: PlatformSelector,
    on day: Day
  ) -> Proportion {
    let n = entities.filter { $0.exists(on: day) }.count
    let x = adopters(entities, channels, selector, on: day).count
    return WilsonInterval.proportion(x, of: n)
  }
}

/// Followers per 1,000 inhabitants.
public enum PerCapita {
  /// followers / population × 1000; missing `no_population` or `zero_population`.
  public static func perThousand(_ followers: Double, population: Int?) -> Metric<Double> {
    guard let population else { return .missing(.noPopulation) }
    guard population > 0 else { return .missing(.zeroPopulation) }
    return .value(followers / Double(population) * 1000)
  }

  /// `perThousand` over a population summed as a Double (a sum of stored populations may
  /// exceed any integer type).
  static func perThousand(_ followers: Double, populationSum: Double) -> Metric<Double> {
    guard populationSum > 0 else { return .missing(.zeroPopulation) }
    let v = followers / populationSum * 1000
    return v.isFinite ? .value(v) : .missing(.outOfRange)
  }
}

/// One point of a diffusion curve.
public struct DiffusionPoint: Sendable, Equatable {
  public var year: Int
  public var platform: String
  /// Entities existing at the end of the year.
  public var entities: Int
  /// Those of them with a channel on the platform opened by the end of the year (cumulative: a
  /// channel closed later still counts).
  public var adopters: Int
  /// adopters / entities.
  public var share: Metric<Double>
  /// Of `entities`, those present, absent and unknown on the platform on that day
  /// (`PresenceStatus`; the report fills them, `Diffusion` alone leaves them 0).
  public var present = 0
  public var absent = 0
  public var unknown = 0
}

/// Diffusion: how adoption spread year by year.
public enum Diffusion {
  /// For each year, among entities existing on 31 December (or on `lastDay` for its own year),
  /// the share with a channel matching each selector opened on or before that day. Cumulative:
  /// a channel closed later still counts as adopted from its opening year on.
  public static func curve(
    _ entities: [StatsEntity], _ channels: [StatsChannel], selectors: [PlatformSelector],
    years: ClosedRange<Int>, lastDay: Day
  ) -> [DiffusionPoint] {
    curves(
      entities, channels, selectors: selectors, years: years, lastDay: lastDay,
      groups: [Array(entities.indices)])[0]
  }

  /// `curve` for several groups of the same entities (each a list of positions in `entities`,
  /// e.g. the regions), with one pass over the channels for all of them.
  public static func curves(
    _ entities: [StatsEntity], _ channels: [StatsChannel], selectors: [PlatformSelector],
    years: ClosedRange<Int>, lastDay: Day, groups: [[Int]]
  ) -> [[DiffusionPoint]] {
    // One pass over the channels: per entity and selector, the earliest opening day. An entity
    // adopted by a day iff that earliest day is on or before it (O(channels + years × entities)).
    var index: [String: Int] = [:]
    index.reserveCapacity(entities.count)
    for (i, e) in entities.enumerated() where index[e.id] == nil { index[e.id] = i }
    let noDay = Int.max
    var firstOpened = [Int](repeating: noDay, count: entities.count * selectors.count)
    for c in channels {
      guard let o = c.openedOn, let i = index[c.entityId] else { continue }
      for (k, s) in selectors.enumerated() where s.matches(c) {
        let slot = i * selectors.count + k
        if o.number < firstOpened[slot] { firstOpened[slot] = o.number }
      }
    }
    return curves(
      entities, firstOpened: firstOpened, selectors: selectors, years: years, lastDay: lastDay,
      groups: groups)
  }

  /// `curves` from each entity's earliest opening day number per selector
  /// (`firstOpened[i * selectors.count + k]`, `Int.max` for none).
  static func curves(
    _ entities: [StatsEntity], firstOpened: [Int], selectors: [PlatformSelector],
    years: ClosedRange<Int>, lastDay: Day, groups: [[Int]]
  ) -> [[DiffusionPoint]] {
    // The year-end days are ascending, so "exists on the day of year y" holds for a range of
    // years, and so does "exists and adopted": each entity adds +1 at the range's first year and
    // -1 after its last (a difference array per group), O(entities × selectors) in all.
    let days = years.map { min(Day.number(year: $0, month: 12, day: 31), lastDay.number) }
    /// The first year (as a position in `days`) whose day is on or after `day`; days.count if none.
    func firstYear(onOrAfter day: Int) -> Int {
      var lo = 0
      var hi = days.count
      while lo < hi {
        let m = (lo + hi) / 2
        if days[m] >= day { hi = m } else { lo = m + 1 }
      }
      return lo
    }
    let k = selectors.count
    // Per entity: the years it exists, [existFrom, existTo); per selector, the first year it has
    // adopted (existence aside).
    let existFrom = entities.map { $0.validFrom.map { firstYear(onOrAfter: $0.number) } ?? 0 }
    let existTo = entities.map { $0.validTo.map { firstYear(onOrAfter: $0.number) } ?? days.count }
    let adoptedFrom = firstOpened.map { $0 == Int.max ? days.count : firstYear(onOrAfter: $0) }
    let names = selectors.map(\.name)
    return groups.map { members in
      var existing = [Int](repeating: 0, count: days.count + 1)
      var adopters = [Int](repeating: 0, count: (days.count + 1) * k)
      for i in members where existFrom[i] < existTo[i] {
        existing[existFrom[i]] += 1
        existing[existTo[i]] -= 1
        for s in 0..<k {
          let from = max(existFrom[i], adoptedFrom[i * k + s])
          if from < existTo[i] {
            adopters[from * k + s] += 1
            adopters[existTo[i] * k + s] -= 1
          }
        }
      }
      var points: [DiffusionPoint] = []
      points.reserveCapacity(days.count * k)
      var entitiesThen = 0
      var adoptersThen = [Int](repeating: 0, count: k)
      for (y, year) in years.enumerated() {
        entitiesThen += existing[y]
        for s in 0..<k {
          adoptersThen[s] += adopters[y * k + s]
          let share: Metric<Double> =
            entitiesThen == 0
            ? .missing(.noEntities) : .value(Double(adoptersThen[s]) / Double(entitiesThen))
          points.append(
            DiffusionPoint(
              year: year, platform: names[s], entities: entitiesThen, adopters: adoptersThen[s],
              share: share))
        }
      }
      return points
    }
  }
}
