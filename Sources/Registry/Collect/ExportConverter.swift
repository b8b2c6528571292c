import CSV
import Foundation

/// Reads a platform's analytics export and writes it in the snapshot import format.
public enum ExportConverter {
  /// Converts the export at `path` with `preset` for the channel `handle`; returns the import CSV
  /// text (header and rows, RFC 4180) and the number of rows.
  public static func convert(
    path: String, preset: ExportPreset, handle: String, sourceURL: String?
  ) throws -> (csv: String, rows: Int) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RegistryError.input(file: path, line: 0, field: "file", reason: "cannot read the file")
    }
    guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .utf16)
    else {
      throw RegistryError.input(
        file: path, line: 1, field: "file", reason: "not UTF-8 or UTF-16 text")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true)
    } catch {
      throw RegistryError.input(
        file: path, line: 1, field: "header", reason: "cannot read the header row")
    }
    let header = reader.headerRow ?? []
    var rows: [[String]] = []
    while let r = reader.next() { rows.append(r) }
    if let error = reader.error {
      throw RegistryError.input(
        file: path, line: rows.count + 2, field: "file", reason: "not valid CSV (\(error))")
    }
    switch preset.convert(
      header: header, rows: rows, handle: handle, sourceURL: sourceURL, file: path)
    {
    case .failure(let e): throw e
    case .success(let out):
      let lines = [ExportPreset.importColumns] + out
      return (
        lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n", out.count
      )
    }
  }

  static func field(_ v: String) -> String {
    v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
  }
}
