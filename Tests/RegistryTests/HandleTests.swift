import Testing
import Vocabulary

@testable import Registry

/// One accepted input: what is pasted, the hint, and the expected (platform, canonical).
struct AcceptCase: CustomTestStringConvertible, Sendable {
  let input: String
  let hint: Platform?
  let platform: Platform
  let canonical: String
  init(_ input: String, _ hint: Platform? = nil, _ platform: Platform, _ canonical: String) {
    self.input = input
    self.hint = hint
    self.platform = platform
    self.canonical = canonical
  }
  var testDescription: String { "\(input) [\(hint?.rawValue ?? "no hint")]" }
}

/// One refused input and a fragment its reason must contain.
struct RefuseCase: CustomTestStringConvertible, Sendable {
  let input: String
  let hint: Platform?
  let reasonContains: String
  init(_ input: String, _ hint: Platform? = nil, _ reasonContains: String) {
    self.input = input
    self.hint = hint
    self.reasonContains = reasonContains
  }
  var testDescription: String { "\(input.prefix(40)) [\(hint?.rawValue ?? "no hint")]" }
}

// A made-up did:plc id: 24 characters of a-z and 2-7.
private let plcId = "abcd2345efgh6723ijkl4567"
// A made-up YouTube channel id: UC + 22 characters, mixed case.
private let ytChannel = "UCx9AbCdEfGhIjKlMnOpQrSt"

