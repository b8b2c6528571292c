import Vocabulary

/// The figures a scorecard, a side-by-side comparison and a league table show for one entity.
public enum CompareMetric: String, Sendable, CaseIterable, Codable {
  case followers
  case followersPer1000 = "followers_per_1000"
  case growth30d = "growth_30d"
  case growth30dPct = "growth_30d_pct"
  case growth90d = "growth_90d"
  case growth90dPct = "growth_90d_pct"
  case growth365d = "growth_365d"
  case growth365dPct = "growth_365d_pct"
  case postsPerWeek = "posts_per_week"
  case engagementRate = "engagement_rate"

  /// What a reader sees.
  public var label: String {
    switch self {
    case .followers: return "Followers"
    case .followersPer1000: return "Followers per 1,000 inhabitants"
    case .growth30d: return "Growth, 30 days (followers)"
    case .growth30dPct: return "Growth, 30 days (%)"
    case .growth90d: return "Growth, 90 days (followers)"
    case .growth90dPct: return "Growth, 90 days (%)"
    case .growth365d: return "Growth, 365 days (followers)"
    case .growth365dPct: return "Growth, 365 days (%)"
    case .postsPerWeek: return "Posts per week (last 90 days)"
    case .engagementRate: return "Engagement rate (engagements / followers)"
    }
  }

  /// The growth window in days, for growth metrics.
  public var windowDays: Int? {
    switch self {
    case .growth30d, .growth30dPct: return 30
    case .growth90d, .growth90dPct: return 90
    case .growth365d, .growth365dPct: return 365
    default: return nil
    }
  }

  /// How a value is written: a count, a percentage already ×100, a ratio, a decimal.
  public var style: ValueStyle {
    switch self {
    case .followers: return .count
    case .growth30d, .growth90d, .growth365d: return .signedCount
    case .growth30dPct, .growth90dPct, .growth365dPct: return .signedPercent
    case .engagementRate: return .ratioPercent
    case .followersPer1000, .postsPerWeek: return .decimal
    }
  }

  /// The windows of the growth metrics, in days.
  public static let growthWindows = [30, 90, 365]

  /// The posts-per-week window in days.
  public static let postsWindowDays = 90
}

/// How a metric's value is written.
public enum ValueStyle: Sendable {
  case count, signedCount, signedPercent, ratioPercent, decimal

  /// The value as text, or "missing (reason)", never 0.
  public func format(_ m: Metric<Double>) -> String {
    guard let v = m.value else { return "missing (\(m.reason!.rawValue))" }
    return format(v)
  }

  public func format(_ v: Double) -> String {
    switch self {
    case .count: return ReportText.grouped(v)
    case .signedCount: return ReportText.grouped(v, signed: true)
    case .signedPercent: return ReportText.signedPercent(.value(v))
    case .ratioPercent: return ReportText.percent(.value(v), digits: 2)
    case .decimal: return ReportText.decimal(.value(v), digits: 2)
    }
  }
}
