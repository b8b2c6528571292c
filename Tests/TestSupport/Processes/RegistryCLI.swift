import Foundation

/// The `registry-cli` built with the tests: where it is, and running it.
public enum RegistryCLI {
  /// How long one run may take before it is killed and reported.
  public static let defaultTimeout: TimeInterval = 300

  /// The executable of the build configuration being tested: `swift test` builds it into the
  /// same directory as the test bundle (`.build/<triple>/<configuration>/`).
  public static var binary: URL {
    get throws { try located.get() }
  }

  private static let located: Result<URL, SubprocessError> = {
    let fm = FileManager.default
    var directories: [URL] = []
    // macOS: the test bundle is a `.xctest` directory loaded by a runner.
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    // Linux: the test bundle is the running executable itself.
    if let executable = Bundle.main.executableURL {
      directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    directories.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent())
    var seen = Set<String>()
    directories = directories.filter { seen.insert($0.path).inserted }
    for directory in directories {
      let candidate = directory.appendingPathComponent("registry-cli")
      if fm.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
    }
    return .failure(
      SubprocessError(
        "registry-cli is not next to the test bundle (looked in "
          + directories.map(\.path).joined(separator: ", ")
          + "); build it with the tests, e.g. `swift build --build-tests` then "
          + "`swift test --skip-build`, or plain `swift test`"))
  }()

  /// The environment registry-cli runs with: this process's, without the variables that would
  /// point it at a developer's own database or seed, with `overrides` added.
  public static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "REGISTRY_DB")
    env.removeValue(forKey: "REGISTRY_SEED_DIR")
    env.merge(overrides) { _, new in new }
    return env
  }

  /// Runs `registry-cli arguments...` and waits for it.
  @discardableResult
  public static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
    in directory: URL? = nil, timeout: TimeInterval = defaultTimeout
  ) throws -> ProcessResult {
    try Subprocess.run(
      try binary, arguments, stdin: stdin.map { Data($0.utf8) },
      environment: environment ?? Self.environment(), currentDirectory: directory,
      timeout: timeout)
  }

  /// Starts `registry-cli arguments...` in the background, its stdout and stderr going to
  /// `<tag>.out` and `<tag>.err` in `directory`.
  public static func start(
    _ arguments: [String], environment: [String: String]? = nil, in directory: URL, tag: String
  ) throws -> CLIProcess {
    try CLIProcess(
      try binary, arguments, environment: environment ?? Self.environment(), in: directory,
      tag: tag)
  }
}

/// A `registry-cli` running in the background (to be killed, or run alongside others).
public final class CLIProcess: @unchecked Sendable {
  private let process = Process()
  private let out: URL
  private let err: URL

  init(
    _ binary: URL, _ arguments: [String], environment: [String: String], in directory: URL,
    tag: String
  ) throws {
    out = directory.appendingPathComponent("\(tag).out")
    err = directory.appendingPathComponent("\(tag).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = directory
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// Waits for the end.
  public func wait() -> ProcessResult {
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus,
      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// Sends SIGKILL: no clean-up, no last write.
  public func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

  /// Sends SIGTERM: the process ends as it does when asked to stop.
  public func terminate() { _ = Foundation.kill(process.processIdentifier, SIGTERM) }

  /// Whether it still runs.
  public var isRunning: Bool { process.isRunning }

  /// What it wrote to stderr so far.
  public var stderrSoFar: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
}
