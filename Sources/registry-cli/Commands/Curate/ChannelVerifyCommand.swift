import ArgumentParser
import Registry
import Vocabulary

struct ChannelVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Record that a person checked the account still belongs to its entity.",
    discussion: """
      Example: registry-cli channel verify x/zp5327 --on 2025-03-01 \
      --source-url https://www.police.be/5327
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Channel key, handle or URL.")
  var channel: String

  @Option(help: "Day of the check (YYYY-MM-DD; default today).")
  var on: String?

  func run() throws {
    let day = try on.map { try parseDay($0, option: "--on") } ?? Day.today()
    let context = try change.context()
    let registry = try database.open()
    let key = try registry.resolveChannel(channel).key
    try registry.verifyChannel(key, on: day, context: context)
    Terminal.note("verified channel \(key) on \(day)")
  }
}
