import ArgumentParser
import Registry
import Vocabulary

struct ChannelAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add a channel to an entity.",
    discussion: """
      The handle may be pasted in any form (@ZP5327, https://twitter.com/zp5327, a page URL). \
      Without --opened-on or --first-seen-on, the channel counts as first seen today. Example: \
      registry-cli channel add @PolBruxCap --platform x --entity be-pz-bruxelles-capitale-ixelles \
      --language fr --language nl --purpose traffic --source-url https://x.com/PolBruxCap
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Handle or URL, in any pasted form.")
  var handle: String

  @Option(help: "Entity that owns the channel.")
  var entity: String

  @Option(help: "Platform (\(Platform.namesList)); needed for a bare handle that is not on X.")
  var platform: String?

  @Option(help: "Stable channel key (default: platform/handle).")
  var key: String?

  @OptionGroup var fields: ChannelFieldOptions

  func run() throws {
    let context = try change.context()
    var v = fields.values
    v["handle"] = handle
    v["entity_id"] = entity
    v["platform"] = try channelPlatform(platform)?.rawValue
    v["key"] = key
    let added = try database.open().addChannel(v, context: context)
    Terminal.note("added channel \(added)")
    print(added)
  }
}