private let accepted: [AcceptCase] = [
  // Seed document 001 (Belgian police zones on Twitter, January 2013).
  AcceptCase("@zp5327", nil, .x, "zp5327"),
  AcceptCase("@policemonsquevy", nil, .x, "policemonsquevy"),
  AcceptCase("http://twitter.com/policemonsquevy", nil, .x, "policemonsquevy"),
  AcceptCase("@politiezoneMIRA", nil, .x, "politiezonemira"),
  AcceptCase("@BIVV_IBSR", nil, .x, "bivv_ibsr"),
  // X in every pasted form.
  AcceptCase("zp5327", nil, .x, "zp5327"),
  AcceptCase("zp5327", .x, .x, "zp5327"),
  AcceptCase("https://twitter.com/zp5327", nil, .x, "zp5327"),
  AcceptCase("http://twitter.com/@zp5327", nil, .x, "zp5327"),
  AcceptCase("x.com/ZP5327?lang=fr", nil, .x, "zp5327"),
  AcceptCase("https://mobile.twitter.com/zp5327/", nil, .x, "zp5327"),
  AcceptCase("http://twitter.com/#!/zp5327", nil, .x, "zp5327"),
  AcceptCase("  <https://x.com/BIVV_IBSR/>  ", nil, .x, "bivv_ibsr"),
  AcceptCase("\t@zp5327\n", nil, .x, "zp5327"),
  AcceptCase("https://twitter.com/zp5327/status/123456789#reply", .x, .x, "zp5327"),
  AcceptCase("HTTPS://WWW.TWITTER.COM/ZP5327", nil, .x, "zp5327"),
  // Facebook pages and groups.
  AcceptCase("https://www.facebook.com/politieleuven/", nil, .facebookPage, "politieleuven"),
  AcceptCase("fb.com/PolitieLeuven?ref=bookmarks", nil, .facebookPage, "politieleuven"),
  // Facebook: periods and case do not tell two page names apart (its username rules).
  AcceptCase("m.facebook.com/politie.leuven", nil, .facebookPage, "politieleuven"),
  AcceptCase(
    "https://www.facebook.com/Politie-Leuven-100064123456789/", nil, .facebookPage,
    "100064123456789"),
  AcceptCase("www.facebook.com/pages/Politie-Leuven/123456789", nil, .facebookPage, "123456789"),
  AcceptCase("facebook.com/profile.php?id=100064123456789", nil, .facebookPage, "100064123456789"),
  AcceptCase(
    "https://www.facebook.com/p/Politie-Leuven-100064123456789/", nil, .facebookPage,
    "100064123456789"),
  AcceptCase("https://www.facebook.com/groups/BuurtLeuven/", nil, .facebookGroup, "buurtleuven"),
  AcceptCase(
    "facebook.com/groups/123456789012345", .facebookPage, .facebookGroup,
    "123456789012345"),
  AcceptCase("PolitieLeuven", .facebookPage, .facebookPage, "politieleuven"),
  AcceptCase("buurtleuven", .facebookGroup, .facebookGroup, "buurtleuven"),
  // Mastodon.
  AcceptCase("@user@instance.social", nil, .mastodon, "user@instance.social"),
  AcceptCase("@Politie@Mastodon.Social", nil, .mastodon, "politie@mastodon.social"),
  AcceptCase("https://instance.social/@user", nil, .mastodon, "user@instance.social"),
  AcceptCase(
    "https://social.example.be/@PolitieGent/", .mastodon, .mastodon,
    "politiegent@social.example.be"),
  AcceptCase(
    "https://mastodon.social/users/politie", .mastodon, .mastodon,
    "politie@mastodon.social"),
  AcceptCase(
    "https://mastodon.social/@politie@social.example.be", .mastodon, .mastodon,
    "politie@social.example.be"),
  AcceptCase("politie@social.example.be", .mastodon, .mastodon, "politie@social.example.be"),
  // Bluesky.
  AcceptCase("name.bsky.social", nil, .bluesky, "name.bsky.social"),
  AcceptCase("@Name.Bsky.Social", nil, .bluesky, "name.bsky.social"),
  AcceptCase("https://bsky.app/profile/name.bsky.social", nil, .bluesky, "name.bsky.social"),
  AcceptCase("bsky.app/profile/did:plc:\(plcId)", nil, .bluesky, "did:plc:\(plcId)"),
  AcceptCase("did:web:politie.example.be", .bluesky, .bluesky, "did:web:politie.example.be"),
  AcceptCase("politie.example.be", .bluesky, .bluesky, "politie.example.be"),
  // Instagram, YouTube, TikTok, LinkedIn, Threads, Telegram, WhatsApp.
  AcceptCase("https://www.instagram.com/Politie_Leuven/", nil, .instagram, "politie_leuven"),
  AcceptCase("instagram.com/politie.gent?igsh=abc", nil, .instagram, "politie.gent"),
  AcceptCase("@politie.gent", .instagram, .instagram, "politie.gent"),
  AcceptCase("https://www.youtube.com/@PolitieLeuven", nil, .youtube, "@politieleuven"),
  AcceptCase("youtube.com/channel/\(ytChannel)/videos", nil, .youtube, ytChannel),
  AcceptCase("https://m.youtube.com/user/PolitieGent/videos", nil, .youtube, "user/politiegent"),
  AcceptCase("youtube.com/c/PolitieBrussel", nil, .youtube, "c/politiebrussel"),
  AcceptCase("politieleuven", .youtube, .youtube, "@politieleuven"),
  AcceptCase(ytChannel, .youtube, .youtube, ytChannel),
  AcceptCase("https://www.tiktok.com/@Politie.Leuven?lang=nl", nil, .tiktok, "politie.leuven"),
  AcceptCase("@politie.leuven", .tiktok, .tiktok, "politie.leuven"),
  AcceptCase(
    "https://www.linkedin.com/company/federale-politie/", nil, .linkedin,
    "company/federale-politie"),
  AcceptCase(
    "be.linkedin.com/company/Federale-Politie", .linkedin, .linkedin,
    "company/federale-politie"),
  AcceptCase("federale-politie", .linkedin, .linkedin, "company/federale-politie"),
  AcceptCase("https://www.threads.net/@politie.leuven", nil, .threads, "politie.leuven"),
  AcceptCase("threads.com/@Politie.Leuven", nil, .threads, "politie.leuven"),
  AcceptCase("https://t.me/PolitieInfo", nil, .telegram, "politieinfo"),
  AcceptCase("t.me/s/politieinfo", nil, .telegram, "politieinfo"),
  AcceptCase("@politieinfo", .telegram, .telegram, "politieinfo"),
  AcceptCase(
    "https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp12", nil, .whatsappChannel,
    "0029VaAbCdEfGhIjKlMnOp12"),
  // Websites: scheme, www. and trailing slash dropped, host and path lowercased.
  AcceptCase("https://www.Politie.be/5388/", .website, .website, "politie.be/5388"),
  AcceptCase("politie.be", .website, .website, "politie.be"),
  AcceptCase(
    "http://www.lokalepolitie.be/5327/nieuws?page=2#top", .website, .website,
    "lokalepolitie.be/5327/nieuws"),
  // Mailing lists and SMS alerts: a descriptive slug.
  AcceptCase("Zone-Newsletter", .mailingList, .mailingList, "zone-newsletter"),
  AcceptCase("be-alert", .smsAlert, .smsAlert, "be-alert"),
]

