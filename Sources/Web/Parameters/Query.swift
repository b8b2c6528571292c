import Foundation
import Reporting
import Vocabulary

/// A request's query parameters, read with bounds: each reader refuses a value it cannot use
/// with a `RequestError` naming the parameter (a 400 page), and `finish()` refuses a parameter
/// the page does not take, so a misspelt filter is never silently ignored.
struct Query {
  /// Longest query string read (bytes); a longer one is refused whole.
  static let maxLength = 8192
  /// Most values one parameter may repeat.
  static let maxRepeats = 20
  /// Longest value of a text parameter (characters).
  static let maxValueLength = 200

  private var values: [String: [String]] = [:]
  private var names: [String] = []
  /// Every (name, value) in the order given, for links to the same query.
  private(set) var pairs: [(String, String)] = []
  private var read = Set<String>()

  /// Parses `a=1&b=x+y&b=%C3%A9`: `+` is a space, `%XX` a UTF-8 byte.
  init(_ query: String?) throws {
    guard let query, !query.isEmpty else { return }
    guard query.utf8.count <= Self.maxLength else {
      throw RequestError("query", "the query string is longer than \(Self.maxLength) bytes")
    }
    for part in query.split(separator: "&", omittingEmptySubsequences: true) {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let rawName = String(pair[0])
      guard let name = Self.decode(rawName), !name.isEmpty else {
        throw RequestError("query", "a parameter name is not valid percent-encoded UTF-8")
      }
      let value = pair.count > 1 ? String(pair[1]) : ""
      guard let decoded = Self.decode(value) else {
        throw RequestError(name, "\(name): the value is not valid percent-encoded UTF-8")
      }
      if values[name] == nil { names.append(name) }
      pairs.append((name, decoded))
      values[name, default: []].append(decoded)
      if values[name]!.count > Self.maxRepeats {
        throw RequestError(name, "\(name) is given more than \(Self.maxRepeats) times")
      }
    }
  }

  static func decode(_ s: String) -> String? {
    s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  /// Every value of `name` (a repeatable filter), each at most `maxValueLength` characters.
  /// An empty value is no value, as an empty form field is.
  mutating func list(_ name: String) throws -> [String] {
    read.insert(name)
    let all = (values[name] ?? []).filter { !$0.isEmpty }
    for v in all where v.count > Self.maxValueLength {
      throw RequestError(name, "\(name) is longer than \(Self.maxValueLength) characters")
    }
    return all
  }

  /// The one value of `name`, or nil.
  mutating func text(_ name: String) throws -> String? {
    let all = try list(name)
    guard all.count <= 1 else { throw RequestError(name, "\(name) is given more than once") }
    return all.first
  }

  /// An integer within `range`.
  mutating func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let t = try text(name) else { return nil }
    guard let v = Int(t), range.contains(v) else {
      throw RequestError(
        name,
        "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound) "
          + "(got '\(t)')")
    }
    return v
  }

  /// A day, YYYY-MM-DD, between 1900 and 2199.
  mutating func day(_ name: String) throws -> Day? {
    guard let t = try text(name) else { return nil }
    guard t.count == 10, case .success(let d) = Day.parse(t), (1900...2199).contains(d.year)
    else {
      throw RequestError(name, "\(name) takes a day between 1900 and 2199, YYYY-MM-DD (got '\(t)')")
    }
    return d
  }

  /// A flag: present (with no value, `1`, `true` or `yes`) or absent.
  mutating func flag(_ name: String) throws -> Bool {
    read.insert(name)
    guard let all = values[name] else { return false }
    guard all.count == 1, ["", "1", "true", "yes", "on"].contains(all[0].lowercased()) else {
      throw RequestError(name, "\(name) is a flag: give it alone, or as \(name)=1")
    }
    return true
  }

  /// One of `choices`, or nil.
  mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws
    -> T? where T.RawValue == String
  {
    guard let t = try text(name) else { return nil }
    guard let v = T(rawValue: t) else {
      throw RequestError(
        name,
        "unknown \(name) '\(t)'; use one of: "
          + T.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return v
  }

  /// The pairs without those named, for a link that changes them.
  func pairs(except excluded: Set<String>) -> [(String, String)] {
    pairs.filter { !excluded.contains($0.0) }
  }

  /// Refuses the parameters no reader asked for.
  func finish() throws {
    for name in names where !read.contains(name) {
      let known = read.sorted().joined(separator: ", ")
      throw RequestError(
        name,
        "this page takes no parameter '\(name)'"
          + (known.isEmpty ? "" : "; it takes: \(known)"))
    }
  }
}
