import Foundation

/// A temporary directory with a database path in it, where a test runs `registry-cli`; a
/// missing database is created from `seed` on first use. `cleanUp()` removes it all.
public struct CLIWorkspace: Sendable {
  public let dir: URL
  /// The database file: every `run` passes `--db` with it unless told not to.
  public var db: String { dir.appendingPathComponent("registry.sqlite").path }
  /// What registry-cli runs with (`REGISTRY_SEED_DIR` is `seed`).
  public var environment: [String: String]

  public init(seed: String? = Fixtures.miniSeed, environment extra: [String: String] = [:]) throws {
    dir = try TemporaryDirectory(prefix: "registry-e2e").url
    var overrides = extra
    if let seed { overrides["REGISTRY_SEED_DIR"] = seed }
    environment = RegistryCLI.environment(overrides)
  }

  public func cleanUp() { try? FileManager.default.removeItem(at: dir) }

  /// Runs `registry-cli args...` in this directory, with `--db` pointing at this workspace's
  /// database unless `useDB` is false.
  @discardableResult
  public func run(
    _ args: [String], stdin: String? = nil, useDB: Bool = true,
    timeout: TimeInterval = RegistryCLI.defaultTimeout
  ) throws -> ProcessResult {
    try RegistryCLI.run(
      args + (useDB ? ["--db", db] : []), stdin: stdin, environment: environment, in: dir,
      timeout: timeout)
  }

  /// Starts `registry-cli args...` in the background (no `--db` added).
  public func start(_ args: [String], tag: String) throws -> CLIProcess {
    try RegistryCLI.start(args, environment: environment, in: dir, tag: tag)
  }
}
