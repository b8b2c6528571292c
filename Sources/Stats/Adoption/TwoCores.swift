import Dispatch

/// Work shared between two threads: the report's per-channel and per-entity passes are
/// independent from one element to the next, and the machine's second core is otherwise idle
/// once the snapshots are read. Each part writes only its own results; nothing is summed
/// across the parts, so the figures are those of one pass, to the last bit.
enum TwoCores {
  /// Below this many elements a pass stays on one thread: starting the second costs more.
  static let minimum = 4_096

  /// Calls `body` with the two halves of 0..<count at the same time, on two threads (one call
  /// with the whole range when `count` is below `minimum`).
  static func halves(_ count: Int, _ body: (Range<Int>) -> Void) {
    guard count >= minimum else {
      body(0..<count)
      return
    }
    let mid = count / 2
    withoutActuallyEscaping(body) { body in
      let shared = Unchecked(body)
      DispatchQueue.concurrentPerform(iterations: 2) { part in
        shared.value(part == 0 ? 0..<mid : mid..<count)
      }
    }
  }

  /// Runs `first` and `second` at the same time, on two threads, when the work is over `count`
  /// elements with `count` at least `minimum`; else one after the other on this thread.
  static func both(_ count: Int, _ first: () -> Void, _ second: () -> Void) {
    guard count >= minimum else {
      first()
      second()
      return
    }
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        let shared = Unchecked((first, second))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
          if part == 0 { shared.value.0() } else { shared.value.1() }
        }
      }
    }
  }

  /// A value handed to the other thread: the callers above make sure the two threads touch
  /// disjoint state.
  private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
  }
}
