import ArgumentParser

/// Output format of listings.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json, ndjson
}

/// Output formats of `compare`.
enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
  case table, markdown, json, html
}

/// Output formats of reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case markdown, html, json, csv
}
