/// How sure the registry is that a channel belongs to its entity.
public enum Confidence: String, CaseIterable, Codable, Sendable {
  case high, medium, low
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
