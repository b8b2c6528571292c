import Foundation

@testable import Registry

/// Paths to the shared test fixtures under Tests/Fixtures.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")
  static var miniSeed: String { root.appendingPathComponent("mini-seed").path }

  /// A fresh temporary directory, removed by the caller when done.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("registry-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// An in-memory registry loaded with the mini seed.
  static func miniRegistry() throws -> RegistryDatabase {
    let db = try RegistryDatabase(inMemory: ())
    try SeedLoader.load(into: db, from: miniSeed)
    return db
  }

  /// Copies the mini seed to a temporary directory, replacing one file's content.
  static func miniSeedCopy(replacing file: String, with content: String) throws -> URL {
    let dir = try temporaryDirectory()
    for name in try FileManager.default.contentsOfDirectory(atPath: miniSeed) {
      try FileManager.default.copyItem(
        atPath: miniSeed + "/" + name, toPath: dir.appendingPathComponent(name).path)
    }
    try content.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return dir
  }
}
