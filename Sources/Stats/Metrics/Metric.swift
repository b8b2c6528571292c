/// Why a figure could not be computed. Printed in reports instead of a number, never as 0.
public enum MissingReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// No snapshot on or before the date.
  case noSnapshot = "no_snapshot"
  /// The latest snapshot on or before the date is older than the staleness limit.
  case stale
  /// The entity's population is unknown.
  case noPopulation = "no_population"
  /// The population is zero, so a per-capita figure has no meaning.
  case zeroPopulation = "zero_population"
  /// No follower count within W/6 days (at least 1) of D − W, the start of a W-day growth window.
  case noBaselineInWindow = "no_baseline_in_window"
  /// The latest follower count on or before D is more than W/6 days (at least 1) older than D,
  /// so no W-day growth ends on D.
  case noEndInWindow = "no_end_in_window"
  /// The start of the window has zero followers, so a percentage has no meaning.
  case zeroBaseline = "zero_baseline"
  /// The two endpoints are the same observation (no time elapsed between them).
  case noElapsedTime = "no_elapsed_time"
  /// Post counts are unknown at one endpoint.
  case noPosts = "no_posts"
  /// No engagement count is known for the window.
  case noEngagements = "no_engagements"
  /// The followers count is zero, so a rate per follower has no meaning.
  case zeroFollowers = "zero_followers"
  /// The group has no entities (a rate's denominator is zero).
  case noEntities = "no_entities"
  /// The group has entities but none with a known value (e.g. a median over nothing).
  case noValues = "no_values"
  /// The entity has no open channel on the platform compared (and, in the comparisons, is known
  /// to be present through a survey that names no channel).
  case noChannel = "no_channel"
  /// The entity is known to be absent from the platform (a recent survey or closing).
  case absent
  /// Nothing recent is known of the entity on the platform: not surveyed, not absent either.
  case notSurveyed = "not_surveyed"
  /// No entity of the group has a known status (present or absent): a share of the surveyed
  /// cannot be estimated.
  case noSurvey = "no_survey"
  /// Some entities' statuses are known, all of them present, and others are unknown: present /
  /// (present + absent) would be 100% by construction, whatever the unknown entities do (absences
  /// are what surveys record least). The bounds say what is known.
  case noKnownAbsence = "no_known_absence"
  /// The computed value is too large to be a figure (inputs far beyond any real account).
  case outOfRange = "out_of_range"
}

/// A computed figure: either a value, or missing with the reason.
public enum Metric<Value: Sendable & Equatable>: Sendable, Equatable {
  case value(Value)
  case missing(MissingReason)

  /// The value, or nil when missing.
  public var value: Value? {
    if case .value(let v) = self { return v }
    return nil
  }

  /// The reason, or nil when there is a value.
  public var reason: MissingReason? {
    if case .missing(let r) = self { return r }
    return nil
  }

  /// Applies `transform` to a value and keeps a missing reason as is.
  public func map<T>(_ transform: (Value) -> T) -> Metric<T> {
    switch self {
    case .value(let v): return .value(transform(v))
    case .missing(let r): return .missing(r)
    }
  }

  /// Chains a computation that may itself be missing.
  public func flatMap<T>(_ transform: (Value) -> Metric<T>) -> Metric<T> {
    switch self {
    case .value(let v): return transform(v)
    case .missing(let r): return .missing(r)
    }
  }
}
