import Foundation

/// `registry-cli serve` running in the background on a port the system chose, for the web
/// tests: its base URL, and stopping it.
public final class WebServerProcess: @unchecked Sendable {
  public let process: CLIProcess
  /// `http://127.0.0.1:PORT`.
  public let baseURL: String

  /// Starts the server on `db` in `workspace` and waits (up to `timeout` seconds) for the log
  /// line that says where it listens.
  public init(_ workspace: CLIWorkspace, db: String, extra: [String] = [], timeout: Double = 60)
    throws
  {
    process = try workspace.start(
      ["serve", "--db", db, "--host", "127.0.0.1", "--port", "0"] + extra, tag: "serve")
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let log = process.stderrSoFar
      if let range = log.range(of: "on http://127.0.0.1:") {
        let port = log[range.upperBound...].prefix { $0.isNumber }
        if !port.isEmpty {
          baseURL = "http://127.0.0.1:\(port)"
          return
        }
      }
      if !process.isRunning || Date() > deadline {
        process.kill()
        throw SubprocessError("the server did not start: \(log)")
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Stops it with SIGTERM and returns what it printed.
  @discardableResult
  public func stop() -> ProcessResult {
    process.terminate()
    return process.wait()
  }
}
