import ArgumentParser
import Registry

struct ChannelCloseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close", abstract: "Close a channel on a day (the row and its history stay).",
    discussion: "Example: registry-cli channel close x/zp5327 --on 2024-06-01 --source notice-1")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  @Option(help: "First day the channel no longer exists (YYYY-MM-DD).")
  var on: String

  func run() throws {
    let day = try parseDay(on, option: "--on")
    let context = try change.context()
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.closeChannel(key, on: day, context: context)
    Terminal.note("closed channel \(key) on \(day)")
  }
}
