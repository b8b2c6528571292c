import Foundation
import Vocabulary

/// A length and character rule for one kind of handle: ASCII letters and digits plus `extras`.
struct HandleRule: Sendable {
  let name: String
  let lengths: ClosedRange<Int>
  let extras: String
  let summary: String

  static let x = HandleRule(
    name: "X handle", lengths: 1...15, extras: "_", summary: "1-15 of A-Z, a-z, 0-9, _")
  static let instagram = HandleRule(
    name: "Instagram username", lengths: 1...30, extras: "._", summary: "1-30 of a-z, 0-9, . and _")
  static let threads = HandleRule(
    name: "Threads username", lengths: 1...30, extras: "._", summary: "1-30 of a-z, 0-9, . and _")
  static let tiktok = HandleRule(
    name: "TikTok username", lengths: 2...24, extras: "._", summary: "2-24 of a-z, 0-9, . and _")
  /// Facebook's username rules for pages (Help Center, "Guidelines for creating a custom
  /// username or screen name on Facebook", https://www.facebook.com/help/105399436216001):
  /// "Usernames can only contain alphanumeric characters (A–Z, 0–9) and periods", "must be at
  /// least 5 characters long", and "Periods (".") and capitalization can't be used to
  /// differentiate usernames. For example, johnsmith55, John.Smith55 and john.smith.55 are all
  /// considered the same username." So `politie.lier.`, `politie.lier` and `PolitieLier` are one
  /// page, whose canonical name is `politielier` (lower case, no period; Facebook serves the page
  /// at that address too). The 5-character minimum is for new usernames: older and official
  /// ones are shorter (facebook.com/cnn, /nasa), so it is not enforced. Beyond the rules, `-` is
  /// accepted for the seed's descriptive placeholders of pages whose name the sources do not
  /// give (`police-charleroi-page-placeholder`).
  static let facebookPage = HandleRule(
    name: "Facebook page name", lengths: 1...50, extras: "-",
    summary: "1-50 of A-Z, a-z, 0-9 (periods and case do not count), or a numeric page id")
  static let facebookGroup = HandleRule(
    name: "Facebook group name", lengths: 1...100, extras: "._-",
    summary: "1-100 of A-Z, a-z, 0-9, ., _ and -, or a numeric group id")
  static let youtubeHandle = HandleRule(
    name: "YouTube handle", lengths: 3...30, extras: "._-",
    summary: "@ and 3-30 of A-Z, a-z, 0-9, ., _ and -")
  static let youtubeLegacy = HandleRule(
    name: "YouTube user or custom name", lengths: 1...100, extras: "._-",
    summary: "1-100 of A-Z, a-z, 0-9, ., _ and -")
  static let linkedin = HandleRule(
    name: "LinkedIn page name", lengths: 1...100, extras: "._-",
    summary: "1-100 of A-Z, a-z, 0-9, ., _ and -")
  static let telegram = HandleRule(
    name: "Telegram username", lengths: 5...32, extras: "_", summary: "5-32 of A-Z, a-z, 0-9, _")
  static let whatsapp = HandleRule(
    name: "WhatsApp channel id", lengths: 10...40, extras: "", summary: "10-40 of A-Z, a-z, 0-9")
  static let mastodonUser = HandleRule(
    name: "Mastodon user name", lengths: 1...64, extras: "_", summary: "1-64 of A-Z, a-z, 0-9, _")
  static let slug = HandleRule(
    name: "descriptive name", lengths: 1...100, extras: "._-",
    summary: "1-100 of a-z, 0-9, ., _ and -, e.g. 'zone-newsletter'")

  /// What is wrong with `s`, naming it, or nil when it follows the rule.
  func problem(_ s: Substring) -> String? {
    let n = s.utf8.count
    if n == 0 { return "the \(name) is empty" }
    if !lengths.contains(n) { return "'\(s)' is \(n) characters long" }
    for b in s.utf8 where !(b.isASCIIAlphanumeric || extras.utf8.contains(b)) {
      return "'\(s)' contains '\(Character(Unicode.Scalar(b)))'"
    }
    return nil
  }
}

