import Reporting
import Stats
import Synchronization

/// The adoption reports built most recently, by request, for as long as the database is
/// unchanged: the overview and the report pages ask for the same few reports over and over.
final class ReportCache: Sendable {
  private struct Entry {
    var stamp: String
    var report: AdoptionReport
    var used: UInt64
  }

  private let entries = Mutex<[String: Entry]>([:])
  private let clock = Atomic<UInt64>(0)
  /// Reports kept; the least recently used goes first.
  let capacity: Int

  init(capacity: Int = 4) { self.capacity = capacity }

  static func key(_ r: AdoptionReportRequest) -> String {
    let s = r.scope
    return [
      s.country, s.regions.joined(separator: ","), s.kinds.map(\.rawValue).joined(separator: ","),
      "\(s.asOf)", "\(s.stalenessDays)", s.minConfidence.rawValue,
      r.platforms.joined(separator: ","),
    ].joined(separator: "|")
  }

  /// The report of `request` built against the database in state `stamp`, building it with
  /// `build` when it is not kept.
  func report(
    _ request: AdoptionReportRequest, stamp: String, build: () throws -> AdoptionReport
  ) rethrows -> AdoptionReport {
    let key = Self.key(request)
    let now = clock.add(1, ordering: .relaxed).newValue
    if let hit = entries.withLock({ entries -> AdoptionReport? in
      guard var entry = entries[key], entry.stamp == stamp else { return nil }
      entry.used = now
      entries[key] = entry
      return entry.report
    }) {
      return hit
    }
    let report = try build()
    entries.withLock { entries in
      entries = entries.filter { $0.value.stamp == stamp }
      entries[key] = Entry(stamp: stamp, report: report, used: now)
      while entries.count > capacity,
        let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key
      {
        entries.removeValue(forKey: oldest)
      }
    }
    return report
  }
}
