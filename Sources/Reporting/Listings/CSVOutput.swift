import Foundation
import Vocabulary

/// A listing as CSV for people: `CSVWriter.people`, the reports' quoting and formula guard.
public enum CSVOutput {
  public static func render(columns: [String], rows: [[String?]]) -> String {
    let csv = CSVWriter.people
    var out: [UInt8] = []
    out.reserveCapacity(64 + rows.count * 320)
    csv.appendRow(columns, to: &out)
    for r in rows { csv.appendRow(r, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }
}
