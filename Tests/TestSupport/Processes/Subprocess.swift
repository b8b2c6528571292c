import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a finished child process printed and how it ended.
public struct ProcessResult: Sendable {
  /// The exit status (or the signal number, for a child killed by a signal).
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// A child process that could not be run, or did not finish in time.
public struct SubprocessError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Runs programs as child processes: registry-cli, and the independent tools tests check it with
/// (sqlite3, python3).
public enum Subprocess {
  /// Runs `executable` with `arguments` and waits for it: `stdin` is written to its standard
  /// input (then closed), stdout and stderr are read as they come (a full pipe cannot block
  /// the child). A child still running after `timeout` seconds is killed and reported as an
  /// error, with what it printed so far.
  public static func run(
    _ executable: URL, _ arguments: [String], stdin: Data? = nil,
    environment: [String: String]? = nil, currentDirectory: URL? = nil,
    timeout: TimeInterval = 300
  ) throws -> ProcessResult {
    _ = ignoreSIGPIPE
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    do {
      try process.run()
    } catch {
      throw SubprocessError("cannot run \(executable.path): \(error)")
    }

    let out = Collected()
    let err = Collected()
    let readers = DispatchGroup()
    DispatchQueue.global().async(group: readers) {
      out.data = output.fileHandleForReading.readDataToEndOfFile()
    }
    DispatchQueue.global().async(group: readers) {
      err.data = errors.fileHandleForReading.readDataToEndOfFile()
    }
    // Written from its own thread, so a child that prints before it reads cannot deadlock us.
    let writer = input.fileHandleForWriting
    DispatchQueue.global().async {
      if let stdin { try? writer.write(contentsOf: stdin) }
      try? writer.close()
    }

    var timedOut = false
    if exited.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
      exited.wait()
    }
    process.waitUntilExit()
    readers.wait()
    let result = ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: out.data, as: UTF8.self),
      stderr: String(decoding: err.data, as: UTF8.self))
    if timedOut {
      let command = ([executable.lastPathComponent] + arguments).joined(separator: " ")
      throw SubprocessError(
        "\(command) did not finish in \(timeout) s and was killed; stderr so far: "
          + String(result.stderr.suffix(2000)))
    }
    return result
  }

  /// Runs a program found on the PATH (`/usr/bin/env NAME ...`).
  public static func run(
    tool name: String, _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 300
  ) throws -> ProcessResult {
    try run(
      URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, stdin: stdin, timeout: timeout)
  }

  /// Writing to a child that has exited must fail with EPIPE, not kill the test process.
  private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// One pipe's bytes: written by its reader thread, read after `DispatchGroup.wait()`.
private final class Collected: @unchecked Sendable {
  var data = Data()
}
