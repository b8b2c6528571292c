import Foundation

/// The one CSV writer: RFC 4180 quoting (a cell holding `,`, `"`, CR or LF is quoted, `"`
/// doubled) for every CSV the registry writes, in one of two modes.
///
/// - `data`: files read back by the registry or another program (rejects files, converter
///   output, generated seeds, the export), where a value must read back exactly: nothing is
///   added to it. LF line ends, like the seed files kept in git.
/// - `people`: reports and listings, opened in spreadsheets: a text cell that a spreadsheet would
///   run as a formula (OWASP "CSV injection") is prefixed with `'`. CRLF line ends, as RFC 4180
///   and spreadsheets write them.
public struct CSVWriter: Sendable, Equatable {
  public enum Purpose: Sendable, Equatable {
    case data
    case people
  }

  public let purpose: Purpose
  /// Also quotes a cell holding `;` or starting or ending with whitespace. The registry export
  /// does, so that its files opened in a spreadsheet set to `;` (French and Dutch locales) keep
  /// `nl;fr` in one cell and edge spaces visibly inside the value; the other data files never
  /// have, and changing either would change the bytes of an existing output.
  public let quotesSemicolonsAndEdgeSpaces: Bool

  /// Rejects files, converter output, generated seeds.
  public static let data = CSVWriter(purpose: .data, quotesSemicolonsAndEdgeSpaces: false)
  /// The registry export (`registry-cli export DIR`, read back by `init --seed DIR`).
  public static let export = CSVWriter(purpose: .data, quotesSemicolonsAndEdgeSpaces: true)
  /// Reports and listings.
  public static let people = CSVWriter(purpose: .people, quotesSemicolonsAndEdgeSpaces: false)

  /// The first characters that make a spreadsheet read a cell as a formula (or, for TAB and CR,
  /// that some strip before doing so), as bytes: all ASCII, so a first scalar among them is a
  /// first byte among them.
  static let formulaStartBytes: [UInt8] = Array("=+-@\t\r".utf8)

  /// `\r\n` for people, `\n` for data.
  public var lineEnd: String { purpose == .people ? "\r\n" : "\n" }

  /// One cell, quoted when needed; for people, formula text first gets its `'`. A number
  /// (`-5`, `+1.5`) is not formula text: it keeps its sign.
  public func field(_ value: String) -> String {
    var out: [UInt8] = []
    appendField(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// One record: the cells, each through `field`, separated by `,`, then the line end.
  public func row(_ cells: [String]) -> String {
    var out: [UInt8] = []
    appendRow(cells, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `row(cells)`'s bytes appended to `out` (a NULL cell, nil, as the empty text), without a
  /// String per cell: building the strings was 46M of the 201M instructions of `accounts
  /// --format csv` on 1,657 rows.
  public func appendRow(_ cells: [String?], to out: inout [UInt8]) {
    for (i, cell) in cells.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendField(cell ?? "", to: &out)
    }
    appendLineEnd(to: &out)
  }

  private func appendLineEnd(to out: inout [UInt8]) {
    if purpose == .people { out.append(13) }
    out.append(10)
  }

  /// `field(value)`'s bytes appended to `out`: the one implementation of the quoting rules.
  public func appendField(_ value: String, to out: inout [UInt8]) {
    if let done = value.utf8.withContiguousStorageIfAvailable({ appendField(value, $0, to: &out) })
    {
      return done
    }
    Array(value.utf8).withUnsafeBufferPointer { appendField(value, $0, to: &out) }
  }

  private func appendField(
    _ value: String, _ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
  ) {
    let guarded =
      purpose == .people && bytes.first.map(Self.formulaStartBytes.contains) == true
      && Double(value) == nil
    // Bytes, not Characters: a CRLF inside a value is one Character, and so is `,` or `"`
    // followed by a combining mark; neither equals "\n" or "," but each needs the quotes.
    let semicolons = quotesSemicolonsAndEdgeSpaces
    var quoted = false
    for b in bytes
    where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n")
      || b == UInt8(ascii: "\r") || (semicolons && b == UInt8(ascii: ";"))
    {
      quoted = true
      break
    }
    if !quoted && semicolons {
      quoted = value.first?.isWhitespace == true || value.last?.isWhitespace == true
    }
    guard quoted else {
      if guarded { out.append(UInt8(ascii: "'")) }
      out.append(contentsOf: bytes)
      return
    }
    out.append(UInt8(ascii: "\""))
    if guarded { out.append(UInt8(ascii: "'")) }
    for b in bytes {
      if b == UInt8(ascii: "\"") { out.append(b) }
      out.append(b)
    }
    out.append(UInt8(ascii: "\""))
  }
}
