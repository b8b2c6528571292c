import Foundation
import Vocabulary

/// A listing as CSV for people: `CSVWriter.people`, the reports' quoting and formula guard.
public enum CSVOutput {
  public static func render(columns: [String], rows: [[String?]]) -> String {
    let csv = CSVWriter.people
    var out = csv.row(columns)
    for r in rows { out += csv.row(r.map { $0 ?? "" }) }
    return out
  }
}
