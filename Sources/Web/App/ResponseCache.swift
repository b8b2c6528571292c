import Synchronization

/// The replies sent lately, by address, for as long as the database is unchanged: a page or an
/// API answer is a function of its address, the database and the day, so the same request is
/// answered again without reading the registry. Bounded in bytes; the least recently used go.
final class ResponseCache: Sendable {
  private struct Entry {
    var stamp: String
    var reply: Reply
    var used: UInt64
  }

  private struct State {
    var entries: [String: Entry] = [:]
    var bytes = 0
    var clock: UInt64 = 0
  }

  private let state = Mutex(State())
  /// Body bytes kept in all, and the largest body kept.
  let capacity: Int
  let largest: Int

  init(capacity: Int = 16 << 20, largest: Int = 4 << 20) {
    self.capacity = capacity
    self.largest = largest
  }

  func reply(for key: String, stamp: String) -> Reply? {
    state.withLock { s in
      guard var entry = s.entries[key], entry.stamp == stamp else { return nil }
      s.clock += 1
      entry.used = s.clock
      s.entries[key] = entry
      return entry.reply
    }
  }

  func keep(_ reply: Reply, for key: String, stamp: String) {
    let size = reply.body.readableBytes
    guard size <= largest else { return }
    state.withLock { s in
      // Replies built on an older state of the database go first.
      for (k, e) in s.entries where e.stamp != stamp {
        s.bytes -= e.reply.body.readableBytes
        s.entries.removeValue(forKey: k)
      }
      if let old = s.entries[key] { s.bytes -= old.reply.body.readableBytes }
      s.clock += 1
      s.entries[key] = Entry(stamp: stamp, reply: reply, used: s.clock)
      s.bytes += size
      while s.bytes > capacity, let oldest = s.entries.min(by: { $0.value.used < $1.value.used }) {
        s.bytes -= oldest.value.reply.body.readableBytes
        s.entries.removeValue(forKey: oldest.key)
      }
    }
  }
}
