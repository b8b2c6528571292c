import Foundation

/// Writes `Encodable` values (the listings' rows, `show`'s records, import plans) with
/// `JSONWriter`, keys in the order the type encodes them (for synthesized conformances, the
/// declaration order of its `CodingKeys`), a dictionary's keys sorted by their UTF-8 bytes (a
/// dictionary has no order of its own and the output must not change between runs).
///
/// Each value is first recorded as a small tree (`Node`) because `Encoder` lets a type ask for
/// containers and fill them in any order; the tree is then written in one pass. Foundation's
/// JSONEncoder is not used: it sorts keys with locale-aware comparison and goes through
/// JSONSerialization, which cost 87% of `accounts --format json`.
extension JSONWriter {
  /// One value, keys in its encoding order.
  public mutating func encode<T: Encodable>(_ value: T) throws {
    write(try JSONTree.node(of: value))
  }

  /// One object with `keys` first, in that order, each present (`null` when the value did not
  /// encode it, as for a nil optional), then any other keys in encoding order. A value that is
  /// not an object is written as it is.
  public mutating func encode<T: Encodable>(_ value: T, keys: [String]) throws {
    let node = try JSONTree.node(of: value)
    guard case .object(let pairs) = node else { return write(node) }
    beginObject()
    // A linear search per key: rows have about 20 short keys, and hashing them all for a
    // dictionary cost more than comparing (measured on `accounts --format json`).
    var used = [Bool](repeating: false, count: pairs.count)
    for k in keys {
      key(k)
      if let i = pairs.firstIndex(where: { $0.0 == k }) {
        used[i] = true
        write(pairs[i].1)
      } else {
        null()
      }
    }
    for (i, p) in pairs.enumerated() where !used[i] && !keys.contains(p.0) {
      key(p.0)
      write(p.1)
    }
    endObject()
  }

  mutating func write(_ node: JSONTree.Node) {
    switch node {
    case .null: null()
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    case .uint(let u): int(u)
    case .number(let d): number(d)
    case .text(let s): raw(s)
    case .string(let s): string(s)
    case .array(let items):
      beginArray()
      for item in items { write(item) }
      endArray()
    case .object(let pairs):
      beginObject()
      for (k, v) in pairs {
        key(k)
        write(v)
      }
      endObject()
    }
  }
}

/// The tree an `Encodable` value records; internal to the writer.
enum JSONTree {
  indirect enum Node {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case number(Double)
    /// A number already formatted (Float, Decimal).
    case text(String)
    case string(String)
    case array([Node])
    case object([(String, Node)])
  }

  static func node<T: Encodable>(of value: T) throws -> Node {
    let slot = Slot()
    try slot.store(value, codingPath: [])
    return slot.node
  }

  /// Where one value is recorded; containers record their primitive elements as nodes and
  /// hand out a slot only for a nested value.
  final class Slot {
    enum Kind {
      case empty
      case value(Node)
      case object
      case array
    }
    var kind: Kind = .empty
    var keys: [String] = []
    /// Elements in order; a nested one is a placeholder until `node` reads its slot.
    var values: [Node] = []
    var nested: [(index: Int, slot: Slot)] = []
    /// A dictionary: its keys are written sorted.
    var sortsKeys = false

    var node: Node {
      switch kind {
      case .empty: return .object([])
      case .value(let n): return n
      case .array: return .array(resolved())
      case .object:
        var pairs = Array(zip(keys, resolved()))
        if sortsKeys { pairs.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } }
        return .object(pairs)
      }
    }

    private func resolved() -> [Node] {
      var all = values
      for n in nested { all[n.index] = n.slot.node }
      return all
    }

    func add(_ key: String, _ n: Node) {
      keys.append(key)
      values.append(n)
    }

    func add(_ n: Node) { values.append(n) }

    func child(key: String) -> Slot {
      keys.append(key)
      return child()
    }

    func child() -> Slot {
      let s = Slot()
      nested.append((values.count, s))
      values.append(.null)
      return s
    }

    func set(_ n: Node) { kind = .value(n) }

