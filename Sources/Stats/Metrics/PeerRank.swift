/// Where a value stands in its peer group.
public enum PeerRank {
  /// Percentile rank: the share (0...1) of peers whose value is ≤ `value`. Pass the peer group
  /// including the ranked entity itself, so the top entity ranks 1.0.
  public static func percentile(_ value: Double, among peers: [Double]) -> Metric<Double> {
    guard !peers.isEmpty else { return .missing(.noEntities) }
    return .value(Double(peers.filter { $0 <= value }.count) / Double(peers.count))
  }

  /// The peer group's median (type 7), missing `no_values` for an empty group.
  public static func median(_ peers: [Double]) -> Metric<Double> {
    Distribution.quantile(peers, 0.5)
  }
}
