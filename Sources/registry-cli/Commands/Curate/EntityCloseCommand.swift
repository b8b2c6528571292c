import ArgumentParser
import Registry

struct EntityCloseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close", abstract: "End an entity's lifespan (the row and its history stay).",
    discussion: "Example: registry-cli entity close be-pz-old --on 2025-01-01 --source decree-2024")

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @Argument(help: "Entity id.")
  var id: String
  @Option(help: "The day it ceased (YYYY-MM-DD, exclusive: it does not exist on that day).")
  var on: String

  func run() throws {
    let day = try parseDay(on, option: "--on")
    let context = try change.context()
    try database.open().closeEntity(id, on: day, context: context)
    Terminal.note("closed entity \(id) on \(day)")
  }
}
