import Dispatch
import Foundation
import Synchronization

/// Phase durations printed to stderr when the environment has `REGISTRY_TIMINGS=1`: one line per
/// `mark`, the time since the previous mark and since the first. Off, a mark costs one load.
public enum PhaseTimings {
  public static let enabled = ProcessInfo.processInfo.environment["REGISTRY_TIMINGS"] == "1"

  /// Nanoseconds of the first and of the latest mark.
  private static let marks = Mutex<(first: UInt64, last: UInt64)>((0, 0))

  /// Ends the phase named `phase` (the first mark only starts the clock).
  public static func mark(_ phase: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let (first, last) = marks.withLock { m in
      if m.first == 0 { m = (now, now) }
      defer { m.last = now }
      return m
    }
    let name = phase.padding(toLength: max(phase.count, 24), withPad: " ", startingAt: 0)
    let line = String(
      format: "timing %@ %7.1f ms (at %7.1f ms)%@\n", name, Double(now - last) / 1e6,
      Double(now - first) / 1e6, memory())
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Prints `text` as a line of its own (`timing note: ...`): a fact about the run, not a phase.
  public static func note(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("timing note: \(text)\n".utf8))
  }

  /// The process's resident memory and its peak so far (`VmRSS`, `VmHWM` of /proc/self/status,
  /// Linux), for seeing which phase makes the peak; empty where that file does not exist.
  private static func memory() -> String {
    // (Read to the end: the file's size is given as 0.)
    guard let file = FileHandle(forReadingAtPath: "/proc/self/status") else { return "" }
    defer { try? file.close() }
    let status = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
    var rss = ""
    var peak = ""
    for line in status.split(separator: "\n") {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard fields.count >= 2 else { continue }
      if fields[0] == "VmRSS:" { rss = String(fields[1]) }
      if fields[0] == "VmHWM:" { peak = String(fields[1]) }
    }
    return rss.isEmpty ? "" : "  rss \(rss) KiB, peak \(peak) KiB"
  }
}
