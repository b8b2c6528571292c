import Foundation
import Reporting
import Stats
import Synchronization

/// The adoption reports built most recently, by request, for as long as the database is
/// unchanged: the overview and the report pages ask for the same few reports over and over. A
/// report asked for while it is being built is waited for, not built twice (the overview's report
/// of today is built at start-up, and many visitors may ask for a new date at once).
final class ReportCache: Sendable {
  private struct Entry {
    var stamp: String
    var report: AdoptionReport
    var used: UInt64
  }

  private struct State {
    var entries: [String: Entry] = [:]
    /// Reports being built, by key and database state.
    var building: [String: Build] = [:]
    var clock: UInt64 = 0
  }

  private let state = Mutex(State())
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

  /// The report of `request` built against the database in state `stamp`: kept, being built
  /// (waited for), or built now with `build`.
  func report(
    _ request: AdoptionReportRequest, stamp: String, build: () throws -> AdoptionReport
  ) throws -> AdoptionReport {
    let key = Self.key(request)
    enum Next {
      case kept(AdoptionReport)
      case wait(Build)
      case build(Build)
    }
    let next = state.withLock { s -> Next in
      s.clock += 1
      if var entry = s.entries[key], entry.stamp == stamp {
        entry.used = s.clock
        s.entries[key] = entry
        return .kept(entry.report)
      }
      if let running = s.building[key + "@" + stamp] { return .wait(running) }
      let mine = Build()
      s.building[key + "@" + stamp] = mine
      return .build(mine)
    }
    let mine: Build
    switch next {
    case .kept(let report): return report
    case .wait(let running): return try running.wait()
    case .build(let b): mine = b
    }
    let result = Result { try build() }
    state.withLock { s in
      s.building[key + "@" + stamp] = nil
      guard case .success(let report) = result else { return }
      // Reports built on an older state of the database go first.
      s.entries = s.entries.filter { $0.value.stamp == stamp }
      s.entries[key] = Entry(stamp: stamp, report: report, used: s.clock)
      while s.entries.count > capacity,
        let oldest = s.entries.min(by: { $0.value.used < $1.value.used })?.key
      {
        s.entries.removeValue(forKey: oldest)
      }
    }
    mine.finish(result)
    return try result.get()
  }
}

/// A report being built: those who ask for it meanwhile wait on their work thread for its
/// result (or its error).
private final class Build: @unchecked Sendable {
  // Guarded by `condition`.
  private let condition = NSCondition()
  private var result: Result<AdoptionReport, any Error>?

  func finish(_ r: Result<AdoptionReport, any Error>) {
    condition.lock()
    result = r
    condition.broadcast()
    condition.unlock()
  }

  func wait() throws -> AdoptionReport {
    condition.lock()
    while result == nil { condition.wait() }
    let r = result!
    condition.unlock()
    return try r.get()
  }
}
