import ArgumentParser
import Registry
import Vocabulary

struct ChannelEditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit", abstract: "Change a channel's fields (not its handle: see rename).",
    discussion: """
      Only the options given change; empty text clears a field (--url ""). Example: \
      registry-cli channel edit x/zp5327 --confidence low --confidence-note "no link from the \
      zone's website" --source-url https://example.org/zone
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  @OptionGroup var fields: ChannelFieldOptions

  @Option(help: "Day the channel was closed (YYYY-MM-DD, exclusive); prefer `channel close`.")
  var closedOn: String?

  func run() throws {
    let context = try change.context()
    var v = fields.values
    v["closed_on"] = closedOn
    guard !v.text.isEmpty else { throw ValidationError("give at least one field to change") }
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.editChannel(key, v, context: context)
    Terminal.note("changed channel \(key)")
  }
}
