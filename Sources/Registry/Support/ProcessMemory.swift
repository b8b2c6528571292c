import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide memory settings, made once when a program starts.
public enum ProcessMemory {
  /// Reports allocate and free arrays of several MiB. glibc maps each one and unmaps it on free,
  /// so every new one starts on fresh pages, a page fault per 4 KiB; served from the heap (up to
  /// 32 MiB), freed memory is reused (docs/performance-history.md, "malloc threshold").
  /// `mallopt` is looked up at run time: malloc.h is not in
  /// the Glibc module, and other C libraries lack it (nothing happens then).
  public static func reuseFreedMemory() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in glibc's malloc.h
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else {
        return
      }
      _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 32 << 20)
    #endif
  }

  /// A server's threads each get a malloc arena of their own by default (up to 8 per core), and
  /// each arena keeps what it freed: `count` arenas shared by all threads keep the resident
  /// memory of a long-running server near what one request needs.
  public static func limitArenas(_ count: Int32) {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let arenaMax: Int32 = -8  // M_ARENA_MAX in glibc's malloc.h
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else {
        return
      }
      _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, count)
    #endif
  }

  /// Hands the heap's free pages back to the system (glibc's `malloc_trim`): a server calls it
  /// after a large piece of work (an adoption report reads every snapshot in scope), so that its
  /// resident memory falls back to what it keeps, not what that work needed once.
  public static func returnFreedMemory() {
    #if canImport(Glibc)
      typealias MallocTrim = @convention(c) (Int) -> Int32
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else {
        return
      }
      _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    #endif
  }
}
