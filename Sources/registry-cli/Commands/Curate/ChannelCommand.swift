import ArgumentParser
import Registry

/// `channel ...`: curate channels. Each subcommand lives in its own file.
struct ChannelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "channel",
    abstract:
      "Add, edit, close, reopen, move, verify, rename or merge channels; every change is logged.",
    subcommands: [
      ChannelAddCommand.self, ChannelEditCommand.self, ChannelCloseCommand.self,
      ChannelReopenCommand.self, ChannelMoveCommand.self, ChannelVerifyCommand.self,
      ChannelRenameCommand.self, ChannelMergeCommand.self,
    ])
}
