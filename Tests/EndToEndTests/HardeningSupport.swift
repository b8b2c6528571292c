import Foundation

/// Helpers of the hardening tests (crash safety, concurrency): sizes from the environment, and
/// a small deterministic random source for delays.
enum Hardening {
  /// A small deterministic random source for delays.
  struct Random {
    var state: UInt64
    mutating func unit() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
  }

  static func environmentInt(_ name: String, _ fallback: Int) -> Int {
    Int(ProcessInfo.processInfo.environment[name] ?? "") ?? fallback
  }
}
