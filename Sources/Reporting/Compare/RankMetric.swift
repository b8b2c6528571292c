import Stats

/// The metrics a league table ranks by, as `rank --metric` and the web's `metric=` name them.
/// Growth ranks by percent, so a large account does not win by size alone.
public enum RankMetric: String, CaseIterable, Sendable {
  case followers
  case followersPer1000 = "followers_per_1000"
  case growth90d = "growth_90d"
  case growth365d = "growth_365d"
  case engagementRate = "engagement_rate"
  case postsPerWeek = "posts_per_week"

  public var metric: CompareMetric {
    switch self {
    case .followers: return .followers
    case .followersPer1000: return .followersPer1000
    case .growth90d: return .growth90dPct
    case .growth365d: return .growth365dPct
    case .engagementRate: return .engagementRate
    case .postsPerWeek: return .postsPerWeek
    }
  }

  /// The names, for help texts and messages.
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
