import ArgumentParser
import Foundation
import Registry
import Reporting

/// The plan or result of an import as readable lines: `add`, `change` with `field: old -> new`.
enum ImportPlanText {
  static func render(_ outcomes: [ImportOutcome]) -> String {
    var out = ""
    for o in outcomes {
      let verb = o.outcome == "added" ? "add" : o.outcome == "changed" ? "change" : "unchanged"
      out += "\(verb) \(o.table) \(TextTable.clean(o.key))\n"
      guard o.outcome == "changed" else { continue }
      for c in o.changes {
        out +=
          "  \(c.field): \(TextTable.clean(c.old ?? "(empty)")) -> "
          + "\(TextTable.clean(c.new ?? "(empty)"))\n"
      }
    }
    return out
  }
}
