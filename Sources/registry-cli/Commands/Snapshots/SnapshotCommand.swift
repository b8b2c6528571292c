import ArgumentParser
import Foundation
import Registry

struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Record follower counts over time: add one snapshot, or import a file of them.",
    subcommands: [SnapshotAddCommand.self, SnapshotImportCommand.self])
}
