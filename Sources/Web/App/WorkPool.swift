import Dispatch
import NIOPosix
import Synchronization

/// Where the routes' database reads and page building run: a few threads of their own, so a
/// slow SQLite read never blocks Swift's cooperative threads, and a time limit, so no request
/// waits longer than `timeout`.
final class WorkPool: Sendable {
  let pool: NIOThreadPool
  let timeout: Double

  init(threads: Int, timeout: Double) {
    pool = NIOThreadPool(numberOfThreads: threads)
    pool.start()
    self.timeout = timeout
  }

  func shutdown() async throws { try await pool.shutdownGracefully() }

  /// Runs `body` on the pool; throws `PageError.timeout` when it has not finished in time (its
  /// thread finishes the work, whose result is dropped; work still queued when the time is up
  /// is skipped).
  func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let timeout = self.timeout
    return try await withCheckedThrowingContinuation { continuation in
      let answered = Answered()
      let claim = { @Sendable in answered.claim() }
      pool.submit { state in
        guard state == .active else {
          if claim() { continuation.resume(throwing: PageError.unavailable) }
          return
        }
        if answered.isClaimed { return }
        let result = Result { try body() }
        if claim() { continuation.resume(with: result) }
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
        if claim() { continuation.resume(throwing: PageError.timeout(seconds: timeout)) }
      }
    }
  }
}

/// Whether a request has been answered: the first of the work and the timer to claim it does.
private final class Answered: Sendable {
  private let done = Mutex(false)

  /// True for the first caller only.
  func claim() -> Bool {
    done.withLock { done in
      if done { return false }
      done = true
      return true
    }
  }

  var isClaimed: Bool { done.withLock { $0 } }
}
