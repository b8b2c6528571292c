import Foundation

/// `registry-cli serve` running in the background on a port the system chose, for the web
/// tests: its base URL, and stopping it.
public final class WebServerProcess: @unchecked Sendable {
  public let process: CLIProcess
  /// `http://127.0.0.1:PORT`.
  public let baseURL: String

  /// Starts the server on `db` in `workspace` and waits (up to `timeout` seconds) for the log
  /// line that says where it listens.
  /// `asNobody`: run by the user `nobody` (through setpriv; the tests run as root), who may
  /// not write what root made.
  public init(
    _ workspace: CLIWorkspace, db: String, extra: [String] = [], asNobody: Bool = false,
    timeout: Double = 60
  ) throws {
    let args = ["serve", "--db", db, "--host", "127.0.0.1", "--port", "0"] + extra
    if asNobody {
      process = try CLIProcess(
        URL(fileURLWithPath: "/usr/bin/setpriv"),
        ["--reuid=65534", "--regid=65534", "--clear-groups", try RegistryCLI.binary.path] + args,
        environment: workspace.environment.merging(["HOME": "/"]) { _, new in new },
        in: workspace.dir, tag: "serve")
    } else {
      process = try workspace.start(args, tag: "serve")
    }
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