private let refused: [RefuseCase] = [
  RefuseCase("", nil, "empty"),
  RefuseCase("   \n", .x, "empty"),
  RefuseCase("<>", nil, "empty"),
  RefuseCase("zp 5327", nil, "space"),
  RefuseCase("@abcdefghijklmnop", nil, "16 characters long (rule: 1-15"),
  RefuseCase("zp-5327", nil, "contains '-'"),
  RefuseCase("https://example.org/politie", nil, "not a known platform host; give the platform"),
  RefuseCase("https://twitter.com/zp5327", .instagram, "platform given is instagram"),
  RefuseCase("https://twitter.com/home", nil, "X's own 'home' page"),
  RefuseCase("x.com/search?q=politie", nil, "'search'"),
  RefuseCase("twitter.com/intent/follow?screen_name=zp5327", nil, "'intent'"),
  RefuseCase("x.com", nil, "has no X handle"),
  RefuseCase("ftp://twitter.com/zp5327", nil, "only http and https"),
  RefuseCase("https://x.com:8080/zp5327", nil, "port"),
  RefuseCase("john.doe@example.be", .mailingList, "e-mail address"),
  RefuseCase("+32 470 12 34 56", .smsAlert, "phone number"),
  RefuseCase("0470/12.34.56", .smsAlert, "phone number"),
  RefuseCase("wa.me/32470123456", nil, "phone number"),
  RefuseCase("@someone@gmail.com", nil, "e-mail address"),
  RefuseCase("@user", .mastodon, "user@domain"),
  RefuseCase("politie", .bluesky, "no dot"),
  RefuseCase("bsky.app/profile/did:plc:short", nil, "did:plc"),
  RefuseCase("https://instance.social/@user", .bluesky, "not a bluesky address"),
  RefuseCase("youtube.com/watch?v=abc", nil, "not a channel"),
  RefuseCase("youtube.com/channel/ucabc", nil, "YouTube channel id"),
  RefuseCase("linkedin.com/in/someone", nil, "personal profile"),
  RefuseCase("t.me/abc", nil, "5-32"),
  RefuseCase("t.me/+AbCdEf123", nil, "invite"),
  RefuseCase("facebook.com/groups/", nil, "no group name"),
  RefuseCase("facebook.com/...", nil, "no letter or digit"),
  RefuseCase("facebook.com/politie_lier", nil, "contains '_'"),
  RefuseCase("www.politie.be", nil, "give the platform website"),
  RefuseCase("politie\u{0}zone", nil, "control character U+0000"),
  RefuseCase("p\u{F3}litie", nil, "'\u{F3}' (U+00F3)"),
  RefuseCase("\u{1F693}", nil, "U+1F693"),
  RefuseCase(String(repeating: "a", count: 10_000), nil, "too long (10000 bytes"),
  RefuseCase("https://www.instagram.com/p/C0dE123/", nil, "not an account"),
  RefuseCase("tiktok.com/politie", nil, "tiktok.com/@name"),
  RefuseCase("https://www.facebook.com/groups/a b", .facebookGroup, "space"),
  RefuseCase("https://127.0.0.1/x", .website, "IP addresses"),
]

