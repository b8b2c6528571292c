import ArgumentParser
import Registry

/// `entity add|edit|close|merge`: curate the organisations that own channels.
struct EntityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entity",
    abstract: "Add, edit, close or merge entities; every change is logged with its source.",
    subcommands: [
      EntityAddCommand.self, EntityEditCommand.self, EntityCloseCommand.self,
      EntityMergeCommand.self,
    ])
}
