import Registry
import Stats
import Vocabulary

/// How a listing is asked for: its format, order and length.
public struct ListingShape: Sendable, Equatable {
  public var format: ListingFormat
  /// At most this many rows.
  public var limit: Int?
  /// A column to sort by (stable); `-COLUMN` sorts descending.
  public var sort: String?
  /// With `sort`: largest first.
  public var desc: Bool
  /// Rows skipped before the first one shown (after sorting): a web page's later pages.
  public var offset: Int

  public init(
    format: ListingFormat = .table, limit: Int? = nil, sort: String? = nil, desc: Bool = false,
    offset: Int = 0
  ) {
    self.format = format
    self.limit = limit
    self.sort = sort
    self.desc = desc
    self.offset = offset
  }
}

/// Prints rows as a table, CSV, JSON or NDJSON with stable column names.
public struct Listing<Row: Encodable> {
  public let columns: [String]
  public let rows: [Row]
  public let cells: (Row) -> [String: String?]
  /// The columns a terminal table shows (all of them go to CSV and JSON).
  public var tableColumns: [String]?
  /// Columns a terminal table never cuts (`TextTable`).
  public var uncutColumns: Set<String>
  /// Writes a row as JSON itself, keys in column order, every column present; without it a
  /// row goes through its `Encodable` conformance (`JSONWriter.encode(_:keys:)`), which gives
  /// the same object at several times the cost (for the long listings).
  public var writeJSON: ((Row, inout JSONWriter) -> Void)?
  /// A row's cells in column order, for CSV and the table; without it they are looked up in
  /// `cells` (a dictionary built per row: 14% of `accounts --format csv` on 1,657 rows).
  public var orderedCells: ((Row) -> [String?])?

  public init(
    columns: [String], rows: [Row], cells: @escaping (Row) -> [String: String?],
    tableColumns: [String]? = nil, uncutColumns: Set<String> = [],
    writeJSON: ((Row, inout JSONWriter) -> Void)? = nil,
    orderedCells: ((Row) -> [String?])? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.cells = cells
    self.tableColumns = tableColumns
    self.uncutColumns = uncutColumns
    self.writeJSON = writeJSON
    self.orderedCells = orderedCells
  }

  /// The rows `options` asks for: sorted, then `offset` skipped, then at most `limit`.
  public func selected(_ options: ListingShape) throws -> [Row] {
    var rows = self.rows
    if let sort = options.sort {
      let desc = sort.hasPrefix("-") || options.desc
      let key = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
      guard columns.contains(key) else {
        throw RequestError(
          "--sort",
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
    if options.offset > 0 { rows = Array(rows.dropFirst(options.offset)) }
    if let limit = options.limit { rows = Array(rows.prefix(limit)) }
    return rows
  }

  public func render(_ options: ListingShape) throws -> String {
    let rows = try selected(options)
    switch options.format {
    case .table:
      let shown = tableColumns ?? columns
      // With `orderedCells`, the shown columns are taken by position, without the dictionary
      // of every cell per row (`cells`: 36M of the 242M instructions of `accounts --format
      // table` on 1,657 rows).
      let positions = shown.compactMap { columns.firstIndex(of: $0) }
      if let orderedCells, positions.count == shown.count {
        return TextTable.render(
          columns: shown,
          rows: rows.map { r in
            let c = orderedCells(r)
            return positions.map { c[$0] ?? "" }
          }, uncut: uncutColumns)
      }
      return TextTable.render(
        columns: shown,
        rows: rows.map { r in
          let c = cells(r)
          return shown.map { (c[$0] ?? nil) ?? "" }
        }, uncut: uncutColumns)
    case .csv:
      return CSVOutput.render(
        columns: columns,
        rows: rows.map { r in
          if let orderedCells { return orderedCells(r) }
          let c = cells(r)
          return columns.map { c[$0] ?? nil }
        })
    case .json:
      var w = JSONWriter(style: .pretty, capacity: 64 + rows.count * 640)
      w.beginArray()
      for r in rows { try write(r, &w) }
      w.endArray()
      w.newline()
      return w.text
    case .ndjson:
      var w = JSONWriter(style: .compact, capacity: 64 + rows.count * 512)
      for r in rows {
        try write(r, &w)
        w.newline()
      }
      return w.text
    }
  }

  /// One row as a JSON object: the listing's columns first, in their order (the CSV's), each
  /// present (a missing value is `null`, not absent), then any other key the row encodes.
  public func jsonObject(_ row: Row, pretty: Bool) throws -> String {
    var w = JSONWriter(style: pretty ? .pretty : .compact, capacity: 1024)
    try write(row, &w)
    return w.text
  }

  private func write(_ row: Row, _ w: inout JSONWriter) throws {
    if let writeJSON { writeJSON(row, &w) } else { try w.encode(row, keys: columns) }
  }

  /// Numbers compare as numbers, missing values sort last.
  public static func compare(_ a: String?, _ b: String?) -> Int {
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
