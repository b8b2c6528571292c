/// How sure the registry is of a fact: that a channel belongs to its entity, or what a survey found.
public enum Confidence: String, CaseIterable, Codable, Sendable {
  case high, medium, low
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Confidence: Comparable {
  /// Its rank: low < medium < high.
  public var rank: Int {
    switch self {
    case .low: return 0
    case .medium: return 1
    case .high: return 2
    }
  }

  public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}
