import Foundation

/// Turns an HTML page's bytes into text: UTF-8 or Latin-1, as the `Content-Type` header or a
/// `<meta>` tag declares, else detected (bytes that are valid UTF-8 are UTF-8, others Latin-1).
public enum HTMLText {
  /// The encodings a page is read in.
  public enum Charset: String, Sendable, Equatable {
    case utf8 = "utf-8"
    /// ISO-8859-1 and windows-1252, which browsers treat as one (HTML's encoding standard).
    case latin1 = "windows-1252"
  }

  /// The page's text and the charset used.
  public static func decode(_ body: Data, contentType: String?) -> (text: String, charset: Charset)
  {
    let charset =
      contentType.flatMap(charset(inContentType:)) ?? metaCharset(body) ?? detect(body)
    switch charset {
    case .utf8: return (String(decoding: body, as: UTF8.self), .utf8)
    case .latin1: return (latin1(body), .latin1)
    }
  }

  /// The charset a `Content-Type` value names (`text/html; charset=ISO-8859-1`), when known.
  public static func charset(inContentType value: String) -> Charset? {
    for part in value.split(separator: ";").dropFirst() {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2,
        pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
      else { continue }
      return named(pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
    }
    return nil
  }

  /// The charset a label names; nil for labels this reader does not handle.
  static func named(_ label: String) -> Charset? {
    switch label.lowercased() {
    case "utf-8", "utf8", "unicode-1-1-utf-8": return .utf8
    case "iso-8859-1", "iso8859-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii",
      "ascii", "iso_8859-1", "iso-8859-15", "latin-1":
      return .latin1
    default: return nil
    }
  }

  /// A charset declared by `<meta charset=...>` or `<meta http-equiv="Content-Type"
  /// content="...; charset=...">` in the first 1,024 bytes (where HTML requires it to be).
  static func metaCharset(_ body: Data) -> Charset? {
    let head = String(decoding: body.prefix(1024).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
    for tag in HTMLLinks.tags(in: head) where tag.name == "meta" {
      if let c = tag.attributes["charset"] { return named(c.trimmingCharacters(in: .whitespaces)) }
      if tag.attributes["http-equiv"]?.lowercased() == "content-type",
        let content = tag.attributes["content"]
      {
        return charset(inContentType: content)
      }
    }
    return nil
  }

  /// UTF-8 when the bytes are valid UTF-8 (ASCII included), else Latin-1.
  static func detect(_ body: Data) -> Charset {
    isValidUTF8(body) ? .utf8 : .latin1
  }

  static func isValidUTF8(_ data: Data) -> Bool {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  /// windows-1252: bytes 0x80-0x9F are the typographic characters (quotes, dashes, euro sign);
  /// the others are the Unicode code point of the same number.
  static func latin1(_ body: Data) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(body.count)
    for byte in body {
      if (0x80...0x9F).contains(byte), let s = cp1252High[Int(byte) - 0x80] {
        scalars.append(s)
      } else {
        scalars.append(Unicode.Scalar(byte))
      }
    }
    return String(scalars)
  }

  private static let cp1252High: [Unicode.Scalar?] = [
    "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
    nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
  ]
}
