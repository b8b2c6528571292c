/// Sum, median and quartiles of a list of values.
public struct Distribution: Sendable, Equatable {
  public var count: Int
  public var sum: Metric<Double>
  public var q1: Metric<Double>
  public var median: Metric<Double>
  public var q3: Metric<Double>

  /// Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
  /// default of R and of spreadsheets' QUARTILE/PERCENTILE.INC): h = (n − 1)p,
  /// Q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted values, 0-based.
  public static func quantile(_ values: [Double], _ p: Double) -> Metric<Double> {
    guard !values.isEmpty else { return .missing(.noValues) }
    return sortedQuantile(values.sorted(), p)
  }

  /// `quantile` of values already sorted ascending.
  static func sortedQuantile(_ x: [Double], _ p: Double) -> Metric<Double> {
    guard !x.isEmpty else { return .missing(.noValues) }
    let h = Double(x.count - 1) * p
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, x.count - 1)
    return .value(x[lo] + (h - Double(lo)) * (x[hi] - x[lo]))
  }

  /// Median, quartiles and sum; an empty list gives missing (`no_values`) for each.
  public static func of(_ values: [Double]) -> Distribution {
    let x = values.sorted()
    return Distribution(
      count: values.count, sum: values.isEmpty ? .missing(.noValues) : .value(values.reduce(0, +)),
      q1: sortedQuantile(x, 0.25), median: sortedQuantile(x, 0.5), q3: sortedQuantile(x, 0.75))
  }

  /// Like `of`, but when there is no value the reason is the most common one among `reasons`.
  public static func of(_ values: [Double], reasons: [MissingReason]) -> Distribution {
    var d = of(values)
    guard values.isEmpty, let reason = dominant(reasons) else { return d }
    d.sum = .missing(reason)
    d.q1 = .missing(reason)
    d.median = .missing(reason)
    d.q3 = .missing(reason)
    return d
  }

  /// The most frequent reason (ties broken by declaration order), nil for none.
  public static func dominant(_ reasons: [MissingReason]) -> MissingReason? {
    var counts: [MissingReason: Int] = [:]
    for r in reasons { counts[r, default: 0] += 1 }
    var best: MissingReason?
    for r in MissingReason.allCases {
      if let c = counts[r], c > (best.flatMap { counts[$0] } ?? 0) { best = r }
    }
    return best
  }
}