@Suite struct HandleTests {
  @Test(arguments: accepted)
  func parseAcceptsPastedForm(_ c: AcceptCase) throws {
    let h = try Handle.parse(c.input, platform: c.hint).get()
    #expect(h.platform == c.platform)
    #expect(h.canonical == c.canonical)
  }

  /// The stored canonical form and the profile URL both parse back to the same handle.
  @Test(arguments: accepted)
  func canonicalAndURLParseBackToTheSameHandle(_ c: AcceptCase) throws {
    let h = try Handle.parse(c.input, platform: c.hint).get()
    #expect(try Handle.parse(h.canonical, platform: h.platform).get() == h)
    if let url = h.url { #expect(try Handle.parse(url, platform: h.platform).get() == h) }
  }

  @Test(arguments: refused)
  func parseRefusesWithReason(_ c: RefuseCase) {
    switch Handle.parse(c.input, platform: c.hint) {
    case .success(let h): Issue.record("accepted as \(h)")
    case .failure(let e): #expect(e.reason.contains(c.reasonContains), "\(e.reason)")
    }
  }

  @Test func refusalQuotesTheInputAndTheRule() {
    guard case .failure(let e) = Handle.parse("x.com/zp-5327") else {
      Issue.record("'x.com/zp-5327' was accepted")
      return
    }
    #expect(
      e.reason
        == "'x.com/zp-5327' is not a valid X handle: 'zp-5327' contains '-' "
        + "(rule: 1-15 of A-Z, a-z, 0-9, _)")
  }