    /// Primitives directly (a type comparison, cheaper than a cast); Foundation's special cases
    /// as JSONEncoder writes them by default (a URL as its absolute string, a Decimal as its
    /// number); anything else through its own `encode(to:)`.
    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
      if T.self == String.self {
        set(.string(value as! String))
      } else if T.self == Int.self {
        set(.int(Int64(value as! Int)))
      } else if T.self == Int64.self {
        set(.int(value as! Int64))
      } else if T.self == Double.self {
        set(.number(value as! Double))
      } else if T.self == Bool.self {
        set(.bool(value as! Bool))
      } else if T.self == URL.self {
        set(.string((value as! URL).absoluteString))
      } else if T.self == Decimal.self {
        set(.text((value as! Decimal).description))
      } else {
        if T.self is any StringKeyedDictionary.Type { sortsKeys = true }
        try value.encode(to: TreeEncoder(slot: self, codingPath: codingPath))
      }
    }

    /// A nested value: a primitive as a node, anything else in a slot of its own.
    func store<T: Encodable>(_ value: T, key: String?, codingPath: [any CodingKey]) throws {
      let s = key.map { child(key: $0) } ?? child()
      try s.store(value, codingPath: codingPath)
      if case .value(let n) = s.kind, let last = nested.last, last.slot === s {
        values[last.index] = n
        nested.removeLast()
      }
    }
  }

  struct TreeEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if case .object = slot.kind {} else { slot.kind = .object }
      return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if case .array = slot.kind {} else { slot.kind = .array }
      return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
      Single(slot: slot, codingPath: codingPath)
    }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.add(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
      slot.add(key.stringValue, .bool(value))
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
      slot.add(key.stringValue, .string(value))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
      slot.add(key.stringValue, .number(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
      slot.add(key.stringValue, .text(Single.format(value)))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
      slot.add(key.stringValue, .int(Int64(value)))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
      slot.add(key.stringValue, .int(Int64(value)))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
      slot.add(key.stringValue, .int(Int64(value)))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
      slot.add(key.stringValue, .int(Int64(value)))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
      slot.add(key.stringValue, .int(value))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
      slot.add(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
      slot.add(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
      slot.add(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
      slot.add(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
      slot.add(key.stringValue, .uint(value))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      try slot.store(value, key: key.stringValue, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
      keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
      let child = slot.child(key: key.stringValue)
      child.kind = .object
      return KeyedEncodingContainer(Keyed<NestedKey>(slot: child, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      let child = slot.child(key: key.stringValue)
      child.kind = .array
      return Unkeyed(slot: child, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder {
      TreeEncoder(slot: slot.child(key: "super"), codingPath: codingPath)
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
      TreeEncoder(slot: slot.child(key: key.stringValue), codingPath: codingPath + [key])
    }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int { slot.values.count }

    mutating func encodeNil() throws { slot.add(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
      try slot.store(value, key: nil, codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      let child = slot.child()
      child.kind = .object
      return KeyedEncodingContainer(Keyed<NestedKey>(slot: child, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      let child = slot.child()
      child.kind = .array
      return Unkeyed(slot: child, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder {
      TreeEncoder(slot: slot.child(), codingPath: codingPath)
    }
  }

  struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    static func format(_ f: Float) -> String { f.isFinite ? f.description : "null" }

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.set(.number(value)) }
    mutating func encode(_ value: Float) throws { slot.set(.text(Self.format(value))) }
    mutating func encode(_ value: Int) throws { slot.set(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { slot.set(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { slot.set(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { slot.set(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { slot.set(.int(value)) }
    mutating func encode(_ value: UInt) throws { slot.set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { slot.set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { slot.set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { slot.set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { slot.set(.uint(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
      try slot.store(value, codingPath: codingPath)
    }
  }
}

/// Marks the dictionaries whose keys the writer sorts (a `[String: V]` encodes as an object in
/// hash order, which changes from run to run).
protocol StringKeyedDictionary {}
extension Dictionary: StringKeyedDictionary where Key == String {}
