/// Whether a channel is in use; `unknown` when no source says (e.g. a channel seen once in 2013).
public enum ChannelStatus: String, CaseIterable, Codable, Sendable {
  case active, dormant, closed, unknown
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
