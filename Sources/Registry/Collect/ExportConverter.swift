import Foundation
import Vocabulary

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
    guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .utf16)
    else {
      throw RegistryError.input(
        file: path, line: 1, field: "file", reason: "not UTF-8 or UTF-16 text")
    }
    // The text is UTF-8 now whatever the file was (a BOM left in it is dropped by the reader):
    // the one CSV reader reads its bytes. Exports are comma-separated (a `;` in a header is part
    // of a name), and every record is passed on, blank and short ones included: the preset
    // skips rows without a date and numbers lines by record.
    let reader = try ByteCSVReader(
      records: ByteInput(bytes: Array(text.utf8), name: path),
      dialect: .init(
        delimiter: UInt8(ascii: ","), loneCarriageReturnEndsRecord: true, fieldLimit: nil))
    let record = RawRow()
    guard try reader.nextRecord(into: record) else {
      throw RegistryError.input(
        file: path, line: 1, field: "header", reason: "cannot read the header row")
    }
    let header = (0..<record.count).map(record.string)
    var rows: [[String]] = []
    while try reader.nextRecord(into: record) { rows.append((0..<record.count).map(record.string)) }
    switch preset.convert(
      header: header, rows: rows, handle: handle, sourceURL: sourceURL, file: path)
    {
    case .failure(let e): throw e
    case .success(let out):
      let csv = CSVWriter.data
      return (([ExportPreset.importColumns] + out).map(csv.row).joined(), out.count)
    }
  }
}
