import Foundation
import Registry
import Stats

/// RFC 4180 CSV with text cells that a spreadsheet would run as formulas neutralised.
public enum CSVOutput {
  public static func render(columns: [String], rows: [[String?]]) -> String {
    var out = columns.map(field).joined(separator: ",") + "\r\n"
    for r in rows { out += r.map { field($0 ?? "") }.joined(separator: ",") + "\r\n" }
    return out
  }

  /// The report's guard and quoting (Stats), so listings and reports neutralise alike.
  public static func field(_ raw: String) -> String { ReportCSV.field(raw) }
}
