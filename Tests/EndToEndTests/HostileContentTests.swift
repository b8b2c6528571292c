import Foundation
import TestSupport
import Testing

/// Names with HTML, script tags, quotes, control characters and spreadsheet formulas: escaped in
/// HTML, neutralised in CSV, intact in JSON, harmless on a terminal.
@Suite(.serialized) struct HostileContentTests {
  static let formula = "=cmd|' /C calc'!A0"
  static let script = "<script>alert(\"x\")</script> & <b>Wal</b>"
  static let at = "@SUM(1+1)\u{07}\"quoted\", with comma"
  static let escape = "-2+3\u{1B}[31mred\u{1B}[0m"

  /// The mini seed with hostile region and entity names.
  static func seed(in dir: URL) throws -> String {
    let seed = dir.appendingPathComponent("hostile-seed")
    try FileManager.default.copyItem(atPath: Fixtures.miniSeed, toPath: seed.path)
    func edit(_ file: String, _ change: (String) -> String) throws {
      let url = seed.appendingPathComponent(file)
      try change(try String(contentsOf: url, encoding: .utf8)).write(
        to: url, atomically: true, encoding: .utf8)
    }
    func quoted(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    try edit("regions.csv") {
      $0.replacingOccurrences(of: "Walloon Region", with: quoted(script))
    }
    try edit("entity_names.csv") { text in
      var lines = text.split(separator: "\n").map(String.init)
      lines = lines.filter {
        !$0.hasPrefix("be-pz-lermes,") && !$0.hasPrefix("be-pz-comines,")
          && !$0.hasPrefix("be-pz-mons-quevy,")
      }
      lines.append("be-pz-lermes,fr,\(quoted(formula))")
      lines.append("be-pz-comines,fr,\(quoted(at))")
      lines.append("be-pz-mons-quevy,fr,\(quoted(escape))")
      return lines.joined(separator: "\n") + "\n"
    }
    return seed.path
  }

  /// Cells of an RFC 4180 document.
  static func cells(_ csv: String) -> [String] {
    var out: [String] = []
    var cell = ""
    var quoted = false
    var chars = Array(csv)
    chars.append("\n")
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            cell.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          cell.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," || c == "\n" || c == "\r\n" {
        out.append(cell)
        cell = ""
      } else if c != "\r" {
        cell.append(c)
      }
      i += 1
    }
    return out
  }

  static func assertNoFormula(_ csv: String, _ what: String) {
    for cell in cells(csv) {
      guard let first = cell.unicodeScalars.first else { continue }
      if "=+-@\t\r".unicodeScalars.contains(first) && Double(cell) == nil {
        Issue.record("\(what): cell '\(cell)' would run as a formula")
      }
    }
  }

  @Test func hostileNamesAreEscapedNeutralisedOrIntactByFormat() throws {
    let base = try CLIWorkspace()
    defer { base.cleanUp() }
    let cli = try CLIWorkspace(seed: try Self.seed(in: base.dir))
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)

    // HTML: the tags are text.
    let html = try cli.run(["report", "adoption", "--format", "html", "--as-of", "2020-01-01"])
    #expect(html.status == 0, "\(html.stderr)")
    #expect(!html.stdout.contains("<script>alert"))
    #expect(!html.stdout.contains("<b>Wal</b>"))
    #expect(html.stdout.contains("&lt;script&gt;alert("))

    // CSV: no cell runs as a formula, and the text is kept after the guard.
    let accounts = try cli.run(["accounts", "--format", "csv"])
    #expect(accounts.status == 0, "\(accounts.stderr)")
    Self.assertNoFormula(accounts.stdout, "accounts csv")
    let accountCells = Self.cells(accounts.stdout)
    #expect(accountCells.contains("'" + Self.formula))
    #expect(accountCells.contains("'" + Self.at))
    #expect(accountCells.contains("'" + Self.escape))
    let report = try cli.run(["report", "adoption", "--format", "csv", "--as-of", "2020-01-01"])
    #expect(report.status == 0, "\(report.stderr)")
    Self.assertNoFormula(report.stdout, "report csv")
    #expect(Self.cells(report.stdout).contains(Self.script))

    // JSON: every character intact.
    let json = try cli.run(["accounts", "--format", "json"])
    let rows = try parseJSON(json.stdout) as? [[String: Any]] ?? []
    let names = Set(rows.compactMap { $0["entity_name"] as? String })
    #expect(names.isSuperset(of: [Self.formula, Self.at, Self.escape]), "\(names)")
    let reportJSON = try cli.run([
      "report", "adoption", "--format", "json", "--as-of", "2020-01-01",
    ])
    // The report JSON carries codes, not names; it must still parse.
    #expect(reportJSON.status == 0)
    #expect((try? parseJSON(reportJSON.stdout)) != nil)

    // Terminal table: no escape sequence reaches the screen.
    let table = try cli.run(["accounts"])
    #expect(!table.stdout.contains("\u{1B}"))
    #expect(!table.stdout.contains("\u{07}"))
  }
}
