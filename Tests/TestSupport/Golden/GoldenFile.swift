import Foundation
import Testing

/// Compares a renderer's output with its committed golden file under Tests/Fixtures/golden.
///
/// After an intended change, `UPDATE_GOLDEN=1 swift test --filter Golden` rewrites the files
/// that differ; each rewrite is reported as a warning naming the file and its first changed
/// line, and `git diff Tests/Fixtures/golden` shows the whole change for review.
public enum GoldenFile {
  /// Whether this run rewrites golden files instead of checking them.
  public static var isUpdating: Bool {
    ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
  }

  /// How to rewrite the golden files, for messages.
  public static let updateCommand = "UPDATE_GOLDEN=1 swift test --filter Golden"

  /// Records an issue unless `actual` is byte for byte the content of golden file `name`; in
  /// update mode, rewrites the file instead and reports that as a warning.
  public static func check(
    _ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = URL(fileURLWithPath: Fixtures.golden).appendingPathComponent(name)
    let shown = "Tests/Fixtures/golden/\(name)"
    let expected = try? Data(contentsOf: url)
    guard let problem = mismatch(actual, expected: expected, shown: shown) else { return }
    guard isUpdating else {
      Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
      return
    }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url, options: .atomic)
    } catch {
      Issue.record("cannot write \(shown): \(error)", sourceLocation: sourceLocation)
      return
    }
    let what =
      expected.flatMap {
        FirstDifference(expected: String(decoding: $0, as: UTF8.self), actual: actual)
      }.map { ": \($0.summary)" } ?? (expected == nil ? " (new file)" : "")
    Issue.record("rewrote \(shown)\(what)", severity: .warning, sourceLocation: sourceLocation)
  }

  /// What is wrong with `actual` against the golden file `shown` holding `expected` (nil: no
  /// such file); nil when they are the same bytes.
  public static func mismatch(_ actual: String, expected: Data?, shown: String) -> String? {
    guard let expected else { return "no golden file \(shown); create it with \(updateCommand)" }
    if expected == Data(actual.utf8) { return nil }
    let detail =
      FirstDifference(expected: String(decoding: expected, as: UTF8.self), actual: actual)
      .map { "\($0.summary)\n\($0.detail)" }
      ?? "the bytes differ (\(expected.count) expected, \(actual.utf8.count) produced)"
    return """
      \(shown) differs from the output: \(detail)
      If the change is intended: \(updateCommand), then review git diff Tests/Fixtures/golden.
      """
  }
}
