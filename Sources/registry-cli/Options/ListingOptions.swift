import ArgumentParser
import Reporting

/// `--format`, `--limit`, `--sort` for listings.
struct ListingOptions: ParsableArguments {
  @Option(help: "Output format: table, csv, json or ndjson.")
  var format: ListingFormat = .table

  // Unconditional, so `--limit -1` reaches validate() instead of reading as an option.
  @Option(parsing: .unconditional, help: "Print at most this many rows.")
  var limit: Int?

  @Option(help: "Sort by this column (stable; --sort=-COLUMN or --desc for descending).")
  var sort: String?

  @Flag(help: "With --sort: largest first.")
  var desc = false

  func validate() throws {
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
  }

  var shape: ListingShape { ListingShape(format: format, limit: limit, sort: sort, desc: desc) }
}
