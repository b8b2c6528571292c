import Foundation

/// Helpers of the hardening tests: the sqlite3 shell as an independent reader, and child
/// processes that run in the background with their output in files.
enum Hardening {
  /// Runs the sqlite3 shell on `db`; its stdout, trimmed.
  @discardableResult
  static func sqlite(_ db: String, _ sql: String, mode: String = "list") throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    // Like registry-cli, wait for locks (the shell does not by default).
    p.arguments = ["-cmd", ".timeout 30000", "-cmd", ".mode \(mode)", db, sql]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Every table's rows, in a stable order: what "nothing was written" compares.
  static func dump(_ db: String) throws -> String {
    try sqlite(db, ".dump")
  }

  /// `PRAGMA integrity_check` of `db`.
  static func integrity(_ db: String) throws -> String {
    try sqlite(db, "PRAGMA integrity_check")
  }

  /// A `registry-cli` child process with stdout and stderr going to files.
  final class Child: @unchecked Sendable {
    let process = Process()
    let out: URL
    let err: URL

    init(_ args: [String], environment: [String: String], dir: URL, tag: String) throws {
      out = dir.appendingPathComponent("\(tag).out")
      err = dir.appendingPathComponent("\(tag).err")
      _ = FileManager.default.createFile(atPath: out.path, contents: nil)
      _ = FileManager.default.createFile(atPath: err.path, contents: nil)
      process.executableURL = URL(fileURLWithPath: CLI.binary)
      process.arguments = args
      process.environment = environment
      process.currentDirectoryURL = dir
      process.standardOutput = try FileHandle(forWritingTo: out)
      process.standardError = try FileHandle(forWritingTo: err)
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }

    /// Waits for the end; (status, stdout, stderr).
    func wait() -> (status: Int32, stdout: String, stderr: String) {
      process.waitUntilExit()
      return (
        process.terminationStatus,
        (try? String(contentsOf: out, encoding: .utf8)) ?? "",
        (try? String(contentsOf: err, encoding: .utf8)) ?? ""
      )
    }

    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }
  }

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
