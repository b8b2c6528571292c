import ArgumentParser
import Foundation
import Registry
import Stats

/// `reference list|add|show`: published figures trainers compare against.
struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "List, add or show reference figures (published benchmarks with date and source).",
    subcommands: [ReferenceListCommand.self, ReferenceAddCommand.self, ReferenceShowCommand.self])

  static let columns = [
    "id", "label", "metric", "value", "denominator", "unit", "country", "region", "entity_kind",
    "platform", "entity_id", "as_of", "as_of_precision", "source", "source_title", "source_url",
    "note",
  ]

  static func cells(_ r: ReferenceListing) -> [String: String?] {
    let f = r.figure
    return [
      "id": f.id, "label": f.label, "metric": f.metric,
      "value": JSONValue.number(f.value).compact(),
      "denominator": f.denominator.map { JSONValue.number($0).compact() }, "unit": f.unit,
      "country": f.country, "region": f.region, "entity_kind": f.entityKind, "platform": f.platform,
      "entity_id": f.entityId, "as_of": f.asOf, "as_of_precision": f.asOfPrecision,
      "source": r.sourceKey, "source_title": r.sourceTitle, "source_url": r.sourceURL,
      "note": f.note,
    ]
  }

  static func listing(_ rows: [ReferenceListing]) -> Listing<ReferenceRowOutput> {
    Listing(
      columns: columns, rows: rows.map(ReferenceRowOutput.init), cells: { cells($0.listing) },
      tableColumns: [
        "id", "metric", "value", "denominator", "unit", "platform", "region", "as_of",
        "as_of_precision", "source",
      ])
  }
}
