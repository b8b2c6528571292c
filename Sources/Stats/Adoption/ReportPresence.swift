import Vocabulary

/// The report's statuses: `Presence`'s rule (`PresenceTally`) over the report's index, with each
/// entity's channels and counted surveys grouped once, so a status costs a walk over that
/// entity's few channels and surveys instead of a filter over all of them.
struct ReportPresence {
  /// A counted survey of one entity, reduced to what the tally reads.
  struct CountedSurvey {
    var platform: Int
    var day: Day
    var result: SurveyResult
  }

  /// The platforms whose statuses are computed: the platform set, then the columns not in it.
  let platforms: [String]
  /// Positions in `platforms` of the platform set, over which "any" is decided.
  let setPositions: [Int]
  /// Selector k's platform as a position in `platforms`; -1 for any social platform.
  let selectorPlatform: [Int]
  /// channels[n]'s platform as a position in `platforms`; -1 when not one of them.
  let channelPlatform: [Int]
  /// channels[n]'s evidence, closing and verification day numbers (`Int.min`: none), read here
  /// once so that a status does not copy channels.
  private let evidence: [Int]
  private let closed: [Int]
  private let verified: [Int]
  /// The channels (positions in the input) of entities[i]: channelList[channelStart[i]..<...].
  private let channelStart: [Int]
  private let channelList: [Int]
  /// The counted surveys of entities[i]: surveyList[surveyStart[i]..<surveyStart[i + 1]].
  private let surveyStart: [Int]
  private let surveyList: [CountedSurvey]
  let windowDays: Int
  /// Surveys of the entities in scope that count, and those below the minimum confidence.
  let surveysCounted: Int
  let surveysBelowConfidence: Int

  init(
    entities: [StatsEntity], channels: [StatsChannel], surveys: [StatsSurvey], index: ReportIndex,
    selectors: [PlatformSelector], platformSet: [String], rule: PresenceRule
  ) {
    self.init(
      entities: entities, channels: channels, surveys: surveys, entityOf: index.entityOf,
      selectors: selectors, platformSet: platformSet, rule: rule)
  }

  /// `entityOf[n]`: channels[n]'s entity position (-1: none).
  init(
    entities: [StatsEntity], channels: [StatsChannel], surveys: [StatsSurvey], entityOf: [Int],
    selectors: [PlatformSelector], platformSet: [String], rule: PresenceRule
  ) {
    var platforms = platformSet
    for case .platform(let p) in selectors where !platforms.contains(p) { platforms.append(p) }
    self.platforms = platforms
    setPositions = Array(platformSet.indices)
    selectorPlatform = selectors.map { s in
      if case .platform(let p) = s { return platforms.firstIndex(of: p)! }
      return -1
    }
    windowDays = rule.windowDays
    // Platform names repeat: each distinct one is looked up once.
    var known: [(name: String, position: Int)] = []
    func position(_ name: String) -> Int {
      if let k = known.first(where: { $0.name == name }) { return k.position }
      let p = platforms.firstIndex(of: name) ?? -1
      known.append((name, p))
      return p
    }
    // One walk over the channels, reading fields in place (a `map` would copy each channel).
    var channelPlatform = [Int](repeating: -1, count: channels.count)
    var evidence = [Int](repeating: .min, count: channels.count)
    var closed = evidence
    var verified = evidence
    for n in channels.indices {
      channelPlatform[n] = position(channels[n].platform)
      evidence[n] = channels[n].openedOn?.number ?? .min
      closed[n] = channels[n].closedOn?.number ?? .min
      verified[n] = channels[n].verifiedOn?.number ?? .min
    }
    self.channelPlatform = channelPlatform
    self.evidence = evidence
    self.closed = closed
    self.verified = verified
    // The channels of each entity (a counting sort on the entity position, input order kept).
    var start = [Int](repeating: 0, count: entities.count + 1)
    for p in entityOf where p >= 0 { start[p + 1] += 1 }
    for i in entities.indices { start[i + 1] += start[i] }
    var next = start
    var list = [Int](repeating: 0, count: start[entities.count])
    for (n, p) in entityOf.enumerated() where p >= 0 {
      list[next[p]] = n
      next[p] += 1
    }
    channelStart = start
    channelList = list
    // The counted surveys of each entity (most registries have few: the map is built for them),
    // by a counting sort on the entity position: input order kept within an entity, no array of
    // (position, survey) pairs sorted and copied.
    var counted = 0
    var below = 0
    var surveyStart = [Int](repeating: 0, count: entities.count + 1)
    var surveyList: [CountedSurvey] = []
    if !surveys.isEmpty {
      var positionOf: [String: Int] = [:]
      for (i, e) in entities.enumerated() where positionOf[e.id] == nil { positionOf[e.id] = i }
      // Each survey's entity position; -1: not in scope or not counted.
      var at = [Int](repeating: -1, count: surveys.count)
      for (n, s) in surveys.enumerated() {
        guard let i = positionOf[s.entityId] else { continue }
        guard rule.counts(s) else {
          below += 1
          continue
        }
        counted += 1
        at[n] = i
        surveyStart[i + 1] += 1
      }
      for i in entities.indices { surveyStart[i + 1] += surveyStart[i] }
      var next = surveyStart
      surveyList = [CountedSurvey](
        repeating: CountedSurvey(platform: -1, day: Day(number: 0), result: .present),
        count: counted)
      for (n, s) in surveys.enumerated() where at[n] >= 0 {
        surveyList[next[at[n]]] = CountedSurvey(
          platform: position(s.platform), day: s.day, result: s.result)
        next[at[n]] += 1
      }
    }
    self.surveyStart = surveyStart
    self.surveyList = surveyList
    surveysCounted = counted
    surveysBelowConfidence = below
  }

