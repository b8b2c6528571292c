import ArgumentParser
import Foundation
import Registry
import Reporting
import Stats
import Vocabulary

struct ReferenceListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List reference figures; a filter keeps figures whose scope is unset or equal.")

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Country, ISO 3166-1 alpha-2.") var country: String?
  @Option(help: "Platform.") var platform: String?
  @Option(help: "Entity kind: \(EntityKind.namesList).") var kind: String?
  @OptionGroup var listing: ListingOptions

  func validate() throws {
    if let platform, Platform(userText: platform) == nil {
      throw ValidationError("unknown platform '\(platform)'; use one of: \(Platform.namesList)")
    }
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; use one of: \(EntityKind.namesList)")
    }
  }

  func run() throws {
    let rows = try database.openForReading().referenceFigures(
      ReferenceFilter(
        country: country, platform: platform.flatMap { Platform(userText: $0)?.rawValue },
        kind: kind))
    print(try asUsageError { try Listings.references(rows).render(listing.shape) }, terminator: "")
  }
}
