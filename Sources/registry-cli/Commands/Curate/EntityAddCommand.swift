import ArgumentParser
import Registry

struct EntityAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add an entity.",
    discussion: """
      Example: registry-cli entity add be-pz-new --kind local_police --country BE \
      --region BE-WAL --language fr --name fr="Zone Nouvelle" --municipality 52011=Charleroi \
      --valid-from 2025-01-01 --source-url https://example.org/decision
      Without --valid-from the entity exists from the day of the change (today, UTC), so reports \
      as of earlier days are unchanged; --valid-from '' records that it always existed.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @Argument(help: "The new entity's id (lowercase letters, digits and '-').")
  var id: String
  @OptionGroup var fields: EntityFieldOptions

  func run() throws {
    let context = try change.context()
    let e = try database.open().addEntity(fields.input(id: id), context: context)
    switch (fields.validFrom, e.validFrom) {
    case (nil, let from?):
      Terminal.note(
        "added entity \(e.id), existing from \(from) (the day of this change: reports as of "
          + "earlier days leave it out); give --valid-from DAY for the day it began, or "
          + "--valid-from '' if it always existed")
    case (_, let from?): Terminal.note("added entity \(e.id), existing from \(from)")
    case (_, nil): Terminal.note("added entity \(e.id), existing from the start of every series")
    }
  }
}
