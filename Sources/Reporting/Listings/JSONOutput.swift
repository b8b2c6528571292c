import Vocabulary

/// `show` and the import plans as JSON: one value, pretty-printed by the one JSON writer, keys
/// in the order the value's type encodes them (its declaration order), a dictionary's keys
/// sorted.
public enum JSONOutput {
  public static func pretty<T: Encodable>(_ value: T) throws -> String {
    var w = JSONWriter(style: .pretty)
    try w.encode(value)
    return w.text
  }
}
