import Foundation

/// A JSON document with keys kept in the order written, so the output is stable and diffable.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

  /// A metric as a number, or null when missing.
  public static func metric(_ m: Metric<Double>) -> JSONValue {
    m.value.map { .number($0) } ?? .null
  }

  public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

  /// Pretty-printed with two-space indentation.
  public func serialized(indent: String = "") -> String {
    let inner = indent + "  "
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .number(let d): return Self.number(d)
    case .string(let s): return Self.quote(s)
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + $0.serialized(indent: inner) }.joined(separator: ",\n")
        + "\n" + indent + "]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n"
        + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.serialized(indent: inner) }
        .joined(separator: ",\n") + "\n" + indent + "}"
    }
  }

  /// Integral values print without a fraction; others with up to 10 significant decimals.
  static func number(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    let rounded = (d * 1e10).rounded() / 1e10
    // A value within 5e-11 of an integer (a Wilson bound of 1e-17) prints as that integer, as an
    // exact one does: not "0.0" beside "0".
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return "\(rounded)"
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u == "\u{2028}" || u == "\u{2029}" {
          out += String(format: "\\u%04x", u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
