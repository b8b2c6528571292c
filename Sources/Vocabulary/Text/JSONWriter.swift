/// The one JSON writer: every JSON the registry prints (reports, scorecards, league tables,
/// listings, `show`, import plans) and the web API's bodies go through it.
///
/// It appends bytes to a buffer as each value is written, in the order the caller writes them:
/// no dictionary, no sorting, no Foundation, so key order is the one chosen in the code (and
/// documented with each output) and the cost is one pass over the output. Two styles: `pretty`
/// (two-space indentation, `"key": value`, the format of every pretty JSON the registry has
/// printed since the report's first version) and `compact` (one line, for NDJSON).
///
/// The caller keeps the structure right (a key before each value in an object, every container
/// closed); the writer only places commas, new lines and indentation.
public struct JSONWriter: Sendable {
  public enum Style: Sendable, Equatable {
    case pretty
    case compact
  }

  public let style: Style
  /// The JSON written so far, UTF-8.
  public private(set) var bytes: [UInt8]
  /// One entry per open container but the innermost: whether it has an element yet (a comma
  /// goes before the next). The innermost one's is `innerFilled`, read and set at every value
  /// without touching the array (`separate()`).
  private var filled: [Bool] = []
  /// The number of open containers.
  private var depth = 0
  /// Whether the innermost open container has an element yet.
  private var innerFilled = false
  /// A key was just written: its value follows on the same line, with no comma.
  private var afterKey = false

  public init(style: Style = .pretty, capacity: Int = 1 << 12) {
    self.style = style
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// The JSON written so far as text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Empties the buffer (after its bytes were sent) and keeps its capacity; the open containers
  /// stay open, so a long array can be flushed in parts.
  public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  // MARK: Structure

  public mutating func beginObject() { open(UInt8(ascii: "{")) }

  public mutating func endObject() { close(UInt8(ascii: "}")) }

  public mutating func beginArray() { open(UInt8(ascii: "[")) }

  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// An object's key; its value is the next thing written.
  public mutating func key(_ name: String) {
    separate()
    quote(name)
    bytes.append(UInt8(ascii: ":"))
    if style == .pretty { bytes.append(UInt8(ascii: " ")) }
    afterKey = true
  }

  /// An object key quoted once, for keys written again and again (a listing's columns on every
  /// row): `key(_:)` then copies its bytes instead of quoting the name each time.
  public struct Key: Sendable {
    /// The quoted name and its colon, in each style (pretty adds a space).
    fileprivate let pretty: [UInt8]
    fileprivate let compact: [UInt8]

    public init(_ name: String) {
      var w = JSONWriter(style: .compact, capacity: name.utf8.count + 4)
      w.key(name)
      compact = w.bytes
      pretty = compact + [UInt8(ascii: " ")]
    }
  }

  /// An object's key quoted beforehand (`Key`): the same bytes as `key(_ name:)`, in one copy.
  public mutating func key(_ key: Key) {
    separate()
    bytes.append(contentsOf: style == .pretty ? key.pretty : key.compact)
    afterKey = true
  }

  /// A new line ending a document (after its last closing bracket).
  public mutating func newline() { bytes.append(10) }

  // MARK: Values

  public mutating func string(_ s: String) {
    separate()
    quote(s)
  }

  public mutating func string(_ s: String?) {
    if let s { string(s) } else { null() }
  }

  public mutating func int<I: BinaryInteger>(_ i: I) {
    separate()
    bytes.append(contentsOf: String(i).utf8)
  }

  /// A number: integral values below 10^15 without a fraction (`3`, not `3.0`), others in
  /// Swift's shortest form that reads back to the same Double (`0.1`, `1e-05`); NaN and
  /// infinities, which JSON cannot hold, as `null`.
  public mutating func number(_ d: Double) {
    guard d.isFinite else { return null() }
    separate()
    if d == d.rounded(), abs(d) < 1e15 {
      bytes.append(contentsOf: String(Int64(d)).utf8)
    } else {
      bytes.append(contentsOf: d.description.utf8)
    }
  }

  public mutating func bool(_ b: Bool) {
    separate()
    bytes.append(contentsOf: (b ? "true" : "false").utf8)
  }

  public mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
  }

  /// A value that is already JSON text (a number formatted by the caller).
  public mutating func raw(_ json: String) {
    separate()
    bytes.append(contentsOf: json.utf8)
  }

  // MARK: Layout

  /// Before a key or a value: the comma after the previous element, and in pretty style a new
  /// line indented to the depth. Nothing after a key (its value follows it) or at the top.
  @inline(__always)
  private mutating func separate() {
    if afterKey {
      afterKey = false
      return
    }
    guard depth > 0 else { return }
    if innerFilled { bytes.append(UInt8(ascii: ",")) } else { innerFilled = true }
    if style == .pretty { indent(depth) }
  }

  /// A new line and two spaces per level, appended one by one (a `repeatElement` of spaces went
  /// through the generic sequence path, a slice of a static array of spaces retained it: 3.8M
  /// and 3.8M of the 174M instructions of `accounts --format json` on 1,657 rows).
  private mutating func indent(_ depth: Int) {
    bytes.append(10)
    for _ in 0..<(2 * depth) { bytes.append(32) }
  }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    if depth > 0 { filled.append(innerFilled) }
    depth += 1
    innerFilled = false
  }

  /// An empty container closes on its own line (`{}`, `[]`); a filled one on a new line at its
  /// opening depth.
  private mutating func close(_ bracket: UInt8) {
    precondition(depth > 0, "JSONWriter: a container closed that was not open")
    let had = innerFilled
    depth -= 1
    innerFilled = depth > 0 ? filled.removeLast() : false
    if had && style == .pretty { indent(depth) }
    bytes.append(bracket)
  }

  static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// A JSON string: `"` and `\` escaped, LF, CR and TAB as `\n`, `\r`, `\t`, other control
  /// characters and U+2028/U+2029 (line ends to JavaScript) as `\u00XX` / `\u2028`; everything
  /// else as its UTF-8 bytes.
  private mutating func quote(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { u in
      var i = 0
      var start = 0
      let n = u.count
      while i < n {
        let b = u[i]
        // Most bytes are letters, above `\`: one comparison, then 0xE2 (U+2028/U+2029).
        if b > 0x5C ? b != 0xE2 : (b >= 0x20 && b != 0x22 && b != 0x5C) {
          i += 1
          continue
        }
        if b == 0xE2 {
          // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
          guard i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 else {
            i += 1
            continue
          }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
        switch b {
        case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
        case 10: bytes.append(contentsOf: "\\n".utf8)
        case 13: bytes.append(contentsOf: "\\r".utf8)
        case 9: bytes.append(contentsOf: "\\t".utf8)
        case 0xE2:
          bytes.append(contentsOf: (u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
          i += 2
        default:
          bytes.append(contentsOf: "\\u00".utf8)
          bytes.append(Self.hex[Int(b >> 4)])
          bytes.append(Self.hex[Int(b & 15)])
        }
        i += 1
        start = i
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<n]))
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