extension UInt8 {
  var isASCIIAlphanumeric: Bool {
    (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
  }
  var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}

/// DNS name checks shared by Bluesky handles, Mastodon domains and website hosts.
enum DomainName {
  /// What is wrong with a lowercased name, or nil for a valid name with at least one dot.
  static func problem<S: StringProtocol>(_ s: S) -> String? {
    let n = s.utf8.count
    if n == 0 { return "it is empty" }
    if n > 253 { return "it is \(n) characters long (at most 253)" }
    let labels = s.split(separator: ".", omittingEmptySubsequences: false)
    if labels.count < 2 { return "it has no dot (a domain name looks like name.example)" }
    for label in labels {
      if label.isEmpty { return "it has an empty label (a dot at an end or two in a row)" }
      if label.utf8.count > 63 { return "the label '\(label)' is longer than 63 characters" }
      if label.hasPrefix("-") || label.hasSuffix("-") {
        return "the label '\(label)' starts or ends with '-'"
      }
      for b in label.utf8
      where !((b.isASCIIAlphanumeric && !(0x41...0x5A).contains(b)) || b == 0x2D) {
        return "'\(Character(Unicode.Scalar(b)))' is not allowed (labels are a-z, 0-9 and -)"
      }
    }
    if let last = labels.last, last.utf8.allSatisfy(\.isASCIIDigit) {
      return "it ends in a number (IP addresses are not accepted)"
    }
    return nil
  }
}

/// Paths that are a platform's own pages, never an account.
private let xReserved: Set<String> = [
  "home", "search", "intent", "share", "i", "hashtag", "settings", "explore", "notifications",
  "messages", "login", "logout", "signup", "compose", "tos", "privacy", "about", "account",
  "download", "jobs", "who_to_follow", "lists", "bookmarks", "communities", "oauth", "widgets",
]
private let instagramReserved: Set<String> = [
  "p", "reel", "reels", "explore", "stories", "accounts", "tv", "direct", "about", "developer",
  "legal", "web", "challenge", "search", "login", "activity", "settings", "intent", "t", "post",
]
private let facebookReserved: Set<String> = [
  "watch", "events", "event", "photo.php", "photo", "photos", "story.php", "permalink.php",
  "sharer", "sharer.php", "share", "login", "login.php", "home.php", "search", "hashtag",
  "marketplace", "gaming", "help", "policies", "privacy", "settings", "notifications", "messages",
  "friends", "dialog", "plugins", "reel", "reels", "stories", "media", "bookmarks", "saved", "live",
  "business", "ads", "l.php", "video.php", "videos",
]
private let youtubeReserved: Set<String> = [
  "watch", "results", "playlist", "shorts", "embed", "feed", "live", "hashtag", "redirect",
  "account", "premium", "gaming", "music", "about", "t", "v", "attribution_link", "signin",
  "logout", "upload", "channels", "post",
]
private let telegramReserved: Set<String> = [
  "joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "iv", "login", "addtheme",
  "setlanguage", "confirmphone", "c",
]
/// Mail providers: `name@gmail.com` is an e-mail address, not a Mastodon account.
private let mailDomains: Set<String> = [
  "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "outlook.com", "outlook.be",
  "live.com", "live.be", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "aol.com",
  "gmx.com", "gmx.net", "proton.me", "protonmail.com", "telenet.be", "skynet.be", "proximus.be",
]

extension HandleParser {
  func check(_ s: Substring, _ rule: HandleRule) throws(HandleError) {
    if let problem = rule.problem(s) {
      throw fail("is not a valid \(rule.name): \(problem) (rule: \(rule.summary))")
    }
  }

  func dropAt(_ s: Substring) -> Substring { s.hasPrefix("@") ? s.dropFirst() : s }

  func x(_ segments: [Substring]) throws(HandleError) -> Handle {
    guard let first = segments.first else { throw fail("has no X handle in it") }
    let name = dropAt(first)
    if xReserved.contains(name.lowercased()) {
      throw fail("points to X's own '\(name)' page, not an account")
    }
    try check(name, .x)
    return Handle(platform: .x, canonical: name.lowercased())
  }

