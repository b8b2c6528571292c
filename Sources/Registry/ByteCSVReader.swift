import Foundation

/// One row's fields as byte ranges in a reused buffer: no allocation per field or row.
public final class RawRow {
  // The hot loop touches these for every byte run: exclusivity is checked statically by
  // construction (no re-entrant access), so skip the dynamic checks.
  @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) var length = 0
  @exclusivity(unchecked) var starts: [Int] = []
  @exclusivity(unchecked) var ends: [Int] = []
  /// Number of fields in the row.
  @exclusivity(unchecked) public internal(set) var count = 0
  /// 1-based line number where the row starts.
  public internal(set) var line = 0

  init() {
    capacity = 4096
    bytes = .allocate(capacity: capacity)
    starts.reserveCapacity(32)
    ends.reserveCapacity(32)
  }

  deinit { bytes.deallocate() }

  func reset() {
    length = 0
    count = 0
  }

  @inline(__always) func append(_ b: UInt8) {
    if length == capacity { grow() }
    bytes[length] = b
    length += 1
  }

  func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
    while length + n > capacity { grow() }
    (bytes + length).update(from: p, count: n)
    length += n
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
    bigger.update(from: bytes, count: length)
    bytes.deallocate()
    bytes = bigger
    capacity *= 2
  }

  @inline(__always) func endField(start: Int) {
    if count < starts.count {
      starts[count] = start
      ends[count] = length
    } else {
      starts.append(start)
      ends.append(length)
    }
    count += 1
  }

  /// Field `i` as bytes; empty when the row has fewer fields.
  @inline(__always) public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    guard i >= 0, i < count else { return UnsafeBufferPointer(start: bytes, count: 0) }
    return UnsafeBufferPointer(start: bytes + starts[i], count: ends[i] - starts[i])
  }

  /// Field `i` as text (invalid UTF-8 is repaired with U+FFFD).
  public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

  /// Replaces the content with these texts (used by the JSON readers).
  func set(_ values: [String?]) {
    reset()
    for v in values {
      let start = length
      if let v { for b in v.utf8 { append(b) } }
      endField(start: start)
    }
  }
}

/// A streaming RFC 4180 CSV reader over bytes: header row, `,` or `;` (detected from the
/// header), UTF-8 with or without BOM, CRLF or LF, quoted fields with doubled quotes.
public final class ByteCSVReader {
  /// The longest field accepted: larger ones are refused (an unclosed quote, or not a value).
  public static let maxFieldBytes = 65_536
  public let input: ByteInput
  public private(set) var header: [String] = []
  public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
  @exclusivity(unchecked) private var line = 1

