import Vocabulary

/// A JSON document with keys kept in the order written, so the output is stable and diffable:
/// the report's and the scorecards' documents are built as values (their parts are assembled
/// by several functions) and written with `JSONWriter`, the one JSON writer.
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
  public func serialized() -> String {
    var w = JSONWriter(style: .pretty)
    write(into: &w)
    return w.text
  }

  /// On one line, for NDJSON and CSV cells.
  public func compact() -> String {
    var w = JSONWriter(style: .compact, capacity: 256)
    write(into: &w)
    return w.text
  }

  /// Writes the value at the writer's position (after a key, as an element, or at the top).
  public func write(into w: inout JSONWriter) {
    switch self {
    case .null: w.null()
    case .bool(let b): w.bool(b)
    case .int(let i): w.int(i)
    case .number(let d): w.raw(Self.number(d))
    case .string(let s): w.string(s)
    case .array(let items):
      w.beginArray()
      for item in items { item.write(into: &w) }
      w.endArray()
    case .object(let pairs):
      w.beginObject()
      for (k, v) in pairs {
        w.key(k)
        v.write(into: &w)
      }
      w.endObject()
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
}
