import ArgumentParser
import Foundation
import Registry

/// `import entities|channels|surveys FILE`: upsert many rows at once, all or nothing.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Add or update entities or channels, or record surveys, from a CSV, JSON or NDJSON file.",
    subcommands: [
      ImportEntitiesCommand.self, ImportChannelsCommand.self, ImportSurveysCommand.self,
    ])
}
