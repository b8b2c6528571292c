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
}
