import Foundation
import GRDB
import Vocabulary

/// Which source a fact comes from: an existing source key, or a URL that names one
/// (created on first use, reused afterwards).
public enum SourceChoice: Sendable, Equatable {
  case key(String)
  case url(String, title: String?)
}

extension SourceChoice {
  /// The source row's id, creating the row for a URL not seen before.
  func resolve(_ db: Database) throws -> Int64 {
    switch self {
    case .key(let key):
      guard
        let id = try Int64.fetchOne(
          db, sql: "SELECT id FROM source WHERE key = ?", arguments: [key])
      else {
        throw RegistryError.notFound(
          "unknown source '\(key)'; list sources with `sqlite3 DB 'SELECT key, title FROM source'` "
            + "or give --source-url URL")
      }
      return id
    case .url(let url, let title):
      return try Self.source(db, url: url, title: title)
    }
  }

  /// The source whose URL is `url`, created (keyed by the URL) when missing.
  static func source(_ db: Database, url: String, title: String?) throws -> Int64 {
    let u = url.trimmingCharacters(in: .whitespaces)
    guard u.hasPrefix("http://") || u.hasPrefix("https://"), u.count > 8 else {
      throw RegistryError.invalid(
        "'\(url)' is not a source URL: it must start with http:// or https://")
    }
    if let id = try Int64.fetchOne(
      db, sql: "SELECT id FROM source WHERE url = ? ORDER BY id LIMIT 1", arguments: [u])
    {
      return id
    }
    let base = "url-" + String(slug(u).prefix(180))
    var key = base
    var n = 2
    while try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [key])
      != nil
    {
      key = "\(base)-\(n)"
      n += 1
    }
    var s = Source(key: key, title: title ?? u, url: u, retrievedOn: Day.today().description)
    try s.insert(db)
    return s.id!
  }

  /// Lowercase ascii letters and digits, other runs turned into one `-`.
  static func slug(_ url: String) -> String {
    var text = url.lowercased()
    for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) {
      text.removeFirst(prefix.count)
    }
    var out = ""
    var dash = false
    for c in text.unicodeScalars {
      if c.isASCII
        && (CharacterSet.lowercaseLetters.contains(c) || CharacterSet.decimalDigits.contains(c))
      {
        out.unicodeScalars.append(c)
        dash = false
      } else if !dash && !out.isEmpty {
        out += "-"
        dash = true
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "source" : out
  }
}
