/// Finds an object key given twice in a JSON text. JSON parsers keep one of the two values
/// without a word (which one depends on the parser), so an import file with `"followers"` twice
/// in a row would store a guess: imports refuse it, as they refuse a CSV header with a column
/// twice. Keys are compared after their escapes are decoded (`"a"` and `"\u0061"` are one key).
/// Only well-formed text is judged: on anything else it returns nil and the parser says why.
enum JSONDuplicateKeys {
  struct Duplicate: Equatable {
    /// The key, decoded.
    var key: String
    /// The 1-based line of the second occurrence.
    var line: Int
    /// The 1-based position of the top-level array element holding it (1 for a text that is
    /// one object).
    var element: Int
  }

  /// The first key given twice in one object of `bytes`, or nil.
  static func first(in bytes: [UInt8]) -> Duplicate? {
    bytes.withUnsafeBufferPointer { b in
      var scanner = Scanner(b: b)
      return scanner.run(all: false).first
    }
  }

  /// Per top-level array element (1-based position), the first key it gives twice; empty when
  /// none does (or the text is not well-formed).
  static func perElement(in bytes: [UInt8]) -> [Int: Duplicate] {
    bytes.withUnsafeBufferPointer { b in
      var scanner = Scanner(b: b)
      var out: [Int: Duplicate] = [:]
      for d in scanner.run(all: true) where out[d.element] == nil { out[d.element] = d }
      return out
    }
  }

  private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var line = 1
    /// Per open container: nil for an array, the keys seen for an object.
    var stack: [Set<[UInt8]>?] = []
    /// Whether the next string in the innermost object is a key.
    var expectKey: [Bool] = []
    var element = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The duplicates found, in text order: the first one only unless `all`.
    mutating func run(all: Bool) -> [Duplicate] {
      var found: [Duplicate] = []
      while i < b.count {
        let c = b[i]
        switch c {
        case UInt8(ascii: "\n"):
          line += 1
          i += 1
        case UInt8(ascii: "{"):
          if stack.count == 1 && stack[0] == nil { element += 1 }
          if stack.isEmpty { element = 1 }
          stack.append([])
          expectKey.append(true)
          i += 1
        case UInt8(ascii: "["):
          stack.append(nil)
          expectKey.append(false)
          i += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          guard !stack.isEmpty else { return all ? found : [] }
          stack.removeLast()
          expectKey.removeLast()
          i += 1
        case UInt8(ascii: ","):
          // After a comma inside an object, the next string is a key again.
          if let last = stack.last, last != nil { expectKey[expectKey.count - 1] = true }
          i += 1
        case UInt8(ascii: ":"):
          if !expectKey.isEmpty { expectKey[expectKey.count - 1] = false }
          i += 1
        case UInt8(ascii: "\""):
          let keyLine = line
          guard let text = string() else { return all ? found : [] }
          if let top = stack.last, var keys = top, expectKey.last == true {
            if !keys.insert(text).inserted {
              found.append(
                Duplicate(
                  key: String(decoding: text, as: UTF8.self), line: keyLine,
                  element: max(element, 1)))
              if !all { return found }
            }
            stack[stack.count - 1] = keys
          }
        default:
          i += 1
        }
      }
      return found
    }

    /// Reads a string at `i` (on its opening quote) and returns its decoded bytes; nil when it
    /// is not well-formed.
    mutating func string() -> [UInt8]? {
      var out: [UInt8] = []
      i += 1
      while i < b.count {
        let c = b[i]
        if c == UInt8(ascii: "\"") {
          i += 1
          return out
        }
        if c == UInt8(ascii: "\n") { return nil }
        guard c == UInt8(ascii: "\\") else {
          out.append(c)
          i += 1
          continue
        }
        guard i + 1 < b.count else { return nil }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "u"):
          guard var code = hex4() else { return nil }
          // A surrogate pair is one character.
          if (0xD800..<0xDC00).contains(code), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
            b[i + 1] == UInt8(ascii: "u")
          {
            i += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { return nil }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: return nil
        }
      }
      return nil
    }

    /// Four hex digits at `i`, consumed.
    mutating func hex4() -> UInt32? {
      guard i + 4 <= b.count else { return nil }
      var v: UInt32 = 0
      for k in 0..<4 {
        let c = b[i + k]
        let d: UInt32
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
        v = v * 16 + d
      }
      i += 4
      return v
    }
  }
}
