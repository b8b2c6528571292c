import Foundation
import GRDB

/// The length of a period in a snapshot history.
public enum HistoryPeriod: String, CaseIterable, Sendable {
  case day, week, month

  /// The label of the period holding `epoch`: `2024-05-01`, ISO week `2024-W18` (weeks start on
  /// Monday; the week belongs to the year of its Thursday), or `2024-05`.
  public func label(_ epoch: Int64) -> String {
    let d = Day(epochSeconds: epoch)
    switch self {
    case .day: return d.description
    case .month: return String(format: "%04d-%02d", d.year, d.month)
    case .week:
      let days = d.daysSinceEpoch
      // 1970-01-01 was a Thursday: Monday-based weekday index is (days + 3) mod 7.
      let weekday = ((days + 3) % 7 + 7) % 7
      let thursday = Day(daysSinceEpoch: days - weekday + 3)
      let jan1 = Day(year: thursday.year, month: 1, day: 1)!
      let week = (thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7 + 1
      return String(format: "%04d-W%02d", thursday.year, week)
    }
  }
}

/// One line of `history`: the last snapshot of a period.
public struct HistoryRow: Codable, Sendable, Equatable {
  public var period: String
  public var observedAt: String
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var engagements: Int64?
  public var engagementWindowDays: Int64?
  public var source: String

  enum CodingKeys: String, CodingKey {
    case period, followers, following, posts, engagements, source
    case observedAt = "observed_at"
    case engagementWindowDays = "engagement_window_days"
  }

  public static let columns = [
    "period", "observed_at", "followers", "following", "posts", "engagements",
    "engagement_window_days", "source",
  ]

  public var values: [String: String?] {
    [
      "period": period, "observed_at": observedAt, "followers": followers.map(String.init),
      "following": following.map(String.init), "posts": posts.map(String.init),
      "engagements": engagements.map(String.init),
      "engagement_window_days": engagementWindowDays.map(String.init), "source": source,
    ]
  }
}

extension RegistryDatabase {
  /// A channel's snapshots between two days (inclusive), oldest first; with `every`, only the
  /// last snapshot of each period (latest time, then highest source id).
  public func history(
    channelId: Int64, from: Day? = nil, to: Day? = nil, every: HistoryPeriod? = nil
  )
    throws -> [HistoryRow]
  {
    try writer.read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT s.*, src.key AS source_key FROM snapshot s JOIN source src ON src.id = s.source_id
          WHERE s.channel_id = ? AND s.observed_at >= ? AND s.observed_at <= ?
          ORDER BY s.observed_at, s.source_id
          """,
        arguments: [
          channelId, from?.epochSeconds ?? Int64.min, to?.endOfDayEpochSeconds ?? Int64.max,
        ])
      var out: [HistoryRow] = []
      while let r = try rows.next() {
        let at: Int64 = r["observed_at"]
        let row = HistoryRow(
          period: (every ?? .day).label(at), observedAt: Timestamp.format(at),
          followers: r["followers"], following: r["following"], posts: r["posts"],
          engagements: r["engagements"], engagementWindowDays: r["engagement_window_days"],
          source: r["source_key"])
        if every != nil, let last = out.last, last.period == row.period {
          out[out.count - 1] = row
        } else {
          out.append(row)
        }
      }
      return out
    }
  }
}
