import ArgumentParser
import Registry
import Vocabulary

/// The entity columns a curator may give on the command line.
struct EntityFieldOptions: ParsableArguments {
  @Option(help: "Kind: \(EntityKind.namesList).")
  var kind: String?

  @Option(help: "Official code (4 digits for a Belgian zone); empty text clears it.")
  var code: String?

  @Option(help: "Country, ISO 3166-1 alpha-2 (e.g. BE).")
  var country: String?

  @Option(help: "Region, ISO 3166-2 (e.g. BE-WAL); empty text clears it.")
  var region: String?

  @Option(name: .customLong("language"), help: "Official language (BCP 47); repeat for several.")
  var languages: [String] = []

  @Option(help: "Population served; empty text clears it.")
  var population: String?

  @Option(help: "Year of the population figure.")
  var populationYear: String?

  @Option(
    name: .customLong("name"), help: "Name in a language, e.g. --name fr=Zone Ouest (repeatable).")
  var names: [String] = []

  @Option(
    name: .customLong("municipality"),
    help: "Member municipality as NIS[=name], e.g. 21004=Bruxelles (repeatable).")
  var municipalities: [String] = []

  @Option(help: "Parent entity id; empty text clears it.")
  var parent: String?

  @Option(help: "First day of existence (YYYY-MM-DD).")
  var validFrom: String?

  @Option(help: "Day the entity ceased (YYYY-MM-DD, exclusive).")
  var validTo: String?

  @Option(help: "Free note.")
  var note: String?

  func validate() throws {
    for n in names where splitAssignment(n).value == nil {
      throw ValidationError("--name takes LANG=NAME, e.g. --name fr=Zone Ouest (got '\(n)')")
    }
    if let kind, !kind.isEmpty, EntityKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; use one of: \(EntityKind.namesList)")
    }
  }

  /// The input for `id`, with only the given options set.
  func input(id: String) -> EntityInput {
    var v = ColumnValues()
    v["kind"] = kind
    v["code"] = code
    v["country"] = country
    v["region"] = region
    if !languages.isEmpty { v["languages"] = languages.joined(separator: ";") }
    v["population"] = population
    v["population_year"] = populationYear
    v["parent_id"] = parent
    v["valid_from"] = validFrom
    v["valid_to"] = validTo
    v["note"] = note
    var input = EntityInput(id: id, values: v)
    for n in names {
      let (lang, name) = splitAssignment(n)
      input.names[lang] = name ?? ""
    }
    for m in municipalities {
      let (nis, name) = splitAssignment(m)
      input.municipalities[nis] = .some(name.flatMap { $0.isEmpty ? nil : $0 })
    }
    return input
  }
}