  /// Whether entities[i] has an absence event up to `day` or a counted survey: only then can its
  /// status on a day differ from "present iff a channel opened by then" (`Diffusion`'s count).
  func hasAbsenceOrSurvey(_ i: Int, upTo day: Day) -> Bool {
    if surveyStart[i + 1] > surveyStart[i] { return true }
    for n in channelList[channelStart[i]..<channelStart[i + 1]]
    where closed[n] != .min && closed[n] <= day.number {
      return true
    }
    return false
  }

  /// Whether channels[n] is open on day number `d` (as `StatsChannel.isOpen`).
  private func isOpen(_ n: Int, _ d: Int) -> Bool {
    evidence[n] != .min && evidence[n] <= d && (closed[n] == .min || closed[n] > d)
  }

  static func day(_ n: Int) -> Day? { n == .min ? nil : Day(number: n) }

  /// Reusable space for `statuses`: one tally and one decided status per platform, so that a
  /// status costs no allocation (the report decides one per entity and selector).
  struct Scratch {
    var tallies: [PresenceTally]
    /// The platforms the entity has evidence on, in the order met.
    var touched: [Int] = []
    var isTouched: [Bool]
    /// The touched platforms' statuses (by platform), and those of the platform set.
    var decided: [PlatformPresence]
    var inSet: [Int] = []

    init(platforms: Int) {
      tallies = [PresenceTally](repeating: PresenceTally(on: Day(number: 0)), count: platforms)
      isTouched = [Bool](repeating: false, count: platforms)
      decided = [PlatformPresence](repeating: .unknown, count: platforms)
      touched.reserveCapacity(platforms)
      inSet.reserveCapacity(platforms)
    }

    /// Starts (or adds to) the tally of platform q.
    mutating func touch(_ q: Int, on day: Day) {
      guard !isTouched[q] else { return }
      isTouched[q] = true
      touched.append(q)
      tallies[q] = PresenceTally(on: day)
    }

    mutating func reset() {
      for q in touched { isTouched[q] = false }
      touched.removeAll(keepingCapacity: true)
    }
  }

  /// Writes entities[i]'s status on `day` on each selector into `out[at..<at + selectors]`;
  /// `snapshotDay(n)` is the day number of the latest snapshot read of channels[n] on or before
  /// `day`, nil when none. An entity with neither channel nor counted survey is left as `out`
  /// holds it (the caller fills it with `.unknown`).
  func statuses(
    _ i: Int, on day: Day, snapshotDay: (Int) -> Int?, scratch: inout Scratch,
    into out: inout [PlatformPresence], at: Int
  ) {
    let mine = channelList[channelStart[i]..<channelStart[i + 1]]
    let surveys = surveyList[surveyStart[i]..<surveyStart[i + 1]]
    if mine.isEmpty && surveys.isEmpty { return }
    // Only the platforms with evidence are tallied: the others are unknown, as `out` holds them.
    scratch.reset()
    for n in mine {
      let q = channelPlatform[n]
      guard q >= 0 else { continue }
      var closingCounts = false
      let c = closed[n]
      if c != .min && c <= day.number {
        closingCounts = !mine.contains { m in m != n && channelPlatform[m] == q && isOpen(m, c) }
      }
      scratch.touch(q, on: day)
      scratch.tallies[q].addChannel(
        evidence: Self.day(evidence[n]), closed: Self.day(c), verified: Self.day(verified[n]),
        closingCounts: closingCounts)
      if let d = snapshotDay(n) { scratch.tallies[q].addSnapshot(Day(number: d)) }
    }
    for s in surveys where s.platform >= 0 {
      scratch.touch(s.platform, on: day)
      scratch.tallies[s.platform].addSurvey(s.day, s.result)
    }
    scratch.inSet.removeAll(keepingCapacity: true)
    for q in scratch.touched {
      scratch.decided[q] = scratch.tallies[q].decide(windowDays: windowDays)
      // The platform set is platforms[0..<setPositions.count].
      if q < setPositions.count { scratch.inSet.append(q) }
    }
    for (k, q) in selectorPlatform.enumerated() {
      if q >= 0 {
        if scratch.isTouched[q] { out[at + k] = scratch.decided[q] }
      } else {
        // A platform of the set without evidence is unknown: absent on any is then impossible.
        out[at + k] = PlatformPresence.any(
          required: Picked(all: scratch.decided, positions: scratch.inSet),
          unknownRequired: scratch.inSet.count < setPositions.count)
      }
    }
  }

  /// The statuses at `positions` of `all`, walked without building an array.
  struct Picked: Sequence {
    let all: [PlatformPresence]
    let positions: [Int]

    struct Iterator: IteratorProtocol {
      let all: [PlatformPresence]
      var rest: IndexingIterator<[Int]>
      mutating func next() -> PlatformPresence? { rest.next().map { all[$0] } }
    }

    func makeIterator() -> Iterator { Iterator(all: all, rest: positions.makeIterator()) }
  }
}
