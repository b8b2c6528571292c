import Foundation
import Registry
import Stats

/// Prints rows as a table, CSV, JSON or NDJSON with stable column names.
struct Listing<Row: Encodable> {
  let columns: [String]
  let rows: [Row]
  let cells: (Row) -> [String: String?]
  /// The columns a terminal table shows (all of them go to CSV and JSON).
  var tableColumns: [String]? = nil

  func render(_ options: ListingOptions) throws -> String {
    var rows = self.rows
    if let sort = options.sort {
      let desc = sort.hasPrefix("-") || options.desc
      let key = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
      guard columns.contains(key) else {
        throw RegistryError.invalid(
          "--sort: unknown column '\(key)'; columns are: \(columns.joined(separator: ", "))")
      }
      rows = rows.enumerated().sorted { a, b in
        let x = cells(a.element)[key] ?? nil
        let y = cells(b.element)[key] ?? nil
        // Missing values go last in either direction.
        if (x == nil) != (y == nil) { return y == nil }
        let order = Self.compare(x, y)
        if order == 0 { return a.offset < b.offset }
        return desc ? order > 0 : order < 0
      }.map(\.element)
    }
    if let limit = options.limit { rows = Array(rows.prefix(limit)) }
    switch options.format {
    case .table:
      let shown = tableColumns ?? columns
      return TextTable.render(
        columns: shown,
        rows: rows.map { r in
          let c = cells(r)
          return shown.map { (c[$0] ?? nil) ?? "" }
        })
    case .csv:
      return CSVOutput.render(
        columns: columns,
        rows: rows.map { r in
          let c = cells(r)
          return columns.map { c[$0] ?? nil }
        })
    case .json:
      return try "[\n"
        + rows.map { "  " + (try jsonObject($0, pretty: true)) }
        .joined(separator: ",\n") + (rows.isEmpty ? "]\n" : "\n]\n")
    case .ndjson:
      return try rows.map { try jsonObject($0, pretty: false) + "\n" }.joined()
    }
  }

  /// One row as a JSON object with every column present (a missing value is `null`, not absent).
  func jsonObject(_ row: Row, pretty: Bool) throws -> String {
    let data = try JSONOutput.encoder(pretty: false).encode(row)
    guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return String(decoding: data, as: UTF8.self)
    }
    for c in columns where object[c] == nil { object[c] = NSNull() }
    var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { options.insert(.prettyPrinted) }
    let text = String(
      decoding: try JSONSerialization.data(withJSONObject: object, options: options), as: UTF8.self)
    return pretty ? text.replacingOccurrences(of: "\n", with: "\n  ") : text
  }

  /// Numbers compare as numbers, missing values sort last.
  static func compare(_ a: String?, _ b: String?) -> Int {
    switch (a, b) {
    case (nil, nil): return 0
    case (nil, _): return 1
    case (_, nil): return -1
    case (let x?, let y?):
      if let dx = Double(x), let dy = Double(y) { return dx < dy ? -1 : dx > dy ? 1 : 0 }
      return x < y ? -1 : x > y ? 1 : 0
    }
  }
}

enum JSONOutput {
  static func encoder(pretty: Bool) -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return e
  }
}

/// A plain aligned text table for terminals.
enum TextTable {
  static func render(columns: [String], rows: [[String]]) -> String {
    var widths = columns.map { $0.count }
    for r in rows { for (i, v) in r.enumerated() { widths[i] = max(widths[i], clean(v).count) } }
    widths = widths.map { min($0, 60) }
    func line(_ values: [String]) -> String {
      zip(values, widths).map { v, w in
        let s = clean(v)
        let cut = s.count > w ? String(s.prefix(w - 1)) + "…" : s
        return cut.padding(toLength: w, withPad: " ", startingAt: 0)
      }.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
    }
    var out = line(columns) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
    for r in rows { out += line(r) + "\n" }
    out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
    return out
  }

  /// Control characters would move the cursor or forge lines: show them as spaces.
  static func clean(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map {
          $0.properties.generalCategory == .control ? " " : $0
        }))
  }
}

/// RFC 4180 CSV with text cells that a spreadsheet would run as formulas neutralised.
enum CSVOutput {
  static func render(columns: [String], rows: [[String?]]) -> String {
    var out = columns.map(field).joined(separator: ",") + "\r\n"
    for r in rows { out += r.map { field($0 ?? "") }.joined(separator: ",") + "\r\n" }
    return out
  }

  /// The report's guard and quoting (Stats), so listings and reports neutralise alike.
  static func field(_ raw: String) -> String { ReportCSV.field(raw) }
}
