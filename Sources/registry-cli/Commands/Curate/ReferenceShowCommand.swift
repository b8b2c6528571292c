import ArgumentParser
import Foundation
import Registry
import Reporting
import Stats

struct ReferenceShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show one reference figure with its source.")

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "Reference figure id.") var id: String
  @Option(help: "Output format: table or json.") var format: ListingFormat = .table

  func run() throws {
    guard let r = try database.openForReading().referenceFigure(id: id) else {
      throw RegistryError.notFound("no reference figure '\(id)'; see `registry-cli reference list`")
    }
    switch format {
    case .table:
      let cells = ReferenceRow(r).cells
      let width = ReferenceRow.columns.map(\.count).max()!
      for c in ReferenceRow.columns {
        let v = (cells[c] ?? nil).map(TextTable.clean) ?? ""
        print(c.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v)
      }
    case .json:
      let listing = Listings.references([r])
      let text = try listing.jsonObject(ReferenceRow(r), pretty: true)
      print(text.replacingOccurrences(of: "\n  ", with: "\n"))
    case .ndjson, .csv:
      let text = try Listings.references([r]).render(ListingShape(format: format))
      print(text, terminator: "")
    }
  }
}
