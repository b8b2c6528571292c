import ArgumentParser
import Registry

struct ChannelReopenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reopen", abstract: "Reopen a closed channel (clears its closing day).")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  func run() throws {
    let context = try change.context()
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.reopenChannel(key, context: context)
    Terminal.note("reopened channel \(key)")
  }
}
