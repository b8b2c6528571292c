import Foundation

/// The file formats `snapshot import` reads.
public enum SnapshotFileFormat: String, CaseIterable, Sendable {
  case csv, json, ndjson

  /// The format implied by a file name's extension, if any.
  public init?(path: String) {
    let ext = (path as NSString).pathExtension.lowercased()
    switch ext {
    case "csv", "txt", "tsv": self = .csv
    case "json": self = .json
    case "ndjson", "jsonl": self = .ndjson
    default: return nil
    }
  }
}

/// Rows of a snapshot file in any accepted format, as byte fields under a header.
final class SnapshotFileReader {
  let header: [String]
  let input: ByteInput
  private let nextRow: (RawRow) throws -> Bool

  init(input: ByteInput, format: SnapshotFileFormat?) throws {
    self.input = input
    let format = try format ?? Self.sniff(input)
    switch format {
    case .csv:
      let csv = try ByteCSVReader(input: input)
      header = csv.header
      nextRow = csv.next(into:)
    case .ndjson:
      header = SnapshotColumn.allNames
      let lines = LineReader(input: input)
      let names = header
      nextRow = { row in
        while let (text, line) = try lines.next() {
          if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
          row.line = line
          if let d = JSONDuplicateKeys.first(in: text) {
            throw Self.duplicate(d, file: input.name, line: line)
          }
          try Self.fill(row, names: names, json: Data(text), file: input.name, line: line)
          return true
        }
        return false
      }
    case .json:
      header = SnapshotColumn.allNames
      let data = try input.readAll()
      let objects: [Any]
      do {
        guard let a = try JSONSerialization.jsonObject(with: data) as? [Any] else {
          throw RegistryError.input(
            file: input.name, line: 1, field: "file", reason: "expected a JSON array of objects")
        }
        objects = a
      } catch let e as RegistryError {
        throw e
      } catch {
        throw RegistryError.input(
          file: input.name, line: 1, field: "file", reason: "not valid JSON")
      }
      var index = 0
      let names = header
      let duplicates = JSONDuplicateKeys.perElement(in: [UInt8](data))
      // JSON arrays carry no line numbers: rows are numbered by their position (1-based).
      nextRow = { row in
        guard index < objects.count else { return false }
        let object = objects[index]
        index += 1
        row.line = index
        if let d = duplicates[index] {
          throw Self.duplicate(d, file: input.name, line: index)
        }
        try Self.fill(row, names: names, object: object, file: input.name, line: index)
        return true
      }
    }
  }

  func next(into row: RawRow) throws -> Bool { try nextRow(row) }

  /// `[` means a JSON array, `{` NDJSON, anything else CSV.
  static func sniff(_ input: ByteInput) throws -> SnapshotFileFormat {
    let head = try input.peek()
    for b in head
    where b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0xEF && b != 0xBB
      && b != 0xBF
    {
      if b == UInt8(ascii: "[") { return .json }
      if b == UInt8(ascii: "{") { return .ndjson }
      return .csv
    }
    return .csv
  }

  /// A key given twice in one row: refused like a CSV header naming a column twice.
  static func duplicate(_ d: JSONDuplicateKeys.Duplicate, file: String, line: Int) -> RegistryError
  {
    RegistryError.input(
      file: file, line: line, field: d.key,
      reason: "duplicate key: given twice in one object (which value counts would be a guess)")
  }

  private static func fill(_ row: RawRow, names: [String], json: Data, file: String, line: Int)
    throws
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: json)
    } catch {
      throw RegistryError.input(file: file, line: line, field: "row", reason: "not valid JSON")
    }
    try fill(row, names: names, object: object, file: file, line: line)
  }

  private static func fill(_ row: RawRow, names: [String], object: Any, file: String, line: Int)
    throws
  {
    guard let dict = object as? [String: Any] else {
      throw RegistryError.input(
        file: file, line: line, field: "row", reason: "expected a JSON object")
    }
    let known = Set(names)
    if let extra = dict.keys.sorted().first(where: { !known.contains($0) }) {
      throw RegistryError.input(
        file: file, line: line, field: extra,
        reason: "unknown field (expected: \(names.joined(separator: ",")))")
    }
    for name in names {
      guard let text = dict[name] as? String else { continue }
      if text.utf8.count > ByteCSVReader.maxFieldBytes {
        throw RegistryError.input(
          file: file, line: line, field: name,
          reason:
            "is longer than \(ByteCSVReader.maxFieldBytes) bytes: not a value this file can hold")
      }
      if text.utf8.contains(0) {
        throw RegistryError.input(
          file: file, line: line, field: name, reason: "contains a NUL character")
      }
    }
    row.set(
      names.map { name -> String? in
        switch dict[name] {
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber:
          // Booleans and fractions become text the integer parser refuses with a reason.
          if String(describing: type(of: n)).contains("Boolean") {
            return n.boolValue ? "true" : "false"
          }
          return n.stringValue
        default: return "(a JSON \(type(of: dict[name]!)))"
        }
      })
  }
}

/// Lines of a byte input, for NDJSON; memory is bounded by the longest line.
final class LineReader {
  let input: ByteInput
  private var line = 0
  private var pending: [UInt8] = []

  init(input: ByteInput) { self.input = input }

  func next() throws -> ([UInt8], Int)? {
    pending.removeAll(keepingCapacity: true)
    var any = false
    while try input.refill() {
      any = true
      let buf = input.buffer
      var i = input.position
      while i < input.count && buf[i] != 0x0A { i += 1 }
      pending.append(
        contentsOf: UnsafeBufferPointer(start: buf + input.position, count: i - input.position))
      if i < input.count {
        input.position = i + 1
        line += 1
        return (pending, line)
      }
      input.position = i
    }
    if !any || pending.isEmpty { return nil }
    line += 1
    return (pending, line)
  }
}
