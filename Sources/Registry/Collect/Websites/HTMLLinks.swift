import Foundation

/// Link extraction from HTML: a tokenizer of start tags that copes with attributes in any order,
/// double, single or no quotes, character references (`&amp;`, `&#47;`, `&#x2F;`), comments and
/// the raw text of `<script>` and `<style>` (never links); `<base href>` and the page address
/// resolve relative links.
public enum HTMLLinks {
  /// A start tag: its lowercased name and attributes (names lowercased, values decoded; the
  /// first of a repeated attribute wins, as in HTML).
  public struct Tag: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
  }

  /// Every `<a href>` and `<area href>` of the page (and `<link rel="me">`), absolute, in page
  /// order, without repeats; `mailto:`, `tel:`, `javascript:` and fragment-only links are left out.
  public static func links(in html: String, pageURL: String) -> [String] {
    let all = tags(in: html)
    var base = URL(string: pageURL)
    if let href = all.first(where: { $0.name == "base" && $0.attributes["href"] != nil })?
      .attributes["href"], let b = resolve(href, against: base)
    {
      base = URL(string: b)
    }
    var seen = Set<String>()
    var out: [String] = []
    for tag in all {
      let linkTag =
        tag.name == "a" || tag.name == "area"
        || (tag.name == "link"
          && (tag.attributes["rel"] ?? "").lowercased().split(separator: " ").contains("me"))
      guard linkTag, let href = tag.attributes["href"], let url = resolve(href, against: base)
      else { continue }
      if seen.insert(url).inserted { out.append(url) }
    }
    return out
  }

  /// `href` made absolute against `base`; nil for non-http(s) schemes, fragment-only links and
  /// text that is no address.
  public static func resolve(_ href: String, against base: URL?) -> String? {
    // HTML strips leading and trailing spaces, and tabs and newlines anywhere, from a URL.
    let cleaned = String(
      href.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.filter {
        $0 != "\t" && $0 != "\n" && $0 != "\r"
      })
    if cleaned.isEmpty || cleaned.hasPrefix("#") { return nil }
    let encoded =
      cleaned.addingPercentEncoding(withAllowedCharacters: urlCharacters) ?? cleaned
    guard let url = URL(string: encoded, relativeTo: base)?.absoluteURL,
      let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      url.host != nil
    else { return nil }
    var text = url.absoluteString
    if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
    return text
  }

  /// The characters left as they are when a link is percent-encoded: those a URL may hold,
  /// `%` included (a link already encoded stays as it is).
  private static let urlCharacters = CharacterSet(
    charactersIn:
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")

  /// The start tags of the page, in order.
  public static func tags(in html: String) -> [Tag] {
    let s = Array(html.utf8)
    var out: [Tag] = []
    var i = 0
    let n = s.count
    while i < n {
      guard s[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if starts(s, i, "<!--") {
        i = find(s, i + 4, "-->").map { $0 + 3 } ?? n
        continue
      }
      if i + 1 < n,
        s[i + 1] == UInt8(ascii: "!") || s[i + 1] == UInt8(ascii: "?")
          || s[i + 1] == UInt8(ascii: "/")
      {
        i = (s[i..<n].firstIndex(of: UInt8(ascii: ">")) ?? (n - 1)) + 1
        continue
      }
      guard i + 1 < n, isLetter(s[i + 1]) else {
        i += 1
        continue
      }
      var j = i + 1
      while j < n, !isSpace(s[j]), s[j] != UInt8(ascii: ">"), s[j] != UInt8(ascii: "/") {
        j += 1
      }
      let name = String(decoding: s[(i + 1)..<j], as: UTF8.self).lowercased()
      var attributes: [String: String] = [:]
      // Attributes: name, optionally = and a value in "", '' or unquoted, until > (a / before
      // > only closes a void tag).
      while j < n, s[j] != UInt8(ascii: ">") {
        if isSpace(s[j]) || s[j] == UInt8(ascii: "/") {
          j += 1
          continue
        }
        let nameStart = j
        while j < n, !isSpace(s[j]), s[j] != UInt8(ascii: "="), s[j] != UInt8(ascii: ">"),
          !(s[j] == UInt8(ascii: "/") && j + 1 < n && s[j + 1] == UInt8(ascii: ">"))
        {
          j += 1
        }
        let attrName = String(decoding: s[nameStart..<j], as: UTF8.self).lowercased()
        while j < n, isSpace(s[j]) { j += 1 }
        var value = ""
        if j < n, s[j] == UInt8(ascii: "=") {
          j += 1
          while j < n, isSpace(s[j]) { j += 1 }
          if j < n, s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") {
            let quote = s[j]
            let start = j + 1
            j = s[start..<n].firstIndex(of: quote) ?? n
            value = String(decoding: s[start..<j], as: UTF8.self)
            j = min(n, j + 1)
          } else {
            let start = j
            while j < n, !isSpace(s[j]), s[j] != UInt8(ascii: ">") { j += 1 }
            value = String(decoding: s[start..<j], as: UTF8.self)
          }
        }
        if !attrName.isEmpty, attributes[attrName] == nil {
          attributes[attrName] = decodeReferences(value)
        }
      }
      out.append(Tag(name: name, attributes: attributes))
      i = j + 1
      // The content of these elements is text, not markup: skip to the end tag.
      if name == "script" || name == "style" || name == "textarea" || name == "title" {
        i = findCaseInsensitive(s, i, "</" + name) ?? n
      }
    }
    return out
  }

  /// Character references decoded: the named ones links use, decimal and hexadecimal.
  public static func decodeReferences(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      let end = after.prefix(12).firstIndex(of: ";")
      if let end {
        let body = after[..<end]
        if let scalar = reference(body) {
          out.unicodeScalars.append(scalar)
          rest = after[after.index(after: end)...]
          continue
        }
      }
      out += "&"
      rest = after
    }
    return out + rest
  }

  private static func reference(_ body: Substring) -> Unicode.Scalar? {
    if body.hasPrefix("#x") || body.hasPrefix("#X") {
      return UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
    }
    if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init) }
    return named[String(body)]
  }

  private static let named: [String: Unicode.Scalar] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    "sol": "/", "colon": ":", "quest": "?", "equals": "=", "num": "#", "percnt": "%",
    "period": ".", "lowbar": "_", "commat": "@",
  ]

  private static func isLetter(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
  }

  private static func starts(_ s: [UInt8], _ i: Int, _ text: String) -> Bool {
    let t = Array(text.utf8)
    return i + t.count <= s.count && Array(s[i..<(i + t.count)]) == t
  }

  private static func find(_ s: [UInt8], _ from: Int, _ text: String) -> Int? {
    let t = Array(text.utf8)
    guard from + t.count <= s.count else { return nil }
    for i in from...(s.count - t.count) where s[i] == t[0] && starts(s, i, text) { return i }
    return nil
  }

  private static func findCaseInsensitive(_ s: [UInt8], _ from: Int, _ text: String) -> Int? {
    let t = Array(text.lowercased().utf8)
    guard from + t.count <= s.count else { return nil }
    var i = from
    while i <= s.count - t.count {
      var k = 0
      while k < t.count, lower(s[i + k]) == t[k] { k += 1 }
      if k == t.count { return i }
      i += 1
    }
    return nil
  }

  private static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b + 32 : b }
}