  /// Facebook's username rules: "Periods (".") and capitalization can't be used to
  /// differentiate usernames" (https://www.facebook.com/help/105399436216001).
  @Test func facebookPageNamesDifferingInPeriodsOrCaseAreOnePage() throws {
    let spellings = [
      "politie.lier.", "politie.lier", "PolitieLier", "https://www.facebook.com/Politie.Lier/",
      "fb.com/p.o.l.i.t.i.e.l.i.e.r", "facebook.com/pg/politie.lier/about",
    ]
    let handles = try spellings.map { try Handle.parse($0, platform: .facebookPage).get() }
    #expect(Set(handles) == [Handle(platform: .facebookPage, canonical: "politielier")])
    // A group name is not a username: its periods stay.
    #expect(
      try Handle.parse("facebook.com/groups/buurt.lier").get().canonical == "buurt.lier")
  }

  @Test func twoSpellingsOfOneHandleAreEqual() throws {
    let spellings = [
      "@zp5327", "zp5327", "ZP5327", "https://twitter.com/zp5327", "http://twitter.com/@zp5327",
      "x.com/ZP5327?lang=fr", "mobile.twitter.com/zp5327/", "twitter.com/#!/zp5327", "<@zp5327>",
    ]
    let handles = try spellings.map { try Handle.parse($0).get() }
    #expect(Set(handles).count == 1)
    #expect(handles.first == Handle(platform: .x, canonical: "zp5327"))
    let bsky = try [
      "name.bsky.social", "@Name.bsky.social", "https://bsky.app/profile/name.bsky.social/",
    ]
    .map { try Handle.parse($0).get() }
    #expect(Set(bsky).count == 1)
  }

  @Test func profileURLs() throws {
    func url(_ text: String, _ hint: Platform? = nil) throws -> String? {
      try Handle.parse(text, platform: hint).get().url
    }
    #expect(try url("@ZP5327") == "https://x.com/zp5327")
    #expect(try url("facebook.com/PolitieLeuven") == "https://www.facebook.com/politieleuven")
    #expect(try url("facebook.com/groups/Buurt") == "https://www.facebook.com/groups/buurt")
    #expect(try url("instagram.com/Politie.Gent") == "https://www.instagram.com/politie.gent/")
    #expect(try url("youtube.com/@PolitieLeuven") == "https://www.youtube.com/@politieleuven")
    #expect(
      try url("youtube.com/channel/\(ytChannel)") == "https://www.youtube.com/channel/\(ytChannel)")
    #expect(try url("tiktok.com/@Politie") == "https://www.tiktok.com/@politie")
    #expect(try url("@politie@Social.Example.be") == "https://social.example.be/@politie")
    #expect(try url("name.bsky.social") == "https://bsky.app/profile/name.bsky.social")
    #expect(try url("t.me/PolitieInfo") == "https://t.me/politieinfo")
    #expect(try url("http://www.politie.be/5388/", .website) == "https://politie.be/5388")
    #expect(try url("zone-newsletter", .mailingList) == nil)
    #expect(try url("alerts", .smsAlert) == nil)
  }

  @Test func platformNameHint() throws {
    #expect(try Handle.parse("@ZP5327", platformName: "twitter").get().platform == .x)
    #expect(try Handle.parse("politieleuven", platformName: "fb").get().platform == .facebookPage)
    #expect(try Handle.parse("@zp5327", platformName: nil).get().platform == .x)
    guard case .failure(let e) = Handle.parse("x", platformName: "myspace") else {
      Issue.record("an unknown platform name was accepted")
      return
    }
    #expect(e.reason.contains("unknown platform 'myspace'"))
  }

  /// 20,000 deterministic garbage and near-miss strings: parse never traps, and whatever it
  /// accepts parses back from its canonical form to the same handle.
  @Test func parseNeverTrapsOnGarbage() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {  // xorshift64*
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
    }
    let pieces: [String] = [
      "a", "Z", "0", "_", ".", "-", "@", "/", "//", ":", "?", "#", "#!/", "=", "&", "%", "+", "~",
      " ", "\t", "\n", "\r\n", "\u{0}", "\u{7F}", "\u{85}", "\u{A0}", "\u{200B}", "\u{202E}",
      "\u{301}", "é", "\u{1F693}", "\u{1F1E7}\u{1F1EA}", "<", ">", "https://", "http://", "ftp://",
      "www.", "x.com", "twitter.com", "facebook.com", "groups", "profile.php?id=", "pages",
      "youtube.com", "channel", "UC", "user", "c", "bsky.app", "profile", "did:plc:", "did:web:",
      "t.me", "s", "whatsapp.com", "instagram.com", "tiktok.com", "linkedin.com", "company",
      "threads.net", "mastodon.social", "zp5327", "politie", "123456789", "wa.me",
    ]
    let hints: [Platform?] = [nil] + Platform.allCases.map { $0 }
    var acceptedCount = 0
    for i in 0..<20_000 {
      var s = ""
      var hint = hints[next(hints.count)]
      if i % 2 == 0 {  // a random concatenation of pieces, sometimes very long
        let count = i % 500 == 0 ? 3000 : next(12)
        for _ in 0..<count { s += pieces[next(pieces.count)] }
      } else {  // a near miss: an accepted input with one piece inserted or characters dropped
        let c = accepted[next(accepted.count)]
        var chars = Array(c.input)
        let at = chars.isEmpty ? 0 : next(chars.count)
        if next(2) == 0 {
          chars.insert(contentsOf: pieces[next(pieces.count)], at: at)
        } else {
          chars.removeSubrange(at..<min(chars.count, at + 1 + next(3)))
        }
        s = String(chars)
        if next(3) > 0 { hint = c.hint }
      }
      if case .success(let h) = Handle.parse(s, platform: hint) {
        acceptedCount += 1
        #expect(!h.canonical.isEmpty, "\(s.debugDescription)")
        let again = Handle.parse(h.canonical, platform: h.platform)
        #expect(again == .success(h), "\(s.debugDescription) -> \(h) -> \(again)")
        _ = h.url
      }
    }
    #expect(acceptedCount > 1000)  // the generator reaches the accepting paths too
  }
}
