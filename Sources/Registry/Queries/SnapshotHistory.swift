import Foundation
import GRDB
import Vocabulary

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
      let days = d.number
      // 1970-01-01 was a Thursday: Monday-based weekday index is (days + 3) mod 7.
      let weekday = ((days + 3) % 7 + 7) % 7
      let thursday = Day(number: days - weekday + 3)
      // Without the 1800-2200 range check: a stored time may be any year.
      let jan1 = Day(number: Day.number(year: thursday.year, month: 1, day: 1))
      let week = (thursday - jan1) / 7 + 1
      return String(format: "%04d-W%02d", thursday.year, week)
    }
  }
}

/// One line of `history`: the last snapshot of a period. Encodes flat: `period` beside the
/// snapshot's own fields.
@dynamicMemberLookup
public struct HistoryRow: Encodable, Sendable, Equatable {
  public var period: String
  public var snapshot: SnapshotView

  public subscript<T>(dynamicMember field: KeyPath<SnapshotView, T>) -> T {
    snapshot[keyPath: field]
  }

  public static let columns = ["period"] + SnapshotView.columns

  public var values: [String: String?] { snapshot.values.merging(["period": period]) { $1 } }

  public func encode(to encoder: any Encoder) throws {
    try snapshot.encode(to: encoder)
    var c = encoder.container(keyedBy: PeriodKey.self)
    try c.encode(period, forKey: .period)
  }

  private enum PeriodKey: String, CodingKey { case period }
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
        let row = HistoryRow(
          period: (every ?? .day).label(r["observed_at"]), snapshot: SnapshotView(row: r))
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
