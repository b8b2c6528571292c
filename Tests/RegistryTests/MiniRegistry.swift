import Foundation
import TestSupport

@testable import Registry

extension Fixtures {
  /// An in-memory registry loaded with the mini seed.
  static func miniRegistry() throws -> RegistryDatabase {
    let db = try RegistryDatabase(inMemory: ())
    try SeedLoader.load(into: db, from: miniSeed)
    return db
  }

  /// Copies the mini seed to a temporary directory, replacing one file's content; the caller
  /// removes the directory.
  static func miniSeedCopy(replacing file: String, with content: String) throws -> URL {
    let dir = try TemporaryDirectory(prefix: "mini-seed").url
    for name in try FileManager.default.contentsOfDirectory(atPath: miniSeed) {
      try FileManager.default.copyItem(
        atPath: miniSeed + "/" + name, toPath: dir.appendingPathComponent(name).path)
    }
    try content.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return dir
  }
}
