import ArgumentParser
import Registry

struct EntityEditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit", abstract: "Change an entity's fields, names or municipalities.",
    discussion: """
      Only the options given change; empty text clears a field (--code ""), an empty name \
      removes it (--name de=). Example: registry-cli entity edit be-pz-x --population 81234 \
      --source stat-2025
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @Argument(help: "Entity id.")
  var id: String
  @OptionGroup var fields: EntityFieldOptions

  @Option(name: .customLong("remove-municipality"), help: "NIS code to remove (repeatable).")
  var removeMunicipalities: [String] = []

  func run() throws {
    let context = try change.context()
    var input = fields.input(id: id)
    input.removedMunicipalities = removeMunicipalities
    try database.open().editEntity(input, context: context)
    Terminal.note("changed entity \(id)")
  }
}
