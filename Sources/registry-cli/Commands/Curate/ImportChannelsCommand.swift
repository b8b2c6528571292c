import ArgumentParser
import Foundation
import Registry

struct ImportChannelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "channels", abstract: "Add or update channels (by key, else platform and handle).",
    discussion: """
      Columns: those of data/seed/channels.csv (key, entity_id, platform, handle, url, \
      platform_id, languages, purposes, status, opened_on, first_seen_on, closed_on, \
      emergency_disclaimer, disclaimer_seen_on, confidence, confidence_note, source, note) \
      plus verified_on. See docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.channels, database: database, change: change) }
}