  public init(input: ByteInput) throws {
    self.input = input
    let head = try input.peek()
    if head.count >= 2
      && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
    {
      throw RegistryError.input(
        file: input.name, line: 1, field: "file",
        reason: "is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet's Save As)")
    }
    var start = 0
    if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
      input.position += 3
      start = 3
    }
    // The delimiter is whichever of `,` and `;` occurs more in the header line (outside quotes).
    var commas = 0
    var semicolons = 0
    var quoted = false
    for i in start..<head.count {
      let b = head[i]
      if b == UInt8(ascii: "\"") { quoted.toggle() }
      if quoted { continue }
      if b == UInt8(ascii: "\n") { break }
      if b == UInt8(ascii: ",") { commas += 1 }
      if b == UInt8(ascii: ";") { semicolons += 1 }
    }
    delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    let row = RawRow()
    guard try next(into: row) else {
      throw RegistryError.input(
        file: input.name, line: 1, field: "header", reason: "the file is empty")
    }
    header = (0..<row.count).map {
      row.string($0).trimmingCharacters(in: .whitespaces).lowercased()
    }
  }

  /// Reads the next non-blank row into `row`; false at the end of the input.
  public func next(into row: RawRow) throws -> Bool {
    while true {
      guard try readRow(into: row) else { return false }
      if row.count == 1 && row.length == 0 { continue }  // a blank line
      try check(row)
      return true
    }
  }

  /// Refuses a row whose field count differs from the header's, or with a NUL byte or invalid
  /// UTF-8 in a field, naming the column.
  private func check(_ row: RawRow) throws {
    if !header.isEmpty && row.count != header.count {
      throw RegistryError.input(
        file: input.name, line: row.line, field: "row",
        reason:
          "has \(row.count) field\(row.count == 1 ? "" : "s"), the header has \(header.count) "
          + "(a missing or extra '\(Character(Unicode.Scalar(delimiter)))', or an unquoted one "
          + "inside a value?)")
    }
    var suspect = false
    let p = row.bytes
    for i in 0..<row.length where p[i] == 0 || p[i] >= 0x80 {
      suspect = true
      break
    }
    guard suspect else { return }
    for f in 0..<row.count {
      let b = row.field(f)
      let name = f < header.count ? header[f] : (header.isEmpty ? "header" : "row")
      if b.contains(0) {
        throw RegistryError.input(
          file: input.name, line: row.line, field: name,
          reason: "contains a NUL byte (is the file text, and UTF-8?)")
      }
      if String(validating: b, as: UTF8.self) == nil {
        throw RegistryError.input(
          file: input.name, line: row.line, field: name,
          reason: "is not valid UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8")
      }
    }
  }

  private func tooLong(_ row: RawRow) -> RegistryError {
    let name = row.count < header.count ? header[row.count] : (header.isEmpty ? "header" : "row")
    return RegistryError.input(
      file: input.name, line: row.line, field: name,
      reason:
        "is longer than \(Self.maxFieldBytes) bytes: not a value this file can hold "
        + "(an unclosed quote?)")
  }

  private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

  private func readRow(into row: RawRow) throws -> Bool {
    row.reset()
    row.line = line
    var state = State.fieldStart
    var fieldStart = 0
    var sawAnything = false
    let delim = delimiter
    let quote = UInt8(ascii: "\"")
    let nl = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    while try input.refill() {
      let buf = input.buffer
      var i = input.position
      let n = input.count
      sawAnything = true
      while i < n {
        let b = buf[i]
        switch state {
        case .fieldStart, .unquoted:
          if state == .fieldStart && b == quote {
            state = .quoted
            i += 1
            continue
          }
          // Fast path: copy a run of ordinary bytes at once.
          var j = i
          while j < n {
            let c = buf[j]
            if c == delim || c == nl || c == cr { break }
            j += 1
          }
          if j > i {
            row.append(buf + i, j - i)
            if row.length - fieldStart > Self.maxFieldBytes { throw tooLong(row) }
          }
          state = .unquoted
          i = j
          if i == n { break }
          let c = buf[i]
          i += 1
          if c == delim {
            row.endField(start: fieldStart)
            fieldStart = row.length
            state = .fieldStart
          } else if c == nl {
            row.endField(start: fieldStart)
            line += 1
            input.position = i
            return true
          }  // a CR is dropped: CRLF ends a line at its LF
        case .quoted:
          var j = i
          while j < n && buf[j] != quote {
            if buf[j] == nl { line += 1 }
            j += 1
          }
          if j > i {
            row.append(buf + i, j - i)
            if row.length - fieldStart > Self.maxFieldBytes { throw tooLong(row) }
          }
          i = j
          if i < n {
            state = .quoteInQuoted
            i += 1
          }
        case .quoteInQuoted:
          if b == quote {
            row.append(quote)
            state = .quoted
            i += 1
          } else if b == delim || b == nl || b == cr {
            state = .unquoted
          } else {
            throw RegistryError.input(
              file: input.name, line: line, field: "row",
              reason:
                "unexpected text after a closing quote (quotes inside a field are doubled: \"\")")
          }
        }
      }
      input.position = n
    }
    if !sawAnything && row.count == 0 && row.length == 0 && state == .fieldStart { return false }
    if state == .quoted {
      throw RegistryError.input(
        file: input.name, line: row.line, field: "row", reason: "a quoted field is never closed")
    }
    if state == .fieldStart && row.count == 0 && row.length == 0 { return false }
    row.endField(start: fieldStart)
    return true
  }
}
