/// The output formats: one family, one enum per kind of output, sharing their names, media types
/// and file extensions (the web pages serve the same outputs as `.csv`, `.json`, ...).
public protocol OutputFormat: RawRepresentable, CaseIterable, Sendable, Hashable
where RawValue == String {}

extension OutputFormat {
  /// The media type a web response declares.
  public var mediaType: String { FormatName.mediaType(rawValue) }
  /// The file extension, without the dot.
  public var fileExtension: String { FormatName.fileExtension(rawValue) }
  /// The names, for messages: `table, csv, json or ndjson`.
  public static var namesList: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}

/// Rows: accounts, entities, league tables, the change log...
public enum ListingFormat: String, OutputFormat {
  case table, csv, json, ndjson
}

/// The adoption report.
public enum ReportFormat: String, OutputFormat {
  case markdown, html, json, csv
}

/// A scorecard, or entities side by side.
public enum ScorecardFormat: String, OutputFormat {
  case table, markdown, json, html
}

/// What each format name means on the web.
enum FormatName {
  static func mediaType(_ name: String) -> String {
    switch name {
    case "csv": return "text/csv; charset=utf-8"
    case "json": return "application/json"
    case "ndjson": return "application/x-ndjson"
    case "markdown": return "text/markdown; charset=utf-8"
    case "html": return "text/html; charset=utf-8"
    default: return "text/plain; charset=utf-8"
    }
  }

  static func fileExtension(_ name: String) -> String {
    switch name {
    case "markdown": return "md"
    case "table": return "txt"
    default: return name
    }
  }
}
