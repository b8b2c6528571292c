/// Whether a channel is in use; `unknown` when no source says (e.g. a channel seen once in 2013);
/// `unverified` when a collector found it (linked from the entity's website) and nobody has
/// checked it yet.
public enum ChannelStatus: String, CaseIterable, Codable, Sendable {
  case active, dormant, closed, unknown, unverified
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
