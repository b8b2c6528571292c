import ArgumentParser
import Foundation
import Registry

struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract:
      "Record follower counts over time: add one snapshot, import a file of them, retract or "
      + "correct a wrong one.",
    subcommands: [
      SnapshotAddCommand.self, SnapshotImportCommand.self, SnapshotRetractCommand.self,
      SnapshotCorrectCommand.self,
    ])
}
