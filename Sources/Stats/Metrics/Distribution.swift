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

  /// `of(values, reasons:)` with the reasons given as counts, by selection instead of a sort;
  /// reorders `values` (the sum is taken first, in the given order, so it is `of`'s).
  static func of(selecting values: inout [Double], reasons: ReasonCounts) -> Distribution {
    let sum: Metric<Double> = values.isEmpty ? .missing(.noValues) : .value(values.reduce(0, +))
    let q = quantiles(selecting: &values, [0.25, 0.5, 0.75])
    var d = Distribution(count: values.count, sum: sum, q1: q[0], median: q[1], q3: q[2])
    guard values.isEmpty, let reason = reasons.dominant else { return d }
    d.sum = .missing(reason)
    d.q1 = .missing(reason)
    d.median = .missing(reason)
    d.q3 = .missing(reason)
    return d
  }

  /// `quantile(values, p)` for each of `ps`, from the few order statistics they need instead of
  /// a sort (the same values, O(n) on average); reorders `values`.
  static func quantiles(selecting values: inout [Double], _ ps: [Double]) -> [Metric<Double>] {
    guard !values.isEmpty else { return ps.map { _ in .missing(.noValues) } }
    let n = values.count
    let spans = ps.map { p -> (h: Double, lo: Int, hi: Int) in
      let h = Double(n - 1) * p
      let lo = Int(h.rounded(.down))
      return (h, lo, min(lo + 1, n - 1))
    }
    let ranks = Set(spans.flatMap { [$0.lo, $0.hi] }).sorted()
    OrderStatistic.select(&values, ranks)
    return spans.map { s in
      .value(values[s.lo] + (s.h - Double(s.lo)) * (values[s.hi] - values[s.lo]))
    }
  }

  /// The most frequent reason (ties broken by declaration order), nil for none.
  /// (Counted by position, not in a dictionary: hashing each reason's text was a fifth of a
  /// report whose 10k entities were all stale.)
  public static func dominant(_ reasons: [MissingReason]) -> MissingReason? {
    var counts = ReasonCounts()
    for r in reasons { counts.add(r) }
    return counts.dominant
  }
}

/// How many times each missing reason occurs, by declaration order: `Distribution.dominant`
/// without a dictionary.
struct ReasonCounts {
  private var counts = [Int](repeating: 0, count: MissingReason.allCases.count)
  private(set) var total = 0

  mutating func add(_ r: MissingReason) {
    counts[r.ordinal] += 1
    total += 1
  }

  mutating func add(_ other: ReasonCounts) {
    for i in counts.indices { counts[i] += other.counts[i] }
    total += other.total
  }

  /// The most frequent reason (ties broken by declaration order), nil for none.
  var dominant: MissingReason? {
    var best: MissingReason?
    var bestCount = 0
    for (i, r) in MissingReason.allCases.enumerated() where counts[i] > bestCount {
      best = r
      bestCount = counts[i]
    }
    return best
  }
}

extension MissingReason {
  /// Position in declaration order (`allCases`).
  var ordinal: Int {
    switch self {
    case .noSnapshot: 0
    case .stale: 1
    case .noPopulation: 2
    case .zeroPopulation: 3
    case .noBaselineInWindow: 4
    case .noEndInWindow: 5
    case .zeroBaseline: 6
    case .noElapsedTime: 7
    case .noPosts: 8
    case .noEngagements: 9
    case .zeroFollowers: 10
    case .noEntities: 11
    case .noValues: 12
    case .noChannel: 13
    case .absent: 14
    case .notSurveyed: 15
    case .noSurvey: 16
    case .noKnownAbsence: 17
    case .outOfRange: 18
    }
  }
}

/// Order statistics without a full sort.
enum OrderStatistic {
  /// Puts the `ranks`-th smallest values (0-based, ascending, distinct) of `x` at those
  /// positions, as a sort would (quickselect on the middle rank, then each side's ranks; a range
  /// that stops shrinking fast is sorted instead).
  static func select(_ x: inout [Double], _ ranks: [Int]) {
    x.withUnsafeMutableBufferPointer { a in
      select(
        a, ranks[...], 0, a.count - 1, budget: 2 * (Int.bitWidth - a.count.leadingZeroBitCount))
    }
  }

  private static func select(
    _ a: UnsafeMutableBufferPointer<Double>, _ ranks: ArraySlice<Int>, _ lo: Int, _ hi: Int,
    budget: Int
  ) {
    guard !ranks.isEmpty else { return }
    if hi - lo < 16 || budget == 0 {
      var range = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
      range.sort()
      return
    }
    let mid = lo + (hi - lo) / 2
    if a[mid] < a[lo] { a.swapAt(mid, lo) }
    if a[hi] < a[lo] { a.swapAt(hi, lo) }
    if a[hi] < a[mid] { a.swapAt(hi, mid) }
    let pivot = a[mid]
    // Hoare partition: afterwards a[lo...j] <= pivot, a[j+1..<i] == pivot, a[i...hi] >= pivot.
    var i = lo
    var j = hi
    while i <= j {
      while a[i] < pivot { i += 1 }
      while pivot < a[j] { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    let left = ranks.prefix { $0 <= j }
    let right = ranks.drop { $0 < i }
    if !left.isEmpty { select(a, left, lo, j, budget: budget - 1) }
    if !right.isEmpty { select(a, right, i, hi, budget: budget - 1) }
  }
}
