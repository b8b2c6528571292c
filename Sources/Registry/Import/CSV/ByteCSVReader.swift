import Foundation

/// One row's fields as byte ranges: either in place in the input's read buffer (the common
/// case, no copy) or in this row's own buffer (quoted fields, rows spanning two reads, JSON).
/// Valid until the next read.
public final class RawRow {
  // The hot loop touches these for every field: exclusivity is checked statically by
  // construction (no re-entrant access), so skip the dynamic checks.
  /// Own buffer, for rows that cannot be tokenized in place.
  @exclusivity(unchecked) private(set) var own: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  /// Base of the field offsets: `own`, or the input buffer for a row tokenized in place.
  @exclusivity(unchecked) var base: UnsafePointer<UInt8>
  /// Bytes appended to `own`.
  @exclusivity(unchecked) var length = 0
  /// Field `i` is `base[starts[i]..<ends[i]]`.
  @exclusivity(unchecked) var starts: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) var ends: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var fieldCapacity: Int
  /// Number of fields in the row.
  @exclusivity(unchecked) public internal(set) var count = 0
  /// The row may hold a NUL byte or non-ASCII bytes (checked for UTF-8 before use).
  @exclusivity(unchecked) var suspect = false
  /// 1-based line number where the row starts.
  @exclusivity(unchecked) public internal(set) var line = 0

  init() {
    capacity = 4096
    own = .allocate(capacity: capacity)
    base = UnsafePointer(own)
    fieldCapacity = 32
    starts = .allocate(capacity: fieldCapacity)
    ends = .allocate(capacity: fieldCapacity)
  }

  deinit {
    own.deallocate()
    starts.deallocate()
    ends.deallocate()
  }

  /// Starts a row in the own buffer.
  func reset() {
    length = 0
    count = 0
    base = UnsafePointer(own)
    suspect = true
  }

  @inline(__always) func append(_ b: UInt8) {
    if length == capacity { grow() }
    own[length] = b
    length += 1
  }

  func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
    while length + n > capacity { grow() }
    (own + length).update(from: p, count: n)
    length += n
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
    bigger.update(from: own, count: length)
    own.deallocate()
    own = bigger
    base = UnsafePointer(own)
    capacity *= 2
  }

  @inline(never) private func growFields() {
    let n = fieldCapacity * 2
    let s = UnsafeMutablePointer<Int>.allocate(capacity: n)
    let e = UnsafeMutablePointer<Int>.allocate(capacity: n)
    s.update(from: starts, count: count)
    e.update(from: ends, count: count)
    starts.deallocate()
    ends.deallocate()
    starts = s
    ends = e
    fieldCapacity = n
  }

  /// Ends a field of the own buffer that began at `start`.
  @inline(__always) func endField(start: Int) { addField(start, length) }

  /// Adds a field `base[start..<end]`.
  @inline(__always) func addField(_ start: Int, _ end: Int) {
    if count == fieldCapacity { growFields() }
    starts[count] = start
    ends[count] = end
    count += 1
  }

  /// Field `i` as bytes; empty when the row has fewer fields.
  @inline(__always) public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    guard i >= 0, i < count else { return UnsafeBufferPointer(start: base, count: 0) }
    return UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
  }

  /// A blank line: one empty field.
  public var isBlank: Bool { count == 1 && starts[0] == ends[0] }

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

/// The one CSV reader: streaming RFC 4180 over bytes (UTF-8 with or without BOM, CRLF or LF,
/// quoted fields with doubled quotes), tokenizing most rows in place in its read buffer. Its
/// `Dialect` says the few things the registry's CSV files differ in: the snapshot importer
/// (`init(input:)`: header read and lower-cased, blank lines skipped, every row checked), and
/// the seed, curation and export-converter files (`init(records:dialect:)`: every record as
/// written, checked by its reader).
public final class ByteCSVReader {
  /// The longest field accepted: larger ones are refused (an unclosed quote, or not a value).
  public static let maxFieldBytes = 65_536

  /// How the bytes are cut into records.
  public struct Dialect: Sendable {
    /// The separator; nil: whichever of `,` and `;` occurs more in the header line (outside
    /// quotes), since a spreadsheet in a French or Dutch locale writes `;`.
    public var delimiter: UInt8?
    /// A CR not followed by LF ends a record (the line end of classic Mac spreadsheets, which
    /// seed, curation and export files may have); otherwise it is dropped, and only LF or CRLF
    /// ends a line (snapshot files).
    public var loneCarriageReturnEndsRecord: Bool
    /// Fields longer than this are refused while reading; nil: no limit (the reader of a file
    /// already held whole in memory checks lengths itself, with its own message).
    public var fieldLimit: Int?

    public init(delimiter: UInt8?, loneCarriageReturnEndsRecord: Bool, fieldLimit: Int?) {
      self.delimiter = delimiter
      self.loneCarriageReturnEndsRecord = loneCarriageReturnEndsRecord
      self.fieldLimit = fieldLimit
    }

    /// The bulk snapshot import (`snapshot import FILE`).
    public static let snapshots = Dialect(
      delimiter: nil, loneCarriageReturnEndsRecord: false, fieldLimit: maxFieldBytes)
  }

  public let input: ByteInput
  @exclusivity(unchecked) public private(set) var header: [String] = []
  @exclusivity(unchecked) public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
  @exclusivity(unchecked) private var line = 1
  private let fieldLimit: Int
  private let loneCarriageReturnEndsRecord: Bool
  /// Byte classes for the in-place tokenizer: see `readInPlace`.
  private let classes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
  private static let ordinary: UInt8 = 0
  private static let separator: UInt8 = 1
  private static let newline: UInt8 = 2
  private static let special: UInt8 = 3
  private static let suspect: UInt8 = 4

