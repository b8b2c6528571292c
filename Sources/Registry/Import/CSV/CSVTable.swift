import Foundation
import Vocabulary

/// A CSV file with a header row, read row by row with line numbers for error messages.
public final class CSVTable {
  public let fileName: String
  public let header: [String]
  private let reader: ByteCSVReader
  private let record = RawRow()
  private var index: [String: Int] = [:]
  /// 1-based line number of the current row (the header is line 1).
  public private(set) var line = 1

  /// Opens `path`; `required` columns must all be present, and no column may be unknown
  /// unless listed in `optional`.
  public convenience init(
    path: String, displayName: String? = nil, required: [String], optional: [String] = []
  )
    throws
  {
    let name = displayName ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RegistryError.input(file: name, line: 0, field: "file", reason: "cannot read the file")
    }
    try self.init(data: data, name: name, required: required, optional: optional)
  }

  /// Reads a CSV held in memory, with the same checks as a file named `name`.
  public init(data: Data, name: String, required: [String], optional: [String] = []) throws {
    fileName = name
    let bytes = [UInt8](data)
    if bytes.count >= 2
      && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    {
      throw RegistryError.input(
        file: name, line: 1, field: "file",
        reason: "is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet's Save As)")
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw RegistryError.input(
        file: name, line: Self.lineNumber(bytes, nul), field: "file",
        reason: "contains a NUL byte (is the file text, and UTF-8?)")
    }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw RegistryError.input(
        file: name, line: Self.firstInvalidUTF8Line(bytes), field: "file",
        reason: "is not valid UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8")
    }
    if let open = Self.unclosedQuoteLine(bytes) {
      throw RegistryError.input(
        file: name, line: open, field: "row", reason: "a quoted field is never closed")
    }
    let reader = try ByteCSVReader(
      records: ByteInput(bytes: bytes, name: name),
      dialect: .init(delimiter: nil, loneCarriageReturnEndsRecord: true, fieldLimit: nil))
    let first = RawRow()
    guard try reader.nextRecord(into: first) else {
      throw RegistryError.input(
        file: name, line: 1, field: "header", reason: "cannot read the header row")
    }
    self.reader = reader
    header = (0..<first.count).map { first.string($0).trimmingCharacters(in: .whitespaces) }
    for (i, h) in header.enumerated() {
      if index[h] != nil {
        throw RegistryError.input(file: name, line: 1, field: h, reason: "duplicate column")
      }
      index[h] = i
    }
    for col in required where index[col] == nil {
      throw RegistryError.input(
        file: name, line: 1, field: col,
        reason: "missing column (expected: \((required + optional).joined(separator: ",")))")
    }
    let known = Set(required + optional)
    if let extra = header.first(where: { !known.contains($0) }) {
      throw RegistryError.input(
        file: name, line: 1, field: extra,
        reason: "unknown column (expected: \((required + optional).joined(separator: ",")))")
    }
  }

  /// Advances to the next row; nil at the end.
  public func next() throws -> CSVRow? {
    repeat {
      guard try reader.nextRecord(into: record) else { return nil }
    } while record.isBlank
    line = record.line
    let fields = (0..<record.count).map(record.string)
    if fields.count != header.count {
      throw RegistryError.input(
        file: fileName, line: line, field: "row",
        reason: "has \(fields.count) fields, the header has \(header.count)")
    }
    for (i, f) in fields.enumerated() where f.utf8.count > ByteCSVReader.maxFieldBytes {
      throw RegistryError.input(
        file: fileName, line: line, field: header[i],
        reason:
          "is longer than \(ByteCSVReader.maxFieldBytes) bytes: not a value this file can hold")
    }
    return CSVRow(table: self, fields: fields, line: line)
  }

  /// The line where a quote opens that no quote closes (quotes pair up in RFC 4180 CSV, a
  /// doubled quote inside a field included), found before reading so the message names the
  /// line of the opening quote.
  static func unclosedQuoteLine(_ bytes: [UInt8]) -> Int? {
    var line = 1
    var openedAt: Int?
    for b in bytes {
      if b == 0x22 {
        openedAt = openedAt == nil ? line : nil
      } else if b == 0x0A {
        line += 1
      }
    }
    return openedAt
  }

  /// The 1-based line of byte offset `offset`.
  static func lineNumber(_ bytes: [UInt8], _ offset: Int) -> Int {
    bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// The first line that is not valid UTF-8.
  static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
    var line = 1
    for slice in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if String(validating: slice, as: UTF8.self) == nil { return line }
      line += 1
    }
    return line
  }

  fileprivate func position(of column: String) -> Int? { index[column] }
}

/// One row of a `CSVTable`, with typed accessors that fail as `file:line: column: reason`.
public struct CSVRow {
  fileprivate let table: CSVTable
  public let fields: [String]
  public let line: Int

  public func fail(_ column: String, _ reason: String) -> RegistryError {
    .input(file: table.fileName, line: line, field: column, reason: reason)
  }

  /// The trimmed value, or nil when the column is absent or the cell empty.
  public func optional(_ column: String) -> String? {
    guard let i = table.position(of: column) else { return nil }
    let v = fields[i].trimmingCharacters(in: .whitespaces)
    return v.isEmpty ? nil : v
  }

  public func required(_ column: String) throws -> String {
    guard let v = optional(column) else { throw fail(column, "is empty") }
    return v
  }

  public func int(_ column: String, min: Int64 = 0) throws -> Int64? {
    guard let v = optional(column) else { return nil }
    guard let n = Int64(v.replacingOccurrences(of: "_", with: "")) else {
      throw fail(column, "'\(v)' is not a whole number")
    }
    guard n >= min else { throw fail(column, "\(n) is below \(min)") }
    return n
  }

  public func double(_ column: String) throws -> Double? {
    guard let v = optional(column) else { return nil }
    guard let n = Double(v), n.isFinite else { throw fail(column, "'\(v)' is not a number") }
    return n
  }

  public func day(_ column: String) throws -> String? {
    guard let v = optional(column) else { return nil }
    switch Day.parse(v) {
    case .success(let d):
      guard v.count == 10 else { throw fail(column, "'\(v)' must be a day, YYYY-MM-DD") }
      return d.description
    case .failure(let e): throw fail(column, e.reason)
    }
  }

  public func oneOf<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) throws
    -> T? where T.RawValue == String
  {
    guard let v = optional(column) else { return nil }
    guard let value = T(rawValue: v) else {
      let names = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw fail(column, "'\(v)' is not one of \(names)")
    }
    return value
  }

  public func bool(_ column: String) throws -> Bool? {
    guard let v = optional(column)?.lowercased() else { return nil }
    switch v {
    case "yes", "true", "1", "y": return true
    case "no", "false", "0", "n": return false
    default: throw fail(column, "'\(v)' is not yes or no")
    }
  }
}
