import ArgumentParser
import Registry

struct ChannelRenameCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rename",
    abstract: "Record that a channel changed its handle on a date; the old handle is kept.",
    discussion: """
      Observations before DATE that use the old handle still resolve to this channel.
      Example: registry-cli channel rename x/zp5327 PolitieLeuven --on 2021-03-01
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Channel key, numeric id, handle or URL.")
  var channel: String

  @Argument(help: "The new handle (any pasted form).")
  var newHandle: String

  @Option(help: "The day the new handle took effect (YYYY-MM-DD).")
  var on: String

  @OptionGroup var change: ChangeOptions

  func validate() throws { _ = try parseDay(on, option: "--on") }

  func run() throws {
    let registry = try database.open()
    let day = try parseDay(on, option: "--on")
    let c = try registry.resolveChannel(channel)
    let renamed = try registry.renameChannel(
      c.id!, to: newHandle, on: day, context: try change.context())
    if let old = c.handle {
      print("renamed \(c.key): '\(old)' until \(day), '\(renamed.handleText)' from \(day) on")
    } else {
      print("\(c.key) had no handle: '\(renamed.handleText)' from \(day) on")
    }
  }
}
