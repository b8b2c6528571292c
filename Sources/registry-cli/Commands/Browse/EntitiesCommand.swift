import ArgumentParser
import Registry
import Reporting

struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "List entities (police zones, federal units, safety bodies...) with channel counts.",
    discussion: "Example: registry-cli entities --region BE-BRU --without-channels")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filters: FilterOptions
  @OptionGroup var output: ListingOptions

  @Flag(help: "Only entities with at least one channel (on the filtered platforms).")
  var withChannels = false

  @Flag(help: "Only entities without any channel (on the filtered platforms).")
  var withoutChannels = false

  func validate() throws {
    if withChannels && withoutChannels {
      throw ValidationError("--with-channels and --without-channels exclude each other")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let presence: ChannelPresence = withChannels ? .with : withoutChannels ? .without : .any
    let listing = try Listings.entities(
      registry, try filters.filter(in: registry), presence: presence)
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
  }
}
