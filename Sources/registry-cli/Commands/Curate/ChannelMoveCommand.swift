import ArgumentParser
import Registry

struct ChannelMoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "move", abstract: "Give a channel to another entity.",
    discussion: "Example: registry-cli channel move x/zp5327 --to be-pz-new --source decree-2024")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  @Option(help: "Id of the entity that now owns it.")
  var to: String

  func run() throws {
    let context = try change.context()
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.moveChannel(key, to: to, context: context)
    Terminal.note("moved channel \(key) to \(to)")
  }
}
