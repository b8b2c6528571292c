import ArgumentParser
import Registry

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
    let registry = try database.open()
    let presence: ChannelPresence = withChannels ? .with : withoutChannels ? .without : .any
    let rows = try registry.entities(try filters.filter(in: registry), presence: presence)
    let listing = Listing(
      columns: EntityRow.columns, rows: rows, cells: { $0.values },
      tableColumns: ["id", "code", "name", "kind", "region", "population", "channels", "platforms"])
    print(try listing.render(output), terminator: "")
  }
}
