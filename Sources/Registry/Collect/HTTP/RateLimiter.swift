import Foundation
import Synchronization

/// Per-host politeness: at least `minInterval` seconds between the starts of two requests to one
/// host, and no request before a time the host asked for (Retry-After, rate-limit reset).
public final class RateLimiter: Sendable {
  public let minInterval: Double
  private let now: @Sendable () -> Double
  private let sleep: @Sendable (Double) -> Void
  /// Host -> earliest time (seconds, `now`'s clock) the next request may start.
  private let next = Mutex<[String: Double]>([:])

  public init(
    minInterval: Double, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
    sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
  ) {
    self.minInterval = minInterval
    self.now = now
    self.sleep = sleep
  }

  /// Waits until a request to `host` may start, and books the slot.
  public func acquire(host: String) {
    let wait = next.withLock { table -> Double in
      let t = now()
      let start = max(t, table[host] ?? t)
      table[host] = start + minInterval
      return start - t
    }
    if wait > 0 { sleep(wait) }
  }

  /// Holds back requests to `host` for `seconds` from now (the server asked us to).
  public func pause(host: String, seconds: Double) {
    next.withLock { table in
      let until = now() + seconds
      table[host] = max(table[host] ?? 0, until)
    }
  }
}