  /// The snapshot importer's reader: the header is read (trimmed, lower-cased) and `next(into:)`
  /// gives the rows under it.
  public convenience init(input: ByteInput) throws {
    try self.init(records: input, dialect: .snapshots)
    let row = RawRow()
    guard try next(into: row) else {
      throw RegistryError.input(
        file: input.name, line: 1, field: "header", reason: "the file is empty")
    }
    header = (0..<row.count).map {
      row.string($0).trimmingCharacters(in: .whitespaces).lowercased()
    }
  }

  /// A reader of records: nothing is read yet, and `nextRecord(into:)` gives every record, the
  /// header first.
  public init(records input: ByteInput, dialect: Dialect) throws {
    self.input = input
    fieldLimit = dialect.fieldLimit ?? Int.max
    loneCarriageReturnEndsRecord = dialect.loneCarriageReturnEndsRecord
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
    if let fixed = dialect.delimiter {
      delimiter = fixed
    } else {
      var commas = 0
      var semicolons = 0
      var quoted = false
      for i in start..<head.count {
        let b = head[i]
        if b == UInt8(ascii: "\"") { quoted.toggle() }
        if quoted { continue }
        if b == UInt8(ascii: "\n") || (loneCarriageReturnEndsRecord && b == UInt8(ascii: "\r")) {
          break
        }
        if b == UInt8(ascii: ",") { commas += 1 }
        if b == UInt8(ascii: ";") { semicolons += 1 }
      }
      delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
    classes.initialize(repeating: Self.ordinary, count: 256)
    for b in 0x80...0xFF { classes[b] = Self.suspect }
    classes[0] = Self.suspect
    classes[Int(delimiter)] = Self.separator
    classes[Int(UInt8(ascii: "\n"))] = Self.newline
    classes[Int(UInt8(ascii: "\r"))] = Self.special
    classes[Int(UInt8(ascii: "\""))] = Self.special
  }

  deinit { classes.deallocate() }

  /// Reads the next non-blank row into `row`, checked against the header; false at the end of
  /// the input.
  public func next(into row: RawRow) throws -> Bool {
    while true {
      guard try nextRecord(into: row) else { return false }
      if row.isBlank { continue }
      try check(row)
      return true
    }
  }

  /// Reads the next record into `row` as written (a blank line is one empty field), unchecked;
  /// false at the end of the input.
  @inline(__always) public func nextRecord(into row: RawRow) throws -> Bool {
    if readInPlace(row) { return true }
    return try readRow(into: row)
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
    guard row.suspect else { return }
    var suspect = false
    for f in 0..<row.count {
      let b = row.field(f)
      for c in b where c == 0 || c >= 0x80 {
        suspect = true
        break
      }
      if suspect { break }
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
        "is longer than \(fieldLimit) bytes: not a value this file can hold "
        + "(an unclosed quote?)")
  }

  /// The common case without copying: a row of unquoted fields that ends with LF or CRLF
  /// inside the bytes already read, tokenized as offsets into the read buffer. Anything else
  /// (a quote, a lone CR, an over-long field, a row running past the buffer) returns false
  /// having consumed nothing, and `readRow` reads the row again the general way.
  @inline(__always) private func readInPlace(_ row: RawRow) -> Bool {
    let n = input.count
    var i = input.position
    guard i < n else { return false }
    let buf = UnsafePointer(input.buffer)
    let cls = UnsafePointer(classes)
    let max = fieldLimit
    var fieldStart = i
    var suspect = false
    var ended = false
    row.count = 0
    while true {
      // Skip ordinary bytes in a tight loop; dispatch only on the few others.
      while i < n && cls[Int(buf[i])] == Self.ordinary { i &+= 1 }
      if i == n { break }
      let k = cls[Int(buf[i])]
      if k == Self.separator {
        if i - fieldStart > max { return false }
        row.addField(fieldStart, i)
        i += 1
        fieldStart = i
      } else if k == Self.newline {
        if i - fieldStart > max { return false }
        row.addField(fieldStart, i)
        i += 1
        ended = true
        break
      } else if k == Self.suspect {
        suspect = true
        i += 1
      } else if buf[i] == UInt8(ascii: "\r") && i + 1 < n && buf[i + 1] == UInt8(ascii: "\n") {
        if i - fieldStart > max { return false }
        row.addField(fieldStart, i)
        i += 2
        ended = true
        break
      } else {
        return false
      }
    }
    if !ended { return false }
    row.base = buf
    row.suspect = suspect
    row.line = line
    line += 1
    input.position = i
    return true
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
            if row.length - fieldStart > fieldLimit { throw tooLong(row) }
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
          } else if loneCarriageReturnEndsRecord {
            // The CR ends the record; an LF right after it (maybe in the next read) is the
            // same line end.
            row.endField(start: fieldStart)
            line += 1
            input.position = i
            if try input.refill(), input.buffer[input.position] == nl { input.position += 1 }
            return true
          }  // else a CR is dropped: CRLF ends a line at its LF
        case .quoted:
          var j = i
          while j < n && buf[j] != quote {
            if buf[j] == nl { line += 1 }
            j += 1
          }
          if j > i {
            row.append(buf + i, j - i)
            if row.length - fieldStart > fieldLimit { throw tooLong(row) }
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
