import Foundation
import Vocabulary

/// A value refused for one column, before the caller adds where it came from (option or file:line).
public struct ColumnError: Error, Equatable, Sendable, CustomStringConvertible {
  public let column: String
  public let reason: String
  public init(_ column: String, _ reason: String) {
    self.column = column
    self.reason = reason
  }
  public var description: String { "\(column): \(reason)" }
}

/// Column values as text, from command-line options or an import row. A column that is absent is
/// left as it is; a column present with empty text is cleared.
public struct ColumnValues: Sendable, Equatable {
  public var text: [String: String]
  public init(_ text: [String: String] = [:]) { self.text = text }

  public subscript(_ column: String) -> String? {
    get { text[column] }
    set { text[column] = newValue }
  }

  func has(_ column: String) -> Bool { text[column] != nil }

  /// The trimmed text, nil when absent, `.some(nil)` when present and empty.
  func value(_ column: String) -> String?? {
    guard let raw = text[column] else { return nil }
    let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    return .some(t.isEmpty ? nil : t)
  }

  func day(_ column: String) throws -> String?? {
    guard let v = value(column) else { return nil }
    guard let t = v else { return .some(nil) }
    switch Day.parse(t) {
    case .success(let d) where t.count == 10: return .some(d.description)
    case .success: throw ColumnError(column, "'\(t)' must be a day, YYYY-MM-DD")
    case .failure(let e): throw ColumnError(column, e.reason)
    }
  }

  func int(_ column: String) throws -> Int64?? {
    guard let v = value(column) else { return nil }
    guard let t = v else { return .some(nil) }
    guard let n = Int64(t.replacingOccurrences(of: "_", with: "")), n >= 0 else {
      throw ColumnError(column, "'\(t)' is not a whole number of 0 or more")
    }
    return .some(n)
  }

  func oneOf<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) throws -> T??
  where T.RawValue == String {
    guard let v = value(column) else { return nil }
    guard let t = v else { return .some(nil) }
    guard let value = T(rawValue: t) else {
      throw ColumnError(
        column, "'\(t)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return .some(value)
  }

  func bool(_ column: String) throws -> Bool?? {
    guard let v = value(column) else { return nil }
    guard let t = v?.lowercased() else { return .some(nil) }
    switch t {
    case "yes", "true", "1", "y": return .some(true)
    case "no", "false", "0", "n": return .some(false)
    default: throw ColumnError(column, "'\(t)' is not yes or no")
    }
  }

  /// A `;`-separated list, normalised (trimmed, no empty items).
  func list(_ column: String, lowercase: Bool = false) -> String? {
    guard let v = value(column) else { return nil }
    let items = (v ?? "").semicolonList.map { lowercase ? $0.lowercased() : $0 }
    return items.joined(separator: ";")
  }
}

/// Turns a `--name fr=...` or `--municipality NIS[=name]` argument into its two halves.
public func splitAssignment(_ text: String) -> (key: String, value: String?) {
  guard let eq = text.firstIndex(of: "=") else {
    return (text.trimmingCharacters(in: .whitespaces), nil)
  }
  let key = text[..<eq].trimmingCharacters(in: .whitespaces)
  let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
  return (key, value)
}
