import Foundation
import Vocabulary

/// A channel's identity on its platform: the platform and the canonical handle.
///
/// `Handle.parse` accepts whatever a user pastes and decides the platform like this:
/// - An `http(s)://` address, or `host.tld/path` without a scheme, on a known platform host
///   (twitter.com, x.com, facebook.com, fb.com, instagram.com, youtube.com, tiktok.com,
///   linkedin.com, threads.net/.com, t.me, whatsapp.com, bsky.app and their subdomains such as
///   `m.` or `mobile.`) belongs to that platform. A contradicting hint is refused; the two
///   Facebook hints both accept page and group addresses, the address decides which it is.
/// - An address on any other host is a `website` with that hint, a Mastodon account with the
///   `mastodon` hint, and a Mastodon account without a hint only when its path is exactly `/@user`
///   (the Fediverse profile convention). Otherwise it is refused: give the platform.
/// - Text that is no address: the hint decides. Without a hint `@user@domain` and `user@domain`
///   are Mastodon, `did:...` and a domain name such as `name.bsky.social` are Bluesky, and a bare
///   `@name` or `name` is X. `www.`-names are refused as probable websites.
/// - `mailing_list` and `sms_alert` need their hint and take a descriptive slug; anything that
///   looks like an e-mail address or a phone number is refused, so no personal data enters.
public struct Handle: Hashable, Sendable, CustomStringConvertible {
  public let platform: Platform
  /// Canonical form: two spellings of one handle give the same `canonical`.
  public let canonical: String

  public init(platform: Platform, canonical: String) {
    self.platform = platform
    self.canonical = canonical
  }

  public var description: String { "\(platform.rawValue):\(canonical)" }

  /// Longest input looked at, in UTF-8 bytes; longer text is refused before any parsing.
  public static let maxInputLength = 2048

  /// Turns a pasted handle or URL into (platform, canonical handle), or refuses it with a reason.
  /// `platform` is a hint for bare handles; without it a bare `@name` is taken as X.
  public static func parse(_ text: String, platform: Platform? = nil) -> Result<Handle, HandleError>
  {
    Result { () throws(HandleError) -> Handle in
      try HandleParser(input: text, hint: platform).parse()
    }
  }

  /// Like `parse(_:platform:)` with the platform given by name (`twitter`, `facebook`, `x`...).
  public static func parse(_ text: String, platformName: String?) -> Result<Handle, HandleError> {
    let name = platformName?.trimmingCharacters(in: .whitespaces) ?? ""
    if name.isEmpty { return parse(text) }
    guard let platform = Platform(userText: name) else {
      return .failure(
        HandleError(
          "unknown platform \(HandleParser.quote(name)); use one of \(Platform.namesList)"))
    }
    return parse(text, platform: platform)
  }

  /// The public profile URL of this handle, where the platform has one.
  public var url: String? {
    switch platform {
    case .x: return "https://x.com/\(canonical)"
    case .facebookPage: return "https://www.facebook.com/\(canonical)"
    case .facebookGroup: return "https://www.facebook.com/groups/\(canonical)"
    case .instagram: return "https://www.instagram.com/\(canonical)/"
    case .youtube:
      // `@handle`, `user/name` and `c/name` are paths; a bare `UC...` is a channel id.
      if canonical.hasPrefix("@") || canonical.contains("/") {
        return "https://www.youtube.com/\(canonical)"
      }
      return "https://www.youtube.com/channel/\(canonical)"
    case .tiktok: return "https://www.tiktok.com/@\(canonical)"
    case .linkedin: return "https://www.linkedin.com/\(canonical)/"
    case .threads: return "https://www.threads.com/@\(canonical)"
    case .mastodon:
      guard let at = canonical.firstIndex(of: "@") else { return nil }
      let user = canonical[..<at]
      let domain = canonical[canonical.index(after: at)...]
      return "https://\(domain)/@\(user)"
    case .bluesky: return "https://bsky.app/profile/\(canonical)"
    case .telegram: return "https://t.me/\(canonical)"
    case .whatsappChannel: return "https://whatsapp.com/channel/\(canonical)"
    case .website: return "https://\(canonical)"
    case .mailingList, .smsAlert: return nil
    }
  }
}

/// Why a pasted handle was refused.
public struct HandleError: Error, Equatable, Sendable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}

/// An http(s) address split into what the platform rules need.
struct WebAddress {
  /// Lowercased, without a trailing dot.
  var host: String
  /// Non-empty path segments; for the old Twitter form `/#!/name`, the fragment's segments.
  var segments: [Substring]
  var query: Substring

