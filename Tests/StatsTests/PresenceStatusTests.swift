import Testing
import Vocabulary

@testable import Stats

/// Every status rule, worked by hand. D is 2024-06-30 and the window 365 days unless a test says
/// otherwise: evidence counts as recent when D − date ≤ 365, i.e. on or after 2023-07-01.
struct PresenceStatusTests {
  static func on(_ text: String) -> Day { Day(text)! }
  static let d = on("2024-06-30")
  static let rule = PresenceRule(windowDays: 365, minConfidence: .medium)

  static func status(
    _ channels: [StatsChannel], snapshots: [StatsSnapshot] = [], surveys: [StatsSurvey] = [],
    platform: String = "x", day: Day = d, rule: PresenceRule = rule
  ) -> PlatformPresence {
    Presence.status(
      of: "e", on: platform, channels: channels,
      snapshots: Dictionary(grouping: snapshots, by: \.channelId), surveys: surveys, day: day,
      rule: rule)
  }

  static func snapshot(_ channel: Int64, _ day: String) -> StatsSnapshot {
    StatsSnapshot(
      channelId: channel, observedAt: on(day).endOfDayEpochSeconds - 43_200, followers: 10)
  }

  static func survey(
    _ day: String, _ result: SurveyResult, platform: String = "x", entity: String = "e",
    confidence: Confidence = .medium
  ) -> StatsSurvey {
    StatsSurvey(
      entityId: entity, platform: platform, day: on(day), result: result, confidence: confidence)
  }

  @Test func presenceWithoutRecentEvidenceIsCarriedForward() {
    // Opened 2020-01-01, nothing since: 2024-06-30 − 2020-01-01 = 1642 days > 365.
    let x = StatsChannel(id: 1, entityId: "e", platform: "x", openedOn: Self.on("2020-01-01"))
    let carried = Self.status([x])
    #expect(carried.status == .present && !carried.confirmed)
    #expect(carried.evidence == PresenceEvent(.channel, Self.on("2020-01-01")))
    #expect(carried.label == "present_carried_forward")
    // A snapshot on 2024-01-15 (167 days before D) confirms it.
    let confirmed = Self.status([x], snapshots: [Self.snapshot(1, "2024-01-15")])
    #expect(confirmed.status == .present && confirmed.confirmed)
    #expect(confirmed.evidence == PresenceEvent(.snapshot, Self.on("2024-01-15")))
    // So does a verification on 2024-03-01; one after D does not count.
    var verified = x
    verified.verifiedOn = Self.on("2024-03-01")
    #expect(Self.status([verified]).confirmed)
    verified.verifiedOn = Self.on("2024-07-01")
    #expect(!Self.status([verified]).confirmed)
  }

  @Test func anAbsenceContradictedByALaterSnapshotIsUnknown() {
    // Absent survey 2024-01-10 (172 days before D, within the window): absent.
    let absent = [Self.survey("2024-01-10", .absent)]
    #expect(Self.status([], surveys: absent).status == .absent)
    // A channel first seen only on 2024-09-01 (after D, so not open on D) has a snapshot of
    // 2024-03-01, after the absence: presence evidence later than the absence → unknown.
    let later = StatsChannel(
      id: 2, entityId: "e", platform: "x", openedOn: Self.on("2024-09-01"), dating: .firstSeen)
    let contradicted = Self.status(
      [later], snapshots: [Self.snapshot(2, "2024-03-01")], surveys: absent)
    #expect(contradicted.status == .unknown)
    #expect(contradicted.evidence == PresenceEvent(.snapshot, Self.on("2024-03-01")))
    // A snapshot before the absence (2023-12-01) does not contradict it.
    let earlier = Self.status(
      [later], snapshots: [Self.snapshot(2, "2023-12-01")], surveys: absent)
    #expect(earlier.status == .absent)
    #expect(earlier.evidence == PresenceEvent(.surveyAbsent, Self.on("2024-01-10")))
  }

