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
  /// that some strip before doing so).
  static let formulaStarts = "=+-@\t\r".unicodeScalars

  /// `\r\n` for people, `\n` for data.
  public var lineEnd: String { purpose == .people ? "\r\n" : "\n" }

  /// One cell, quoted when needed; for people, formula text first gets its `'`. A number
  /// (`-5`, `+1.5`) is not formula text: it keeps its sign.
  public func field(_ value: String) -> String {
    let guarded =
      purpose == .people && value.unicodeScalars.first.map(Self.formulaStarts.contains) == true
      && Double(value) == nil
    // Bytes, not Characters: a CRLF inside a value is one Character, and so is `,` or `"`
    // followed by a combining mark; neither equals "\n" or "," but each needs the quotes.
    let semicolons = quotesSemicolonsAndEdgeSpaces
    var quoted = value.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
        || $0 == UInt8(ascii: "\r") || (semicolons && $0 == UInt8(ascii: ";"))
    }
    if !quoted && semicolons {
      quoted = value.first?.isWhitespace == true || value.last?.isWhitespace == true
    }
    let text = guarded ? "'" + value : value
    guard quoted else { return text }
    var out = String.UnicodeScalarView()
    out.append("\"")
    for s in text.unicodeScalars {
      if s == "\"" { out.append(s) }
      out.append(s)
    }
    out.append("\"")
    return String(out)
  }

  /// One record: the cells, each through `field`, separated by `,`, then the line end.
  public func row(_ cells: [String]) -> String {
    cells.map(field).joined(separator: ",") + lineEnd
  }
}