  /// The value of query item `name` (case-insensitive name), if present.
  func queryValue(_ name: String) -> Substring? {
    for item in query.split(separator: "&") {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.count == 2, parts[0].lowercased() == name { return parts[1] }
    }
    return nil
  }
}

/// One parse of one input; `fail` builds refusals that quote the input.
struct HandleParser {
  let hint: Platform?
  /// The input with surrounding whitespace and a `<...>` wrapper removed.
  let text: String

  init(input: String, hint: Platform?) {
    self.hint = hint
    guard input.utf8.count <= Handle.maxInputLength else {
      text = input
      return
    }
    var t = input.trimmingCharacters(in: .whitespacesAndNewlines)
    if t.hasPrefix("<"), t.hasSuffix(">"), t.count >= 2 {
      t = String(t.dropFirst().dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    text = t
  }

  func fail(_ problem: String) -> HandleError {
    HandleError("\(Self.quote(text)) \(problem)")
  }

  func parse() throws(HandleError) -> Handle {
    let size = text.utf8.count
    guard size <= Handle.maxInputLength else {
      throw fail("is too long (\(size) bytes; at most \(Handle.maxInputLength) are accepted)")
    }
    guard !text.isEmpty else {
      throw HandleError("empty handle: give a handle such as @name or a profile address")
    }
    if let hint, hint == .mailingList || hint == .smsAlert { return try slug(hint) }
    try checkCharacters(text)
    if let address = try webAddress(text) { return try fromAddress(address) }
    return try fromBare()
  }

  /// Refuses control characters, inner spaces and non-ASCII; afterwards all is printable ASCII.
  func checkCharacters(_ t: String) throws(HandleError) {
    for (offset, scalar) in t.unicodeScalars.enumerated() {
      let v = scalar.value
      if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) {
        throw fail(
          "contains the control character \(Self.code(scalar)); paste the handle or address alone")
      }
      if v == 0x20 || scalar.properties.isWhitespace {
        throw fail(
          "contains a space (character \(offset + 1)); a handle or address has no spaces")
      }
      if v > 0x7E {
        throw fail(
          "contains \(Self.describe(scalar)), which no handle allows; handles and addresses are "
            + "ASCII (write internationalised domain names in punycode, xn--...)")
      }
    }
  }

  /// Recognises an address: any `http(s)://` text, or `host.tld/...` without a scheme, or a
  /// bare known platform host. Returns nil for text that is no address.
  func webAddress(_ t: String) throws(HandleError) -> WebAddress? {
    var rest = Substring(t)
    var hasScheme = false
    if let r = t.range(of: "://") {
      let scheme = t[..<r.lowerBound].lowercased()
      guard scheme == "http" || scheme == "https" else {
        throw fail("uses the scheme '\(scheme)'; only http and https addresses are accepted")
      }
      rest = t[r.upperBound...]
      hasScheme = true
    } else if t.hasPrefix("//") {
      rest = t.dropFirst(2)
      hasScheme = true
    }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    let tail = rest[authorityEnd...]
    if !hasScheme {
      guard authority.contains("."), !authority.contains("@"), !authority.contains(":") else {
        return nil
      }
      // A lone host is an address only when it is a known platform host and no hint says
      // otherwise: with a hint, `t.me` may be an Instagram name.
      if tail.allSatisfy({ $0 == "/" }),
        (hint != nil && hint != .website) || HandleSite(host: Self.host(authority)) == nil
      {
        return nil
      }
    }
    guard !authority.isEmpty else { throw fail("has no host name after the scheme") }
    if authority.contains("@") {
      throw fail("has a user name before the host; give the profile address alone")
    }
    if authority.contains(":") { throw fail("has a port number; profile addresses have none") }
    let host = Self.host(authority)
    if let problem = DomainName.problem(host) {
      throw fail("has the host '\(host)', which is not a domain name: \(problem)")
    }
    var path = tail
    var query = Substring("")
    var fragment = Substring("")
    if let h = path.firstIndex(of: "#") {
      fragment = path[path.index(after: h)...]
      path = path[..<h]
    }
    if let q = path.firstIndex(of: "?") {
      query = path[path.index(after: q)...]
      path = path[..<q]
    }
    var segments = path.split(separator: "/")
    if segments.isEmpty, fragment.hasPrefix("!/") {  // Twitter before 2012: twitter.com/#!/name
      segments = fragment.dropFirst(2).split(separator: "/")
    }
    return WebAddress(host: host, segments: segments, query: query)
  }

  func fromAddress(_ a: WebAddress) throws(HandleError) -> Handle {
    guard let site = HandleSite(host: a.host) else { return try fromUnknownHost(a) }
    if case .unsupported(let why) = site { throw fail("is a \(a.host) link: \(why)") }
    if let hint, !site.platforms.contains(hint) {
      let names = site.platforms.map(\.rawValue).joined(separator: " or ")
      throw fail(
        "is a \(a.host) address (platform \(names)), but the platform given is \(hint.rawValue)")
    }
    switch site {
    case .x: return try x(a.segments)
    case .facebook: return try facebook(a.segments, a, bare: false)
    case .instagram: return try instagramLike(a.segments, .instagram)
    case .threads: return try instagramLike(a.segments, .threads)
    case .youtube: return try youtube(a.segments, bare: false)
    case .tiktok: return try tiktok(a.segments, bare: false)
    case .linkedin: return try linkedin(a.segments, bare: false)
    case .telegram: return try telegram(a.segments)
    case .whatsapp: return try whatsapp(a.segments, bare: false)
    case .bluesky:
      guard a.segments.count >= 2, a.segments[0].lowercased() == "profile" else {
        throw fail("is not a Bluesky profile address (bsky.app/profile/<handle or DID>)")
      }
      return try bluesky(a.segments[1])
    case .unsupported: throw fail("is on an unsupported host")
    }
  }

  func fromUnknownHost(_ a: WebAddress) throws(HandleError) -> Handle {
    switch hint {
    case .website?: return try website(a)
    case .mastodon?: return try mastodonAddress(a)
    case nil:
      if a.segments.count == 1, a.segments[0].hasPrefix("@") { return try mastodonAddress(a) }
      throw fail(
        "is an address on \(a.host), which is not a known platform host; give the platform "
          + "(website, mastodon, ...)")
    case let other?:
      throw fail("is an address on \(a.host), not a \(other.rawValue) address")
    }
  }

  func fromBare() throws(HandleError) -> Handle {
    let segments = text.split(separator: "/")
    switch hint {
    case nil:
      if text.dropFirst().contains("@") { return try mastodon(Substring(text)) }
      let body = text.hasPrefix("@") ? text.dropFirst() : Substring(text)
      if body.contains(".") || body.lowercased().hasPrefix("did:") {
        if body.lowercased().hasPrefix("www.") {
          throw fail("looks like a website; give the platform website")
        }
        guard segments.count == 1 else {
          throw fail("is neither a handle nor an address; give the platform")
        }
        return try bluesky(body.split(separator: "/").first ?? body)
      }
      guard segments.count == 1 else { throw fail("is a path without a host; give the address") }
      return try x(segments)
    case .x?: return try x(segments)
    case .facebookPage?, .facebookGroup?:
      return try facebook(segments, WebAddress(host: "", segments: [], query: ""), bare: true)
    case .instagram?: return try instagramLike(segments, .instagram)
    case .threads?: return try instagramLike(segments, .threads)
    case .youtube?: return try youtube(segments, bare: true)
    case .tiktok?: return try tiktok(segments, bare: true)
    case .linkedin?: return try linkedin(segments, bare: true)
    case .telegram?: return try telegram(segments)
    case .whatsappChannel?: return try whatsapp(segments, bare: true)
    case .mastodon?: return try mastodon(segments.first ?? "")
    case .bluesky?:
      guard segments.count == 1 else { throw fail("is not a Bluesky handle or DID") }
      return try bluesky(segments[0])
    case .website?:
      guard let a = try webAddress("https://" + text) else {
        throw fail("is not a website address")
      }
      return try website(a)
    case .mailingList?, .smsAlert?: return try slug(hint ?? .mailingList)
    }
  }

  /// The host as compared and stored: lowercased, without a trailing dot.
  static func host(_ authority: Substring) -> String {
    var h = authority.lowercased()
    if h.hasSuffix(".") { h.removeLast() }
    return h
  }

  /// The input as shown in a reason: quoted, non-printables escaped, cut after 60 characters.
  static func quote(_ s: String) -> String {
    var out = ""
    for (n, scalar) in s.unicodeScalars.enumerated() {
      if n == 60 {
        out += "... (\(s.unicodeScalars.count) characters)"
        break
      }
      out += isPrintable(scalar) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
    }
    return "'\(out)'"
  }

  static func isPrintable(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s.value >= 0x20 && s.value < 0x7F }
    switch s.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
      .paragraphSeparator, .spaceSeparator, .nonspacingMark, .enclosingMark, .spacingMark:
      return false
    default: return true
    }
  }

  static func code(_ s: Unicode.Scalar) -> String {
    let hex = String(s.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  static func describe(_ s: Unicode.Scalar) -> String {
    isPrintable(s) ? "'\(s)' (\(code(s)))" : code(s)
  }
}
