import ArgumentParser
import Foundation
import Registry

struct CollectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect",
    abstract: "Fetch follower counts from public APIs (Mastodon, Bluesky) into snapshots.",
    discussion: """
      Example: registry-cli collect --platform bluesky --region BE-VLG
      Each channel's snapshot is stored as soon as it arrives. Exit code 3 means some channels \
      failed (listed in the summary); the others were stored. For platforms without a public \
      API, see `registry-cli collect presets` and docs/collect.md. `registry-cli collect \
      websites` surveys each entity's accounts from its own website.
      """,
    subcommands: [
      CollectRunCommand.self, CollectWebsitesCommand.self, CollectPresetsCommand.self,
      CollectConvertCommand.self,
    ],
    defaultSubcommand: CollectRunCommand.self)
}
