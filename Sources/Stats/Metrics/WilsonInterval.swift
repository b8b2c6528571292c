/// A proportion with its 95% Wilson score interval.
public struct Proportion: Sendable, Equatable {
  public var successes: Int
  public var total: Int
  /// successes / total, missing (`no_entities`) when total is 0.
  public var rate: Metric<Double>
  public var low: Metric<Double>
  public var high: Metric<Double>
}

/// The Wilson score interval, which stays inside [0, 1] and behaves at 0/n and n/n.
public enum WilsonInterval {
  /// The normal quantile for a two-sided 95% interval.
  public static let z95 = 1.959964

  /// p̂ = x/n; centre = (p̂ + z²/2n) / (1 + z²/n);
  /// half-width = z / (1 + z²/n) × √(p̂(1 − p̂)/n + z²/4n²).
  public static func proportion(_ successes: Int, of total: Int, z: Double = z95) -> Proportion {
    guard total > 0 else {
      return Proportion(
        successes: successes, total: total, rate: .missing(.noEntities),
        low: .missing(.noEntities), high: .missing(.noEntities))
    }
    let n = Double(total)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    return Proportion(
      successes: successes, total: total, rate: .value(p),
      low: .value(max(0, centre - half)), high: .value(min(1, centre + half)))
  }
}
