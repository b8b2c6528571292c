import Foundation

/// Runs the built `registry-cli` as a child process, for end-to-end tests.
struct CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
  static var miniSeed: String { fixtures.appendingPathComponent("mini-seed").path }

  /// The binary next to the test bundle (same build), else .build/debug.
  static let binary: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("registry-cli").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/registry-cli").path
  }()

  /// A temporary working directory with a database path in it; removed by `cleanUp()`.
  let dir: URL
  var db: String { dir.appendingPathComponent("registry.sqlite").path }
  var environment: [String: String]

  init(seed: String? = CLI.miniSeed) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registry-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "REGISTRY_DB")
    if let seed {
      env["REGISTRY_SEED_DIR"] = seed
    } else {
      env.removeValue(forKey: "REGISTRY_SEED_DIR")
    }
    environment = env
  }

  func cleanUp() { try? FileManager.default.removeItem(at: dir) }

  /// Runs `registry-cli args...` with `--db` pointing at this test's database unless `useDB` is false.
  @discardableResult
  func run(_ args: [String], stdin: String? = nil, useDB: Bool = true) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    p.arguments = args + (useDB ? ["--db", db] : [])
    p.currentDirectoryURL = dir
    p.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a large output cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Parses stdout as JSON.
  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }
}
