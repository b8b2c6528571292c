import ArgumentParser
import Foundation
import Registry

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create the database from the seed data set (data/seed/).",
    discussion: """
      The seed loads in one transaction into a new file that replaces nothing until it is \
      complete: a bad seed row stops with file:line: column: reason and leaves no database.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Seed directory (default: $REGISTRY_SEED_DIR or the data/seed of this build).")
  var seed: String?

  @Flag(help: "Rebuild the database from the seed even if it exists (its content is replaced).")
  var force = false

  func run() throws {
    let path = database.path
    let dir = seed ?? SeedLoader.defaultDirectory()
    if FileManager.default.fileExists(atPath: path) && !force {
      let registry = try RegistryDatabase(path: path)
      if try !registry.isEmpty() {
        Terminal.note("\(path) already holds a registry; nothing to do (use --force to rebuild it)")
        return
      }
      let counts = try SeedLoader.load(into: registry, from: dir)
      Terminal.note("loaded \(counts) into \(path)")
      return
    }
    let counts = try SeedLoader.createDatabase(at: path, from: dir, replace: force)
    Terminal.note("created \(path) from \(dir): \(counts)")
  }
}
