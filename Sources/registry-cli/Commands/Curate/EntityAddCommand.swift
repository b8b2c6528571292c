import ArgumentParser
import Registry

struct EntityAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add an entity.",
    discussion: """
      Example: registry-cli entity add be-pz-new --kind local_police --country BE \
      --region BE-WAL --language fr --name fr="Zone Nouvelle" --municipality 52011=Charleroi \
      --source-url https://example.org/decision
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @Argument(help: "The new entity's id (lowercase letters, digits and '-').")
  var id: String
  @OptionGroup var fields: EntityFieldOptions

  func run() throws {
    let context = try change.context()
    try database.open().addEntity(fields.input(id: id), context: context)
    Terminal.note("added entity \(id)")
  }
}