  @Test func anAbsenceOutsideTheWindowIsUnknown() {
    // 2024-06-30 − 2023-06-29 = 367 days > 365: too old to make the entity absent.
    let old = Self.status([], surveys: [Self.survey("2023-06-29", .absent)])
    #expect(old.status == .unknown)
    #expect(old.evidence == PresenceEvent(.surveyAbsent, Self.on("2023-06-29")))
    // 2024-06-30 − 2023-07-01 = 365 days: still within the window (inclusive).
    #expect(Self.status([], surveys: [Self.survey("2023-07-01", .absent)]).status == .absent)
    // A survey after D is not read.
    #expect(Self.status([], surveys: [Self.survey("2024-07-01", .absent)]) == .unknown)
    // Nothing at all: unknown, with no evidence.
    #expect(Self.status([]) == PlatformPresence(.unknown))
  }

  @Test func aClosingIsAnAbsenceOnlyWhenNoOtherChannelIsOpen() {
    // x/1 opened 2015-01-01, closed 2024-03-01 (121 days before D): absent from then.
    let closed = StatsChannel(
      id: 1, entityId: "e", platform: "x", openedOn: Self.on("2015-01-01"),
      closedOn: Self.on("2024-03-01"))
    let absent = Self.status([closed])
    #expect(absent.status == .absent)
    #expect(absent.evidence == PresenceEvent(.closing, Self.on("2024-03-01")))
    // x/2, opened 2024-02-01, is open on the closing day (and on D): present, no absence.
    let successor = StatsChannel(
      id: 2, entityId: "e", platform: "x", openedOn: Self.on("2024-02-01"))
    #expect(Presence.closingCounts(closed, among: [closed, successor]) == false)
    let present = Self.status([closed, successor])
    #expect(present.status == .present && present.confirmed)
    // A closing on 2022-01-01 (911 days before D) is too old: unknown.
    var longAgo = closed
    longAgo.closedOn = Self.on("2022-01-01")
    #expect(Self.status([longAgo]).status == .unknown)
  }

  @Test func aPresentSurveyWithoutAChannelCountsUntilAnAbsence() {
    // Present survey 2023-01-01 (546 days before D): present, carried forward.
    let found = Self.survey("2023-01-01", .present)
    let carried = Self.status([], surveys: [found])
    #expect(carried.status == .present && !carried.confirmed)
    #expect(carried.evidence == PresenceEvent(.surveyPresent, Self.on("2023-01-01")))
    // An absent survey on 2023-06-01 (395 days before D) is later than the presence: not
    // present any more, and too old to be absent: unknown.
    let later = Self.status([], surveys: [found, Self.survey("2023-06-01", .absent)])
    #expect(later.status == .unknown)
    #expect(later.evidence == PresenceEvent(.surveyAbsent, Self.on("2023-06-01")))
    // A recent present survey (2024-05-01) confirms.
    #expect(Self.status([], surveys: [Self.survey("2024-05-01", .present)]).confirmed)
  }

  @Test func aPresenceAndAnAbsenceOnOneDayAreUnknown() {
    let both = [Self.survey("2024-05-01", .present), Self.survey("2024-05-01", .absent)]
    #expect(Self.status([], surveys: both).status == .unknown)
  }

  @Test func anOpenChannelWinsOverALaterAbsentSurveyAndIsAConflict() {
    // x/1 open since 2020-01-01; a survey of 2024-04-01 says absent: present, conflict.
    let x = StatsChannel(id: 1, entityId: "e", platform: "x", openedOn: Self.on("2020-01-01"))
    let s = Self.status([x], surveys: [Self.survey("2024-04-01", .absent)])
    #expect(s.status == .present && s.conflict)
    // An absent survey before the channel's evidence date is no conflict.
    #expect(!Self.status([x], surveys: [Self.survey("2019-04-01", .absent)]).conflict)
  }

  @Test func surveysBelowTheMinimumConfidenceAreNotCounted() {
    let weak = [Self.survey("2024-05-01", .absent, confidence: .low)]
    #expect(Self.status([], surveys: weak).status == .unknown)
    let low = PresenceRule(windowDays: 365, minConfidence: .low)
    #expect(Self.status([], surveys: weak, rule: low).status == .absent)
    // High only: a medium survey is left out too.
    let high = PresenceRule(windowDays: 365, minConfidence: .high)
    #expect(Self.status([], surveys: [Self.survey("2024-05-01", .absent)], rule: high) == .unknown)
  }

