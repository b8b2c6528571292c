import ArgumentParser
import Registry
import Vocabulary

struct ChannelMoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "move", abstract: "Give a channel to another entity from a day on.",
    discussion: """
      The channel stays its earlier owner's before the day of the move (reports as of an \
      earlier date count it there) and is the new owner's from that day on; `show` lists the \
      ownership periods. Without --on, the move is dated today (UTC). Example: registry-cli \
      channel move x/zp5327 --to be-pz-new --on 2025-01-01 --source decree-2024
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  @Option(help: "Id of the entity that owns it from --on.")
  var to: String

  @Option(help: "First day the new entity owns it (YYYY-MM-DD; default: today, UTC).")
  var on: String?

  func validate() throws {
    if let on { _ = try parseDay(on, option: "--on") }
  }

  func run() throws {
    let context = try change.context()
    let day = try on.map { try parseDay($0, option: "--on") } ?? context.day
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.moveChannel(key, to: to, on: day, context: context)
    Terminal.note(
      "moved channel \(key) to \(to) on \(day)"
        + (on == nil ? " (today; give --on DAY for the day it changed hands)" : ""))
  }
}
