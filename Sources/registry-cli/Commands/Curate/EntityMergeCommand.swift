import ArgumentParser
import Registry

extension MergeChannelPolicy: ExpressibleByArgument {}

struct EntityMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Merge entities (zones) into a new or existing one on a date.",
    discussion: """
      Closes each old entity (valid_to = DATE), creates or opens the new one (valid_from = DATE; \
      population = the sum unless given; municipalities = the union), records the lineage, and \
      moves or closes the old entities' open channels. Example: registry-cli entity merge \
      be-pz-a be-pz-b --into be-pz-ab --on 2025-01-01 --name nl="Zone AB" --channels move \
      --source decree-2024
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions

  @Argument(help: "Ids of the entities that merge.")
  var ids: [String]

  @Option(help: "Id of the entity they become.")
  var into: String

  @Option(help: "The merger day (YYYY-MM-DD): first day of the new entity, end of the old ones.")
  var on: String

  @Option(help: "What happens to the old entities' open channels: move or close.")
  var channels: MergeChannelPolicy?

  @OptionGroup var fields: EntityFieldOptions

  func validate() throws {
    if ids.isEmpty { throw ValidationError("name the entities to merge") }
    if fields.validFrom != nil || fields.validTo != nil {
      throw ValidationError("a merge sets the dates itself: use --on, not --valid-from/--valid-to")
    }
  }

  func run() throws {
    let day = try parseDay(on, option: "--on")
    let context = try change.context()
    let r = try database.open().mergeEntities(
      ids, into: fields.input(id: into), on: day, channels: channels, context: context)
    Terminal.note(
      "merged \(ids.joined(separator: ", ")) into \(into) on \(day)"
        + (r.created ? " (new entity)" : "")
        + ", population \(r.population.map(String.init) ?? "unknown")"
        + (r.movedChannels.isEmpty ? "" : ", moved \(r.movedChannels.joined(separator: ", "))")
        + (r.closedChannels.isEmpty ? "" : ", closed \(r.closedChannels.joined(separator: ", "))"))
  }
}