  @Test func anyIsAbsentOnlyWhenAbsentOnEveryPlatformOfTheSet() {
    let set = ["x", "facebook_page"]
    func any(_ surveys: [StatsSurvey], channels: [StatsChannel] = []) -> PlatformPresence {
      Presence.anyStatus(
        of: "e", platformSet: set, channels: channels, snapshots: [:], surveys: surveys,
        day: Self.d, rule: Self.rule)
    }
    // Absent on x (2024-05-01), nothing known of facebook_page: unknown on any.
    let xAbsent = Self.survey("2024-05-01", .absent)
    #expect(any([xAbsent]).status == .unknown)
    // Absent on facebook_page too (2024-02-01): absent on any, resting on the oldest absence.
    let both = any([xAbsent, Self.survey("2024-02-01", .absent, platform: "facebook_page")])
    #expect(both.status == .absent)
    #expect(both.evidence == PresenceEvent(.surveyAbsent, Self.on("2024-02-01")))
    // Present on instagram (outside the set): present on any.
    let instagram = Self.survey("2024-03-01", .present, platform: "instagram")
    #expect(
      any([xAbsent, Self.survey("2024-02-01", .absent, platform: "facebook_page"), instagram])
        .status == .present)
    // A website is not social media: its channel does not make the entity present on any.
    let site = StatsChannel(
      id: 9, entityId: "e", platform: "website", openedOn: Self.on("2010-01-01"))
    #expect(any([xAbsent], channels: [site]).status == .unknown)
    // An empty platform set: nobody is absent on any.
    #expect(
      PlatformPresence.any(required: [], others: [PlatformPresence(.absent)]).status == .unknown)
  }

  @Test func boundsCoverageAndEstimateByHand() {
    // 20 entities: 6 present (4 confirmed), 4 absent, 10 unknown.
    let b = AdoptionBounds(StatusCounts(entities: 20, present: 6, presentConfirmed: 4, absent: 4))
    #expect(b.counts.unknown == 10)
    #expect(b.coverage.value == 0.5)  // (6 + 4) / 20
    #expect(!b.lowCoverage)  // 50% is not below 50%
    #expect(b.lower.value == 0.3)  // 6 / 20
    #expect(b.upper.value == 0.8)  // (6 + 10) / 20
    #expect(b.estimate.rate.value == 0.6)  // 6 / (6 + 4)
    // Wilson on 6 of 10, z² = 3.841459: 1 + z²/n = 1.384146; centre (0.6 + 0.192073) / 1.384146
    // = 0.572247; half-width 1.959964 / 1.384146 × √(0.024 + 0.009604) = 0.259573;
    // [0.312674, 0.831820].
    #expect(abs(b.estimate.low.value! - 0.312674) < 1e-6)
    #expect(abs(b.estimate.high.value! - 0.831820) < 1e-6)
    // 9 present, 1 absent, 10 unknown: coverage 10/20 = 0.5 again; 9 of 11 → 0.45: low.
    #expect(AdoptionBounds(StatusCounts(entities: 22, present: 9, absent: 1)).lowCoverage)
  }

  @Test func zeroCoverageHasNoEstimateAndBoundsZeroToOne() {
    // 176 entities, none with a known status: estimate missing (no_survey), bounds [0, 1].
    let b = AdoptionBounds(StatusCounts(entities: 176))
    #expect(b.estimate.rate == .missing(.noSurvey))
    #expect(b.estimate.low == .missing(.noSurvey) && b.estimate.high == .missing(.noSurvey))
    #expect(b.lower.value == 0 && b.upper.value == 1 && b.coverage.value == 0)
    #expect(b.lowCoverage)
    // No entity at all: no_entities everywhere, not flagged.
    let empty = AdoptionBounds(StatusCounts())
    #expect(empty.estimate.rate == .missing(.noEntities) && empty.lower == .missing(.noEntities))
    #expect(!empty.lowCoverage)
  }

  @Test func noKnownAbsenceWithUnknownsHasNoEstimateButEveryKnownStatusHasOne() {
    // 34 present, 0 absent, 142 unknown (176): 34 / (34 + 0) = 100% whatever the 142 do, so
    // the estimate is missing (no_known_absence); bounds 34/176 = 0.193182 to 176/176 = 1.
    let b = AdoptionBounds(StatusCounts(entities: 176, present: 34, presentConfirmed: 34))
    #expect(b.estimate.rate == .missing(.noKnownAbsence))
    #expect(b.estimate.low == .missing(.noKnownAbsence))
    #expect(b.estimate.high == .missing(.noKnownAbsence))
    #expect(abs(b.lower.value! - 34.0 / 176.0) < 1e-12 && b.upper.value == 1)
    #expect(
      ReportText.estimateNote(b) == "no entity known absent; 142 unknown")
    // Every status known, all present (3 of 3): the estimate is exact, 3 / 3 = 1; Wilson on 3
    // of 3, z² = 3.841459: 1 + z²/3 = 2.280486; centre (1 + 0.640243) / 2.280486 = 0.719251;
    // half-width 1.959964 / 2.280486 × √(0 + 3.841459/36) = 0.859450 × 0.326662 = 0.280749;
    // [0.438502, 1].
    let all = AdoptionBounds(StatusCounts(entities: 3, present: 3, presentConfirmed: 3))
    #expect(all.estimate.rate.value == 1)
    #expect(abs(all.estimate.low.value! - 0.438502) < 1e-6)
    #expect(all.lower.value == 1 && all.upper.value == 1)
    // One absence known among unknowns: 2 present, 1 absent, 7 unknown: 2/3.
    let one = AdoptionBounds(StatusCounts(entities: 10, present: 2, absent: 1))
    #expect(abs(one.estimate.rate.value! - 2.0 / 3.0) < 1e-12)
  }

  /// Zones A and B merge into AB on 2020-01-01. A was found on x (2019-06-01) and B absent
  /// (2019-10-01); AB was never surveyed. Their surveys do not count for AB.
  @Test func aSuccessorDoesNotInheritItsPredecessorsSurveys() {
    let entities = [
      StatsEntity(id: "a", name: "A", region: "R", validTo: Self.on("2020-01-01")),
      StatsEntity(id: "b", name: "B", region: "R", validTo: Self.on("2020-01-01")),
      StatsEntity(id: "ab", name: "AB", region: "R", validFrom: Self.on("2020-01-01")),
    ]
    let surveys = [
      Self.survey("2019-06-01", .present, entity: "a"),
      Self.survey("2019-10-01", .absent, entity: "b"),
    ]
    func report(_ day: String) -> GroupFigures {
      AdoptionReportBuilder.build(
        ReportInput(
          asOf: Self.on(day), stalenessDays: 365,
          filters: ReportFilters(country: "BE", regions: [], kinds: [], platforms: ["x"]),
          entities: entities, channels: [], snapshots: [], sources: [], regionNames: [:],
          surveys: surveys)
      ).national[1]
    }
    // 2019-12-31: A present (confirmed: 213 days), B absent (91 days) → 1 present, 1 absent;
    // estimate 1/2, bounds [1/2, 1/2].
    let before = report("2019-12-31").presence
    #expect(before.counts == StatusCounts(entities: 2, present: 1, presentConfirmed: 1, absent: 1))
    #expect(before.estimate.rate.value == 0.5 && before.lower.value == 0.5)
    // 2020-06-30: AB alone exists, and nothing is known of it: unknown, estimate missing.
    let after = report("2020-06-30").presence
    #expect(after.counts == StatusCounts(entities: 1))
    #expect(after.estimate.rate == .missing(.noSurvey))
    #expect(after.lower.value == 0 && after.upper.value == 1)
  }

  /// The report's statuses (`ReportPresence` over its index) are `Presence`'s, entity by entity,
  /// on generated registries with channels opening, closing and surveys of every kind.
  @Test(arguments: [1, 2, 3, 4, 5])
  func theReportCountsWhatPresenceDecides(seed: UInt64) {
    var rng = SplitMix(seed)
    let platforms = ["x", "facebook_page", "instagram"]
    let d = Day(number: 20000)
    var entities: [StatsEntity] = []
    var channels: [StatsChannel] = []
    var snapshots: [StatsSnapshot] = []
    var surveys: [StatsSurvey] = []
    for n in 0..<40 {
      let id = "e\(n)"
      let from: Day? = rng.next(4) == 0 ? Day(number: 18000 + rng.next(2500)) : nil
      let to: Day? = rng.next(5) == 0 ? Day(number: 19500 + rng.next(1000)) : nil
      entities.append(
        StatsEntity(id: id, name: id, region: "R\(n % 3)", validFrom: from, validTo: to))
      for _ in 0..<rng.next(3) {
        let opened: Day? = rng.next(6) == 0 ? nil : Day(number: 17000 + rng.next(3300))
        let closed: Day? = rng.next(3) == 0 ? Day(number: 18500 + rng.next(1800)) : nil
        let c = StatsChannel(
          id: Int64(channels.count + 1), entityId: id, platform: platforms[rng.next(3)],
          openedOn: opened, closedOn: opened.flatMap { o in closed.map { max(o, $0) } },
          verifiedOn: rng.next(4) == 0 ? Day(number: 19000 + rng.next(1200)) : nil)
        channels.append(c)
        if rng.next(2) == 0 {
          snapshots.append(
            StatsSnapshot(
              channelId: c.id, observedAt: Int64(18800 + rng.next(1300)) * 86_400, followers: 5))
        }
      }
      for _ in 0..<rng.next(4) {
        surveys.append(
          StatsSurvey(
            entityId: id, platform: platforms[rng.next(3)],
            day: Day(number: 19000 + rng.next(1100)),
            result: rng.next(2) == 0 ? .present : .absent,
            confidence: [.low, .medium, .high][rng.next(3)]))
      }
    }
    let rule = PresenceRule(windowDays: 365, minConfidence: .medium)
    let report = AdoptionReportBuilder.build(
      ReportInput(
        asOf: d, stalenessDays: 365,
        filters: ReportFilters(country: "BE", regions: [], kinds: [], platforms: platforms),
        entities: entities, channels: channels, snapshots: snapshots, sources: [],
        regionNames: [:], surveys: surveys))
    let byChannel = Dictionary(grouping: snapshots, by: \.channelId)
    let set = Presence.platformSet(channels: channels, surveys: surveys, rule: rule)
    #expect(report.platformSet == set)
    let selectors = [PlatformSelector.anySocial] + platforms.map { .platform($0) }
    for (k, selector) in selectors.enumerated() {
      var expected = StatusCounts()
      for e in entities where e.exists(on: d) {
        expected.add(
          Presence.status(
            of: e.id, on: selector, platformSet: set, channels: channels, snapshots: byChannel,
            surveys: surveys, day: d, rule: rule))
      }
      #expect(report.national[k].presence.counts == expected, "\(selector.name)")
      #expect(report.national[k].adopters == expected.present)
    }
    // The diffusion's last point is D itself: the same counts there, snapshots aside (they only
    // matter for a channel with a snapshot before its evidence date, which these have not all
    // avoided: compare present + absent with the statuses computed without snapshots).
    let last = report.diffusion["ALL"]!.filter { $0.year == d.year }
    for (k, selector) in selectors.enumerated() {
      var expected = StatusCounts()
      for e in entities where e.exists(on: d) {
        expected.add(
          Presence.status(
            of: e.id, on: selector, platformSet: set, channels: channels, snapshots: [:],
            surveys: surveys, day: d, rule: rule))
      }
      #expect(last[k].present == expected.present && last[k].absent == expected.absent)
    }
  }
}

/// A small deterministic generator for the tests' registries.
struct SplitMix {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
