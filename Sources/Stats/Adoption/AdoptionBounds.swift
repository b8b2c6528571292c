/// How many entities of a group have each status on one platform selector.
public struct StatusCounts: Sendable, Equatable {
  /// Entities existing on D: present + absent + unknown.
  public var entities = 0
  public var present = 0
  /// Of `present`, those with presence evidence within the window (the rest are carried forward).
  public var presentConfirmed = 0
  public var absent = 0
  public var unknown = 0

  public init(entities: Int = 0, present: Int = 0, presentConfirmed: Int = 0, absent: Int = 0) {
    self.entities = entities
    self.present = present
    self.presentConfirmed = presentConfirmed
    self.absent = absent
    self.unknown = entities - present - absent
  }

  /// Counts one entity's status.
  public mutating func add(_ p: PlatformPresence) {
    entities += 1
    switch p.status {
    case .present:
      present += 1
      if p.confirmed { presentConfirmed += 1 }
    case .absent: absent += 1
    case .unknown: unknown += 1
    }
  }

  /// Entities with a known status: present + absent.
  public var known: Int { present + absent }
}

/// What a group's statuses say about its adoption of a platform: bounds that hold whatever the
/// unknown entities do, and an estimate from the entities whose status is known.
public struct AdoptionBounds: Sendable, Equatable {
  public var counts: StatusCounts
  /// (present + absent) / entities; missing `no_entities` for an empty group.
  public var coverage: Metric<Double>
  /// present / entities: every unknown entity absent.
  public var lower: Metric<Double>
  /// (present + unknown) / entities: every unknown entity present.
  public var upper: Metric<Double>
  /// present / (present + absent) with its 95% Wilson interval on n = present + absent; missing
  /// `no_survey` when no entity's status is known, and `no_known_absence` when none is known
  /// absent while some are unknown (the ratio would be 100% by construction: it would measure
  /// that presences are recorded, not adoption).
  public var estimate: Proportion
  /// Coverage below `lowCoverageBelow`: the unknown entities may differ from the known ones, so
  /// the estimate may be far off whatever its interval says.
  public var lowCoverage: Bool

  /// Coverage under which an estimate is flagged.
  public static let lowCoverageBelow = 0.5

  public init(_ counts: StatusCounts) {
    self.counts = counts
    let n = counts.entities
    if n == 0 {
      coverage = .missing(.noEntities)
      lower = .missing(.noEntities)
      upper = .missing(.noEntities)
    } else {
      coverage = .value(Double(counts.known) / Double(n))
      lower = .value(Double(counts.present) / Double(n))
      upper = .value(Double(counts.present + counts.unknown) / Double(n))
    }
    if counts.known == 0 || (counts.absent == 0 && counts.unknown > 0) {
      let reason: MissingReason =
        n == 0 ? .noEntities : counts.known == 0 ? .noSurvey : .noKnownAbsence
      estimate = Proportion(
        successes: 0, total: 0, rate: .missing(reason), low: .missing(reason),
        high: .missing(reason))
    } else {
      estimate = WilsonInterval.proportion(counts.present, of: counts.known)
    }
    lowCoverage = (coverage.value ?? 1) < Self.lowCoverageBelow
  }
}
