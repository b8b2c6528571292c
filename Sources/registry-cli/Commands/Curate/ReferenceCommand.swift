import ArgumentParser

/// `reference list|add|show`: published figures trainers compare against.
struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "List, add or show reference figures (published benchmarks with date and source).",
    subcommands: [ReferenceListCommand.self, ReferenceAddCommand.self, ReferenceShowCommand.self])
}