  func instagramLike(_ segments: [Substring], _ platform: Platform) throws(HandleError) -> Handle {
    let rule: HandleRule = platform == .threads ? .threads : .instagram
    guard let first = segments.first else { throw fail("has no \(rule.name) in it") }
    let name = dropAt(first)
    if instagramReserved.contains(name.lowercased()) {
      throw fail("points to the platform's own '\(name)' page, not an account")
    }
    try check(name, rule)
    return Handle(platform: platform, canonical: name.lowercased())
  }

  func tiktok(_ segments: [Substring], bare: Bool) throws(HandleError) -> Handle {
    guard let first = segments.first, bare || first.hasPrefix("@") else {
      throw fail("is not a TikTok profile address (tiktok.com/@name)")
    }
    let name = dropAt(first)
    try check(name, .tiktok)
    return Handle(platform: .tiktok, canonical: name.lowercased())
  }

  func facebook(_ segments: [Substring], _ a: WebAddress, bare: Bool) throws(HandleError)
    -> Handle
  {
    guard let first = segments.first else { throw fail("has no Facebook page or group in it") }
    let head = first.lowercased()
    switch head {
    case "groups":
      guard segments.count >= 2 else { throw fail("has no group name after 'groups/'") }
      try check(segments[1], .facebookGroup)
      return Handle(platform: .facebookGroup, canonical: segments[1].lowercased())
    case "profile.php":
      guard let id = a.queryValue("id"), !id.isEmpty, id.utf8.count <= 20,
        id.utf8.allSatisfy(\.isASCIIDigit)
      else { throw fail("has no numeric id=... after profile.php") }
      return Handle(platform: .facebookPage, canonical: String(id))
    case "pages", "p":
      // pages/Name/12345 (old) and p/Name-12345 (new): the trailing number is the page id.
      let last = segments.count >= 2 ? (segments.last ?? "") : ""
      let digits = last.split(separator: "-").last ?? ""
      guard !digits.isEmpty, digits.utf8.count <= 20, digits.utf8.allSatisfy(\.isASCIIDigit) else {
        throw fail("has no numeric page id after '\(head)/'")
      }
      return Handle(platform: .facebookPage, canonical: String(digits))
    case "pg":
      guard segments.count >= 2 else { throw fail("has no page name after 'pg/'") }
      return try facebookPage(segments[1])
    case "people":
      throw fail("is a personal profile; the registry holds organisations' channels only")
    default:
      if facebookReserved.contains(head) {
        throw fail("points to Facebook's own '\(first)' page, not a page or group")
      }
      let name = dropAt(first)
      if bare && hint == .facebookGroup {
        try check(name, .facebookGroup)
        return Handle(platform: .facebookGroup, canonical: name.lowercased())
      }
      return try facebookPage(name)
    }
  }

  /// A page name by Facebook's username rules (`HandleRule.facebookPage`): periods and case do
  /// not count. A page without a username is `Name-Of-Page-<id>`: its trailing number is the
  /// page id, as in `p/Name-<id>`.
  func facebookPage(_ name: Substring) throws(HandleError) -> Handle {
    let parts = name.split(separator: "-")
    if parts.count >= 2, let last = parts.last, (5...20).contains(last.utf8.count),
      last.utf8.allSatisfy(\.isASCIIDigit)
    {
      return Handle(platform: .facebookPage, canonical: String(last))
    }
    let withoutPeriods = name.filter { $0 != "." }
    if withoutPeriods.isEmpty {
      throw fail("is not a valid Facebook page name: it has no letter or digit")
    }
    try check(Substring(withoutPeriods), .facebookPage)
    return Handle(platform: .facebookPage, canonical: withoutPeriods.lowercased())
  }

