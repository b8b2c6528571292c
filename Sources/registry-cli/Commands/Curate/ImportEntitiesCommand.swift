import ArgumentParser
import Foundation
import Registry

struct ImportEntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities", abstract: "Add or update entities (by id).",
    discussion: """
      Columns: those of data/seed/entities.csv (id, kind, code, code_source, country, region, \
      languages, population, population_year, parent_id, valid_from, valid_to, source, note) \
      plus name_fr, name_nl, name_de, name_en. A column left out is left as it is; an empty \
      cell clears the field. See docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.entities, database: database, change: change) }
}
