import Foundation
import GRDB

/// Which table an import file fills.
public enum ImportTarget: String, Sendable, CaseIterable {
  case entities, channels, surveys

  /// Columns an import file may have: the seed file's columns (plus names for entities; for
  /// surveys, other ways to name the entity and the worksheet's columns, which are read-only).
  public var columns: [String] {
    switch self {
    case .entities:
      return SeedLoader.files.first { $0.name == "entities.csv" }!.columns
        + ["name_fr", "name_nl", "name_de", "name_en"]
    case .channels:
      return SeedLoader.files.first { $0.name == "channels.csv" }!.columns + ["verified_on"]
    case .surveys:
      return SurveyStore.columns + ["source"]
        + SurveySheet.columns.filter { !SurveyStore.columns.contains($0) && $0 != "source" }
    }
  }
}

/// The format of an import file.
public enum ImportFormat: String, Sendable, CaseIterable {
  case csv, json, ndjson

  /// Guesses the format from a file name's extension.
  public init?(fileName: String) {
    let ext = (fileName as NSString).pathExtension.lowercased()
    switch ext {
    case "csv": self = .csv
    case "json": self = .json
    case "ndjson", "jsonl": self = .ndjson
    default: return nil
    }
  }
}

/// One record of an import file: its line and its column values as text.
public struct ImportRecord: Sendable, Equatable {
  public var line: Int
  public var values: [String: String]
  public init(line: Int, values: [String: String]) {
    self.line = line
    self.values = values
  }
}

extension ImportRecord {
  /// The record with `defaults` for the columns it leaves out or empty.
  public func filling(_ defaults: [String: String]) -> ImportRecord {
    var r = self
    for (column, value) in defaults
    where (r.values[column] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      r.values[column] = value
    }
    return r
  }
}

/// One field an import changes.
public struct FieldChange: Codable, Sendable, Equatable {
  public var field: String
  public var old: String?
  public var new: String?
}

/// What an import does (or would do) to one row.
public struct ImportOutcome: Codable, Sendable, Equatable {
  /// `added`, `changed` or `unchanged`.
  public var outcome: String
  public var table: String
  public var key: String
  public var changes: [FieldChange]
}

