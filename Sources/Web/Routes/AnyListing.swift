import Reporting

/// A listing whose row type is erased: what the listing pages, their downloads and the API
/// routes render (`accounts` lists channels, or with `presence` statuses).
struct AnyListing {
  /// The listing in a format, sorted and cut as `ListingShape` says.
  let render: (ListingShape) throws -> String
  /// The rows of a page: each row's cells, in the order and window `ListingShape` says.
  let cells: (ListingShape) throws -> [[String: String?]]
  /// Rows in all.
  let count: Int
  /// The columns a page shows (those of a terminal table).
  let pageColumns: [String]

  init<Row>(_ listing: Listing<Row>) {
    render = { try listing.render($0) }
    cells = { try listing.selected($0).map(listing.cells) }
    count = listing.rows.count
    pageColumns = listing.tableColumns ?? listing.columns
  }
}