  func youtube(_ segments: [Substring], bare: Bool) throws(HandleError) -> Handle {
    guard let first = segments.first else { throw fail("has no YouTube channel in it") }
    if first.hasPrefix("@") {
      try check(first.dropFirst(), .youtubeHandle)
      return Handle(platform: .youtube, canonical: first.lowercased())
    }
    let head = first.lowercased()
    switch head {
    case "channel":
      guard segments.count >= 2 else { throw fail("has no channel id after 'channel/'") }
      return try youtubeChannel(segments[1])
    case "user", "c":
      guard segments.count >= 2 else { throw fail("has no name after '\(head)/'") }
      try check(segments[1], .youtubeLegacy)
      return Handle(platform: .youtube, canonical: "\(head)/\(segments[1].lowercased())")
    default:
      if youtubeReserved.contains(head) {
        throw fail("points to YouTube's own '\(first)' page, not a channel")
      }
      guard bare, segments.count == 1 else {
        throw fail(
          "is not a YouTube channel address; give youtube.com/@handle, channel/UC..., user/... or c/..."
        )
      }
      if first.hasPrefix("UC"), first.utf8.count == 24 { return try youtubeChannel(first) }
      try check(first, .youtubeHandle)
      return Handle(platform: .youtube, canonical: "@" + first.lowercased())
    }
  }

  func youtubeChannel(_ id: Substring) throws(HandleError) -> Handle {
    let ok =
      id.hasPrefix("UC") && id.utf8.count == 24
      && id.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == 0x5F || $0 == 0x2D }
    guard ok else {
      throw fail(
        "is not a valid YouTube channel id: '\(id)' (rule: UC and 22 of A-Z, a-z, 0-9, _ and -, "
          + "case-sensitive)")
    }
    return Handle(platform: .youtube, canonical: String(id))
  }

  func linkedin(_ segments: [Substring], bare: Bool) throws(HandleError) -> Handle {
    guard let first = segments.first else { throw fail("has no LinkedIn page in it") }
    let head = first.lowercased()
    switch head {
    case "company", "showcase", "school":
      guard segments.count >= 2 else { throw fail("has no name after '\(head)/'") }
      try check(segments[1], .linkedin)
      return Handle(platform: .linkedin, canonical: "\(head)/\(segments[1].lowercased())")
    case "in", "pub":
      throw fail("is a personal profile; the registry holds organisations' channels only")
    default:
      guard bare, segments.count == 1 else {
        throw fail("is not a LinkedIn page address (linkedin.com/company/name)")
      }
      try check(first, .linkedin)
      return Handle(platform: .linkedin, canonical: "company/\(head)")
    }
  }

  func telegram(_ segments: [Substring]) throws(HandleError) -> Handle {
    guard var name = segments.first.map(dropAt) else { throw fail("has no Telegram name in it") }
    if name.lowercased() == "s", segments.count >= 2 { name = segments[1] }  // t.me/s/name preview
    if name.hasPrefix("+") || telegramReserved.contains(name.lowercased()) {
      throw fail("is not a public Telegram channel (t.me/name); invite and message links are not")
    }
    try check(name, .telegram)
    return Handle(platform: .telegram, canonical: name.lowercased())
  }

  func whatsapp(_ segments: [Substring], bare: Bool) throws(HandleError) -> Handle {
    var id: Substring?
    if segments.count >= 2, segments[0].lowercased() == "channel" {
      id = segments[1]
    } else if bare, segments.count == 1 {
      id = segments[0]
    }
    guard let id else {
      throw fail("is not a WhatsApp channel address (whatsapp.com/channel/<id>)")
    }
    try check(id, .whatsapp)
    return Handle(platform: .whatsappChannel, canonical: String(id))
  }

