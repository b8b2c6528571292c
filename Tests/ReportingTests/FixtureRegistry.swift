import Foundation
import Registry
import TestSupport

/// A registry database file built from a fixture seed the way `registry-cli init --seed` builds
/// it, opened the way the command line opens it; the file is removed after `body`.
func withFixtureRegistry<T>(seed: String, _ body: (RegistryDatabase) throws -> T) throws -> T {
  let dir = try TemporaryDirectory(prefix: "golden")
  defer { dir.remove() }
  let path = dir.path("registry.sqlite")
  _ = try SeedLoader.createDatabase(at: path, from: seed)
  return try body(try RegistryDatabase(path: path))
}
