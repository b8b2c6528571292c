import Foundation

/// Number formatting shared by the Markdown and HTML renderings.
public enum ReportText {
  /// "missing (reason)" for a missing figure, never 0.
  public static func missing(_ r: MissingReason) -> String { "missing (\(r.rawValue))" }

  public static func percent(_ m: Metric<Double>, digits: Int = 1) -> String {
    switch m {
    case .value(let v): return String(format: "%.\(digits)f%%", v * 100)
    case .missing(let r): return missing(r)
    }
  }

  /// A value already in percent (growth).
  public static func signedPercent(_ m: Metric<Double>) -> String {
    switch m {
    case .value(let v): return String(format: "%+.1f%%", v)
    case .missing(let r): return missing(r)
    }
  }

  public static func interval(_ p: Proportion) -> String {
    guard let lo = p.low.value, let hi = p.high.value else {
      return missing(p.low.reason ?? .noEntities)
    }
    return String(format: "%.1f–%.1f%%", lo * 100, hi * 100)
  }

  public static func count(_ m: Metric<Double>, signed: Bool = false) -> String {
    switch m {
    case .value(let v): return grouped(v, signed: signed)
    case .missing(let r): return missing(r)
    }
  }

  public static func decimal(_ m: Metric<Double>, digits: Int = 1) -> String {
    switch m {
    case .value(let v): return String(format: "%.\(digits)f", v)
    case .missing(let r): return missing(r)
    }
  }

  /// 1234567.5 → "1,234,568" (rounded, comma-grouped). Any Double is written, none traps:
  /// beyond Int64 the digits come from the Double itself; infinities and NaN are named.
  public static func grouped(_ v: Double, signed: Bool = false) -> String {
    guard v.isFinite else { return v.isNaN ? "not a number" : (v < 0 ? "−∞" : "∞") }
    let r = v.rounded()
    let digits =
      r.magnitude < 9e18 ? String(Int64(r).magnitude) : String(format: "%.0f", r.magnitude)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(c)
    }
    let sign = r < 0 ? "−" : (signed && r > 0 ? "+" : "")
    return sign + String(out.reversed())
  }

  public static func platformLabel(_ p: String) -> String {
    p == "any" ? "any social" : p
  }

  /// The line under an estimate: its interval, or why there is none.
  public static func estimateNote(_ b: AdoptionBounds) -> String {
    switch b.estimate.rate.reason {
    case nil: return "95% CI " + interval(b.estimate)
    case .noKnownAbsence?:
      return "no entity known absent; \(b.counts.unknown) unknown"
    case .noEntities?: return "no entity in scope"
    default: return "no status known"
    }
  }

  /// "61.0% (95% CI 52.0–70.0%)", or "missing (no_survey)".
  public static func estimate(_ b: AdoptionBounds) -> String {
    guard b.estimate.rate.value != nil else { return percent(b.estimate.rate) }
    return "\(percent(b.estimate.rate)) (95% CI \(interval(b.estimate)))"
  }

  /// "41.5–73.3%": the lower and upper bounds.
  public static func bounds(_ b: AdoptionBounds) -> String {
    guard let lo = b.lower.value, let hi = b.upper.value else { return percent(b.lower) }
    return String(format: "%.1f–%.1f%%", lo * 100, hi * 100)
  }

  /// "present 73 (60 confirmed, 13 carried forward), absent 47, unknown 56".
  public static func statuses(_ c: StatusCounts) -> String {
    "present \(c.present) (\(c.presentConfirmed) confirmed, "
      + "\(c.present - c.presentConfirmed) carried forward), absent \(c.absent), "
      + "unknown \(c.unknown)"
  }

  /// The sentence a group's adoption is told in, e.g. "estimate 61.0% (95% CI 52.0–70.0%) from
  /// 120 of 176 with a known status (coverage 68.2%); at least 73 (41.5%), at most 129 (73.3%)".
  /// With no status known it says the share is unknown and gives the bounds; below 50% coverage
  /// it says the unknown may differ.
  public static func headline(_ b: AdoptionBounds) -> String {
    let c = b.counts
    let range =
      "at least \(c.present) (\(percent(b.lower))), at most \(c.present + c.unknown) "
      + "(\(percent(b.upper)))"
    if c.entities == 0 { return "no entity in scope" }
    if b.estimate.rate.reason == .noKnownAbsence {
      return "share between \(percent(b.lower)) and \(percent(b.upper)): \(range); no "
        + "estimate, as no entity is known absent (estimate \(percent(b.estimate.rate)))"
    }
    if b.estimate.rate.value == nil {
      return "share unknown: no entity's status is known (estimate \(percent(b.estimate.rate))); "
        + range
    }
    let estimate =
      "estimate \(estimate(b)) from \(c.known) of \(c.entities) with a known status "
      + "(coverage \(percent(b.coverage)))"
    // Below 50% coverage the bounds lead: the known may be those most easily found present.
    if b.lowCoverage {
      return "share between \(percent(b.lower)) and \(percent(b.upper)): \(range); the "
        + "\(estimate) is low-coverage, the \(c.unknown) unknown may differ from the known"
    }
    return estimate + "; " + range
  }

  /// A published figure as a cell or a line: "51 of 195 (26.2%) zones, 2013-01-01 (circa):
  /// LABEL".
  public static func published(_ p: PublishedFigure) -> String {
    "\(p.text): \(p.reference.label)"
  }
}