  /// `@user@domain` or `user@domain`.
  func mastodon(_ s: Substring) throws(HandleError) -> Handle {
    let parts = dropAt(s).split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw fail("is not a Mastodon handle (rule: user@domain, e.g. @politie@mastodon.social)")
    }
    try check(parts[0], .mastodonUser)
    let domain = parts[1].lowercased()
    if let problem = DomainName.problem(domain) {
      throw fail("has the Mastodon domain '\(domain)', which is not a domain name: \(problem)")
    }
    if mailDomains.contains(domain) {
      throw fail("looks like an e-mail address, not a Mastodon account (no personal data)")
    }
    return Handle(platform: .mastodon, canonical: "\(parts[0].lowercased())@\(domain)")
  }

  /// `https://instance/@user`, `/@user@other.instance`, `/users/user` or `/web/@user`.
  func mastodonAddress(_ a: WebAddress) throws(HandleError) -> Handle {
    var segments = a.segments[...]
    if segments.first?.lowercased() == "web" { segments = segments.dropFirst() }
    if let first = segments.first, first.hasPrefix("@") {
      let account = first.dropFirst()
      return try mastodon(account.contains("@") ? account : account + "@" + a.host)
    }
    if segments.count >= 2, segments.first?.lowercased() == "users" {
      return try mastodon(segments[segments.startIndex + 1] + "@" + a.host)
    }
    throw fail("is not a Mastodon profile address (https://instance/@user)")
  }

  /// A domain handle (`name.bsky.social`) or a DID (`did:plc:...`, `did:web:...`).
  func bluesky(_ raw: Substring) throws(HandleError) -> Handle {
    let s = dropAt(raw).lowercased()
    if s.hasPrefix("did:plc:") {
      let id = s.dropFirst(8)
      let base32 = id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x32...0x37).contains($0) }
      guard id.utf8.count == 24, base32 else {
        throw fail("is not a valid did:plc identifier (rule: did:plc: and 24 of a-z, 2-7)")
      }
    } else if s.hasPrefix("did:web:") {
      if let problem = DomainName.problem(s.dropFirst(8)) {
        throw fail("is not a valid did:web identifier: \(problem)")
      }
    } else if s.hasPrefix("did:") {
      throw fail("is a DID of a method Bluesky does not use (rule: did:plc or did:web)")
    } else if let problem = DomainName.problem(s) {
      throw fail(
        "is not a valid Bluesky handle: \(problem) (rule: a domain name such as name.bsky.social)")
    }
    return Handle(platform: .bluesky, canonical: s)
  }

  /// Host without `www.` and path, lowercased, no trailing slash, query and fragment dropped.
  func website(_ a: WebAddress) throws(HandleError) -> Handle {
    let host = a.host.hasPrefix("www.") ? String(a.host.dropFirst(4)) : a.host
    if let problem = DomainName.problem(host) {
      throw fail("has the host '\(host)', which is not a domain name: \(problem)")
    }
    let allowed = "-._~!$&'()*+,;=:@%"
    for segment in a.segments {
      for b in segment.utf8 where !(b.isASCIIAlphanumeric || allowed.utf8.contains(b)) {
        throw fail("has '\(Character(Unicode.Scalar(b)))' in its path, which no address allows")
      }
    }
    let path = a.segments.map { $0.lowercased() }.joined(separator: "/")
    return Handle(platform: .website, canonical: path.isEmpty ? host : host + "/" + path)
  }

  /// A mailing list or SMS alert service is stored by a descriptive slug, never an address.
  func slug(_ platform: Platform) throws(HandleError) -> Handle {
    let kind = platform == .smsAlert ? "an SMS alert service" : "a mailing list"
    let advice =
      "\(kind) is recorded by a descriptive name such as 'zone-newsletter', never an address "
      + "or number (no personal data)"
    if text.contains("@") { throw fail("looks like an e-mail address; \(advice)") }
    if Self.looksLikePhoneNumber(text) { throw fail("looks like a phone number; \(advice)") }
    try checkCharacters(text)
    if text.contains("/") || text.contains(":") { throw fail("looks like an address; \(advice)") }
    try check(Substring(text), .slug)
    return Handle(platform: platform, canonical: text.lowercased())
  }

  /// 8 or more digits in a run (separators allowed between them), `+` and 6 digits, or `tel:`.
  static func looksLikePhoneNumber(_ t: String) -> Bool {
    var run = 0
    var longest = 0
    for b in t.utf8 {
      if b.isASCIIDigit {
        run += 1
        longest = max(longest, run)
      } else if !" +-./()".utf8.contains(b) {
        run = 0
      }
    }
    return longest >= 8 || (t.hasPrefix("+") && longest >= 6) || t.lowercased().hasPrefix("tel:")
  }
}