/// Reads import files (CSV, JSON array, NDJSON) into records with line numbers.
public enum ImportReader {
  /// Reads `path` (`-` for standard input) in `format`, refusing unknown columns.
  public static func read(path: String, format: ImportFormat, target: ImportTarget) throws
    -> [ImportRecord]
  {
    let name = path == "-" ? "stdin" : path
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let d = FileManager.default.contents(atPath: path) else {
        throw RegistryError.input(
          file: name, line: 0, field: "file", reason: "cannot read the file")
      }
      data = d
    }
    return try parse(data, name: name, format: format, target: target)
  }

  public static func parse(_ data: Data, name: String, format: ImportFormat, target: ImportTarget)
    throws -> [ImportRecord]
  {
    switch format {
    case .csv: return try csv(data, name: name, target: target)
    case .ndjson:
      guard let text = String(data: data, encoding: .utf8) else {
        throw RegistryError.input(file: name, line: 1, field: "file", reason: "not valid UTF-8")
      }
      var out: [ImportRecord] = []
      for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
        if let d = JSONDuplicateKeys.first(in: Array(line.utf8)) {
          throw duplicate(d, name: name, line: i + 1)
        }
        out.append(try object(Data(line.utf8), name: name, line: i + 1, target: target))
      }
      return out
    case .json:
      guard let text = String(data: data, encoding: .utf8) else {
        throw RegistryError.input(file: name, line: 1, field: "file", reason: "not valid UTF-8")
      }
      let array: [[String: JSONScalar]]
      do {
        array = try JSONDecoder().decode([[String: JSONScalar]].self, from: data)
      } catch {
        throw RegistryError.input(
          file: name, line: 1, field: "file",
          reason: "expected a JSON array of objects with string, number, boolean or null values")
      }
      if let d = JSONDuplicateKeys.first(in: Array(data)) {
        throw duplicate(d, name: name, line: d.line)
      }
      let lines = objectLines(text)
      return try array.enumerated().map { i, item in
        let line = i < lines.count ? lines[i] : i + 1
        return try record(item, name: name, line: line, target: target)
      }
    }
  }

  static func csv(_ data: Data, name: String, target: ImportTarget) throws -> [ImportRecord] {
    let tmp = FileManager.default.temporaryDirectory
      .appendingPathComponent("registry-import-\(getpid())-\(UUID().uuidString).csv").path
    guard FileManager.default.createFile(atPath: tmp, contents: data) else {
      throw RegistryError.input(
        file: name, line: 0, field: "file", reason: "cannot buffer the input")
    }
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let required = target == .entities ? ["id"] : []
    let table = try CSVTable(
      path: tmp, displayName: name, required: required,
      optional: target.columns.filter { !required.contains($0) })
    var out: [ImportRecord] = []
    while let row = try table.next() {
      var values: [String: String] = [:]
      for (i, column) in table.header.enumerated() { values[column] = row.fields[i] }
      out.append(ImportRecord(line: row.line, values: values))
    }
    return out
  }

  /// A key given twice in one object: refused like a CSV header naming a column twice.
  static func duplicate(_ d: JSONDuplicateKeys.Duplicate, name: String, line: Int)
    -> RegistryError
  {
    RegistryError.input(
      file: name, line: line, field: d.key,
      reason: "duplicate key: given twice in one object (which value counts would be a guess)")
  }

  static func object(_ data: Data, name: String, line: Int, target: ImportTarget) throws
    -> ImportRecord
  {
    let dict: [String: JSONScalar]
    do {
      dict = try JSONDecoder().decode([String: JSONScalar].self, from: data)
    } catch {
      throw RegistryError.input(
        file: name, line: line, field: "row",
        reason: "expected a JSON object with string, number, boolean or null values")
    }
    return try record(dict, name: name, line: line, target: target)
  }

  static func record(_ dict: [String: JSONScalar], name: String, line: Int, target: ImportTarget)
    throws -> ImportRecord
  {
    let known = Set(target.columns)
    var values: [String: String] = [:]
    for (key, value) in dict {
      guard known.contains(key) else {
        throw RegistryError.input(
          file: name, line: line, field: key,
          reason: "unknown column (expected: \(target.columns.joined(separator: ",")))")
      }
      values[key] = value.text
    }
    return ImportRecord(line: line, values: values)
  }

  /// The line on which each top-level object of a JSON array starts.
  static func objectLines(_ text: String) -> [Int] {
    var lines: [Int] = []
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    for ch in text.utf8 {
      if ch == UInt8(ascii: "\n") { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if ch == UInt8(ascii: "\\") {
          escaped = true
        } else if ch == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch ch {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        if depth == 1 && ch == UInt8(ascii: "{") { lines.append(line) }
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
    }
    return lines
  }
}

extension RegistryDatabase {
  /// Upserts entities (by id) or channels (by key, else platform and handle) from records, all
  /// or nothing. Each change is logged with the context's source, else the row's `source`.
  /// With `dryRun`, the same work is done and rolled back, so the outcomes are exactly what an
  /// import would do.
  public func importRecords(
    _ records: [ImportRecord], into target: ImportTarget, file: String, context: ChangeContext,
    dryRun: Bool
  ) throws -> [ImportOutcome] {
    var outcomes: [ImportOutcome] = []
    try writer.writeWithoutTransaction { db in
      try db.inTransaction {
        var importer = Importer(db: db, context: context, file: file)
        switch target {
        case .entities: try importer.entities(records)
        case .channels: try importer.channels(records)
        case .surveys: try importer.surveys(records)
        }
        if !dryRun { try SearchIndex.rebuild(db) }
        outcomes = importer.outcomes
        return dryRun ? .rollback : .commit
      }
    }
    return outcomes
  }
}

/// Applies import records inside one transaction and collects what changed per row.
struct Importer {
  let db: Database
  let context: ChangeContext
  let file: String
  var outcomes: [ImportOutcome] = []
  var index: [String: Int] = [:]

  init(db: Database, context: ChangeContext, file: String) {
    self.db = db
    self.context = context
    self.file = file
  }

  /// Runs `body` for one record, turning its errors into `file:line: column: reason` and
  /// collecting the change-log rows it wrote.
  mutating func row(
    _ r: ImportRecord, table: String, key: String, body: (ChangeRecorder) throws -> String?
  ) throws {
    let before = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM change_log") ?? 0
    var finalKey = key
    do {
      let sourceId: Int64
      do {
        sourceId = try context.sourceId(
          db,
          fallbackKey: r.values["source"].flatMap {
            $0.trimmingCharacters(in: .whitespaces).isEmpty
              ? nil : $0.trimmingCharacters(in: .whitespaces)
          })
      } catch let e as RegistryError {
        throw ColumnError("source", e.description)
      }
      let recorder = ChangeRecorder(db: db, context: context, sourceId: sourceId)
      if let k = try body(recorder) { finalKey = k }
    } catch let e as ColumnError {
      throw RegistryError.input(file: file, line: r.line, field: e.column, reason: e.reason)
    } catch let e as RegistryError {
      throw RegistryError.input(file: file, line: r.line, field: "row", reason: e.description)
    } catch let e as DatabaseError {
      throw RegistryError.input(
        file: file, line: r.line, field: "row", reason: e.message ?? e.description)
    }
    let logged = try Row.fetchAll(
      db,
      sql: """
        SELECT action, table_name, field, old_value, new_value FROM change_log
        WHERE id > ? AND table_name <> 'source' ORDER BY id
        """, arguments: [before])
    let changes = logged.map {
      FieldChange(field: $0["field"], old: $0["old_value"], new: $0["new_value"])
    }
    let added = logged.contains {
      ($0["action"] as String) == "add" && ($0["table_name"] as String) == table
    }
    let id = "\(table)/\(finalKey)"
    if let i = index[id] {
      outcomes[i].changes += changes
      if outcomes[i].outcome == "unchanged" && !changes.isEmpty { outcomes[i].outcome = "changed" }
    } else {
      index[id] = outcomes.count
      outcomes.append(
        ImportOutcome(
          outcome: added ? "added" : changes.isEmpty ? "unchanged" : "changed", table: table,
          key: finalKey, changes: changes))
    }
  }

  mutating func entities(_ records: [ImportRecord]) throws {
    var seen: [String: Int] = [:]
    for r in records {
      let id = (r.values["id"] ?? "").trimmingCharacters(in: .whitespaces)
      if let first = seen[id] {
        throw RegistryError.input(
          file: file, line: r.line, field: "id", reason: "entity '\(id)' is also on line \(first)")
      }
      seen[id] = r.line
    }
    // Parents may come later in the file: set them once every row is in.
    for pass in 0..<2 {
      for r in records {
        var values = r.values
        values["source"] = nil
        values["id"] = nil
        var names: [String: String] = [:]
        for (column, value) in values where column.hasPrefix("name_") {
          values[column] = nil
          if !value.trimmingCharacters(in: .whitespaces).isEmpty || pass == 0 {
            names[String(column.dropFirst(5))] = value
          }
        }
        let parent = values.removeValue(forKey: "parent_id")
        let id = r.values["id"] ?? ""
        if pass == 1 {
          guard let parent else { continue }
          values = ["parent_id": parent]
          names = [:]
        }
        let input = EntityInput(id: id, values: ColumnValues(values), names: names)
        let db = self.db
        try row(r, table: "entity", key: id) { recorder in
          try EntityStore(db: db, recorder: recorder).save(input, mode: pass == 0 ? .upsert : .edit)
          return nil
        }
      }
    }
  }

  mutating func channels(_ records: [ImportRecord]) throws {
    var seen: [String: Int] = [:]
    for r in records {
      var values = r.values
      values["source"] = nil
      let v = ColumnValues(values)
      let db = self.db
      let label = (values["key"].flatMap { $0.isEmpty ? nil : $0 }) ?? values["handle"] ?? "?"
      try row(r, table: "channel", key: label) { recorder in
        let store = ChannelStore(db: db, recorder: recorder)
        let c = try store.save(v, mode: .upsert)
        if let first = seen[c.key] {
          throw ColumnError("handle", "channel \(c.key) is also on line \(first)")
        }
        seen[c.key] = r.line
        return c.key
      }
    }
  }
}

extension Importer {
  /// Records surveys. Rows whose `result` is empty are skipped: a worksheet's rows nobody filled
  /// in. The worksheet's read-only columns (the status, evidence and handles it was printed
  /// with) are not read.
  mutating func surveys(_ records: [ImportRecord]) throws {
    var seen: [String: Int] = [:]
    for r in records {
      guard let result = r.values["result"], !result.trimmingCharacters(in: .whitespaces).isEmpty
      else { continue }
      var values: [String: String] = [:]
      for column in SurveyStore.columns { values[column] = r.values[column] }
      let v = ColumnValues(values)
      let db = self.db
      try row(r, table: "survey", key: "line \(r.line)") { recorder in
        let outcome = try SurveyStore(db: db, recorder: recorder).save(v)
        if let first = seen[outcome.key] {
          throw ColumnError("result", "the survey \(outcome.key) is also on line \(first)")
        }
        seen[outcome.key] = r.line
        return outcome.key
      }
    }
  }
}

/// A JSON value an import cell may hold, as the text a CSV cell would have.
struct JSONScalar: Decodable {
  let text: String

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      text = ""
    } else if let b = try? c.decode(Bool.self) {
      text = b ? "yes" : "no"
    } else if let i = try? c.decode(Int64.self) {
      text = String(i)
    } else if let d = try? c.decode(Double.self) {
      text = String(d)
    } else {
      text = try c.decode(String.self)
    }
  }
}
