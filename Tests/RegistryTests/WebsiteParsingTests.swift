import Foundation
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// The pieces of `collect websites` that need no network: link extraction, decoding, robots.txt
/// rules and the classification of links.
struct WebsiteParsingTests {
  // MARK: links

  @Test func extractsLinksWithAnyQuotingOrderAndReferences() {
    let html = """
      <html><head><title><a href="https://x.com/no">t</a></title>
      <script>document.write('<a href="https://x.com/script">');</script>
      <style>a[href="https://x.com/style"] {}</style></head><body>
      <!-- <a href="https://x.com/comment"> -->
      <a class="i" href="https://www.facebook.com/Page1">1</a>
      <A TARGET=_blank HREF='https://x.com/two?lang=nl&amp;ref=site'>2</A>
      <a data-x="a>b" href=https://www.instagram.com/three/>3</a>
      <a href = "https&#58;&#x2F;&#x2f;www.youtube.com/@Four">4</a>
      <a href="https://www.facebook.com/Page1">again</a>
      <a href="#top">top</a> <a href="javascript:void(0)">js</a> <a href="tel:+3200">tel</a>
      <a href="  /5340/contact  ">c</a>
      <area shape="rect" href="../kaart">
      <link rel="me" href="https://social.example/@zone">
      <link rel="stylesheet" href="/style.css">
      <a name="no-href">x</a>
      </body></html>
      """
    #expect(
      HTMLLinks.links(in: html, pageURL: "https://www.police.be/5340/nieuws/item") == [
        "https://www.facebook.com/Page1", "https://x.com/two?lang=nl&ref=site",
        "https://www.instagram.com/three/", "https://www.youtube.com/@Four",
        "https://www.police.be/5340/contact", "https://www.police.be/5340/kaart",
        "https://social.example/@zone",
      ])
  }

  @Test func baseHrefResolvesRelativeLinks() {
    let html = """
      <base href="https://www.police.be/5340/"><a href="contact">c</a><a href="/5341">z</a>
      <a href="//www.politie.be/5340">p</a><a href="?page=2">q</a>
      """
    #expect(
      HTMLLinks.links(in: html, pageURL: "https://www.police.be/5340") == [
        "https://www.police.be/5340/contact", "https://www.police.be/5341",
        "https://www.politie.be/5340", "https://www.police.be/5340/?page=2",
      ])
    // Without a base, relative to the page itself.
    #expect(
      HTMLLinks.links(in: "<a href=contact>c</a>", pageURL: "https://www.police.be/5340")
        == ["https://www.police.be/contact"])
  }

  @Test func unterminatedMarkupEndsCleanly() {
    for html in [
      "<a href=\"https://x.com/a", "<!-- <a href=x>", "<a", "<", "<script>",
      "<a href='https://x.com/b'", "&#99999999999;<a href=\"&#xFFFFFFFFF;\">",
    ] {
      _ = HTMLLinks.links(in: html, pageURL: "https://www.police.be/")
    }
    #expect(
      HTMLLinks.decodeReferences("a &amp b &#x41; &unknown; &#65;") == "a &amp b A &unknown; A")
  }

  // MARK: decoding

  @Test func decodesUTF8AndLatin1AsDeclaredOrDetected() {
    // "é" is 0xC3 0xA9 in UTF-8 and 0xE9 in Latin-1; 0x80 is the euro sign in windows-1252.
    let latin1 = Data([0x53, 0xE9, 0x63, 0x80])
    let utf8 = Data("Séc€".utf8)
    #expect(HTMLText.decode(latin1, contentType: "text/html; charset=ISO-8859-1").text == "Séc€")
    #expect(HTMLText.decode(latin1, contentType: "text/html").charset == .latin1)
    #expect(HTMLText.decode(latin1, contentType: nil).text == "Séc€")
    #expect(HTMLText.decode(utf8, contentType: nil).text == "Séc€")
    #expect(HTMLText.decode(utf8, contentType: "text/html;charset=\"utf-8\"").charset == .utf8)
    // The header wins over the meta tag; the meta tag over detection.
    let meta = Data("<meta charset='windows-1252'>".utf8) + latin1
    #expect(HTMLText.decode(meta, contentType: nil).charset == .latin1)
    let equiv =
      Data(
        "<meta content=\"text/html; charset=iso-8859-1\" http-equiv=\"Content-Type\">".utf8)
      + Data("Séc".utf8)
    #expect(HTMLText.decode(equiv, contentType: nil).charset == .latin1)
    #expect(HTMLText.decode(equiv, contentType: "text/html; charset=utf-8").text.hasSuffix("Séc"))
  }

  // MARK: robots.txt

  static let robots = """
    # comments and blank lines are ignored
    User-agent: *
    Disallow: /private/
    Allow: /private/open

    User-agent: OtherBot
    User-agent: registry-cli
    Disallow: /5348
    Allow: /5348/public$
    Disallow: /*.pdf$
    Allow: /5348/p

    Sitemap: https://www.lokalepolitie.be/sitemap.xml
    """

  @Test func robotsRulesOfTheOwnGroupLongestMatchWins() {
    let own = RobotsRules.parse(Self.robots, agent: "registry-cli")
    #expect(!own.allows("/5348"))
    #expect(!own.allows("/5348/contact"))
    #expect(own.allows("/5348/public"))  // Allow ...$ (16 characters) beats Disallow /5348 (5)
    #expect(own.allows("/5348/public/more"))  // Allow /5348/p (7) beats /5348 (5)
    #expect(!own.allows("/folder/file.pdf"))
    #expect(own.allows("/folder/file.pdf?x=1"))  // $ anchors the end
    #expect(own.allows("/private/x"))  // the * group does not apply when an own group exists
    #expect(own.allows("/robots.txt"))
    // Case-insensitive agent token; other crawlers get the * group.
    #expect(!RobotsRules.parse(Self.robots, agent: "Registry-CLI").allows("/5348"))
    let other = RobotsRules.parse(Self.robots, agent: "somebot")
    #expect(other.allows("/5348"))
    #expect(!other.allows("/private/x"))
    #expect(other.allows("/private/open"))
    // Equal lengths: allow wins.
    let tie = RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", agent: "x")
    #expect(tie.allows("/a"))
    // An empty disallow allows everything; percent-encoding of unreserved characters is equal.
    #expect(RobotsRules.parse("User-agent: *\nDisallow:\n", agent: "x").allows("/any"))
    #expect(
      !RobotsRules.parse("User-agent: *\nDisallow: /%7Euser\n", agent: "x").allows("/~user/a"))
    #expect(!RobotsRules.disallowAll.allows("/"))
    #expect(RobotsRules.allowAll.allows("/x"))
  }

  // MARK: classification

  static func account(_ url: String) -> String? {
    if case .account(let h) = SiteLink.classify(url) { return h.description }
    return nil
  }

  static func reason(_ url: String) -> String? {
    if case .toCheck(let r, _) = SiteLink.classify(url) { return r }
    return nil
  }

  @Test func accountsAreParsedByTheHandleParser() {
    #expect(Self.account("https://twitter.com/ZP_Voorbeeld?lang=nl") == "x:zp_voorbeeld")
    #expect(
      Self.account("https://www.facebook.com/Politie.Voorbeeld/")
        == "facebook_page:politievoorbeeld")
    #expect(Self.account("https://www.facebook.com/groups/buurt5340") == "facebook_group:buurt5340")
    #expect(
      Self.account("https://www.instagram.com/politie_voorbeeld/") == "instagram:politie_voorbeeld")
    #expect(
      Self.account("https://www.youtube.com/@PolitieVoorbeeld") == "youtube:@politievoorbeeld")
    #expect(Self.account("https://www.tiktok.com/@zone5340") == "tiktok:zone5340")
    #expect(Self.account("https://bsky.app/profile/zone.bsky.social") == "bluesky:zone.bsky.social")
    #expect(Self.account("https://t.me/zone5340") == "telegram:zone5340")
    #expect(Self.account("https://social.example/@zone") == "mastodon:zone@social.example")
    #expect(Self.account("https://www.linkedin.com/company/politie-voorbeeld") != nil)
  }

  @Test func sharesPostsRedirectsAndRefusalsAreToCheck() {
    for share in [
      "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.police.be",
      "https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.police.be",
      "https://x.com/share?url=https://www.police.be",
      "https://www.linkedin.com/shareArticle?mini=true&url=x",
      "https://www.linkedin.com/sharing/share-offsite/?url=x", "https://t.me/share/url?url=x",
      "https://api.whatsapp.com/send?text=x", "https://www.facebook.com/dialog/share?href=x",
    ] {
      #expect(Self.reason(share) == "share or intent button, not an account", "\(share)")
      // A share button mentions no account: it does not stand in the way of an absence.
      if case .toCheck(_, let platforms) = SiteLink.classify(share) { #expect(platforms.isEmpty) }
    }
    for post in [
      "https://x.com/zone/status/123", "https://www.facebook.com/zone/posts/123",
      "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
      "https://www.instagram.com/p/Cabc/", "https://www.youtube.com/watch?v=abc",
      "https://www.tiktok.com/@zone/video/123", "https://bsky.app/profile/z.bsky.social/post/3k",
      "https://social.example/@zone/1234567", "https://t.me/zone/45",
    ] {
      #expect(Self.reason(post)?.contains("not an account") == true, "\(post)")
    }
    #expect(
      Self.reason("https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fzone%2F&h=A")
        == "tracking redirect to https://www.instagram.com/zone/")
    #expect(
      Self.reason("https://www.google.com/url?q=https://x.com/zone&sa=D")
        == "tracking redirect to https://x.com/zone")
    #expect(Self.reason("https://youtu.be/abc")?.contains("youtu.be link") == true)
    #expect(
      Self.reason("https://www.facebook.com/people/Someone/123")?.hasPrefix("not an account")
        == true)
    // Not social: the site's own pages, other sites, the bare platform home page.
    for other in [
      "https://www.police.be/5340/contact", "https://www.belgium.be/nl",
      "https://www.facebook.com/",
      "https://social.example/about",
    ] {
      #expect(SiteLink.classify(other) == .other, "\(other)")
    }
  }
}

/// `SiteFetcher` against a stub server: robots.txt on every redirect hop, the redirect cap,
/// pages that are not HTML, and the address a `--base-url` run asks for.
@Suite(.serialized) struct SiteFetcherTests {
  static func fetcher(_ server: StubHTTPServer, maxRedirects: Int = 3) -> SiteFetcher {
    var http = HTTPClientConfiguration()
    http.totalTimeout = 5
    http.followRedirects = false
    var retry = RetryPolicy()
    retry.maxAttempts = 1
    return SiteFetcher(
      fetcher: PoliteFetcher(
        client: HTTPClient(configuration: http), limiter: RateLimiter(minInterval: 0),
        retry: retry),
      agent: "registry-cli", maxRedirects: maxRedirects, baseURL: server.baseURL)
  }

  static func serve(_ request: StubRequest) -> StubResponse {
    let html = ["Content-Type": "text/html"]
    switch request.path {
    case "/open.example/robots.txt": return StubResponse(status: 404)
    case "/closed.example/robots.txt":
      return StubResponse(
        status: 200, headers: ["Content-Type": "text/plain"],
        body: Data("User-agent: *\nDisallow: /\n".utf8))
    case "/broken.example/robots.txt": return StubResponse(status: 503)
    case "/open.example/to-closed":
      return StubResponse(status: 302, headers: ["Location": "https://closed.example/page"])
    case "/open.example/loop":
      return StubResponse(status: 301, headers: ["Location": "/loop"])
    // robots.txt moved: to the closed host's (one hop), through four hops of its own then to
    // the closed host's (five hops: still followed), and a chain of six (no longer followed).
    case "/moved.example/robots.txt":
      return StubResponse(status: 301, headers: ["Location": "https://closed.example/robots.txt"])
    case "/near.example/robots.txt":
      return StubResponse(status: 302, headers: ["Location": "/n1"])
    case "/near.example/n1", "/near.example/n2", "/near.example/n3":
      let n = Int(request.path.suffix(1))!
      return StubResponse(status: 302, headers: ["Location": "/n\(n + 1)"])
    case "/near.example/n4":
      return StubResponse(status: 307, headers: ["Location": "https://closed.example/robots.txt"])
    case "/chain.example/robots.txt":
      return StubResponse(status: 302, headers: ["Location": "/r1"])
    case let path where path.hasPrefix("/chain.example/r"):
      let n = Int(path.dropFirst("/chain.example/r".count))!
      return StubResponse(status: 302, headers: ["Location": "/r\(n + 1)"])
    case "/nowhere.example/robots.txt": return StubResponse(status: 302)
    case "/open.example/pdf":
      return StubResponse(status: 200, headers: ["Content-Type": "application/pdf"])
    case "/open.example/page":
      return StubResponse(
        status: 200, headers: html, body: Data("<a href='https://x.com/z'>x</a>".utf8))
    default: return StubResponse(status: 200, headers: html, body: Data("<p>".utf8))
    }
  }

  @Test func robotsTxtIsAskedOncePerHostAndOnEveryRedirectHop() throws {
    let server = try StubHTTPServer { Self.serve($0) }
    defer { server.stop() }
    let f = Self.fetcher(server)
    let page = try f.page("https://open.example/page").get()
    #expect(page.links == ["https://x.com/z"])
    #expect(page.url == "https://open.example/page")
    _ = f.page("https://open.example/other")
    #expect(server.requests.filter { $0.path == "/open.example/robots.txt" }.count == 1)
    // The redirect leads to a host whose robots.txt forbids everything: not fetched.
    #expect(
      f.page("https://open.example/to-closed").failure?.description
        == "robots.txt does not allow https://closed.example/page")
    #expect(!server.requests.contains { $0.path == "/closed.example/page" })
    // A robots.txt answering 5xx forbids the host (RFC 9309).
    #expect(f.page("https://broken.example/").failure == .robots("https://broken.example/"))
    #expect(!server.requests.contains { $0.path == "/broken.example/" })
  }

  @Test func aRobotsTxtReachedWithinFiveRedirectsIsTheHostsRules() throws {
    let server = try StubHTTPServer { Self.serve($0) }
    defer { server.stop() }
    let f = Self.fetcher(server)
    // One hop, to another host: its rules (nothing allowed) are moved.example's.
    #expect(f.page("https://moved.example/5340").failure == .robots("https://moved.example/5340"))
    // Five hops: followed to the end.
    #expect(f.page("https://near.example/5340").failure == .robots("https://near.example/5340"))
    // (Read once for each of the two hosts that lead to it: rules are kept per host asked.)
    #expect(server.requests.filter { $0.path == "/closed.example/robots.txt" }.count == 2)
    #expect(!server.requests.contains { $0.path.hasSuffix("/5340") })
    // Six hops: the fifth redirect is followed, the sixth is not; robots.txt counts as
    // unavailable, which allows everything (as a 404 does).
    #expect((try? f.page("https://chain.example/page").get()) != nil)
    let chain = server.requests.map(\.path).filter {
      $0.hasPrefix("/chain.example/r") && !$0.hasSuffix("/robots.txt")
    }
    #expect(chain == (1...5).map { "/chain.example/r\($0)" })
    // A redirect with no Location: unavailable as well.
    #expect((try? f.page("https://nowhere.example/").get()) != nil)
  }

  @Test func redirectsAreCappedAndOnlyHTMLIsRead() throws {
    let server = try StubHTTPServer { Self.serve($0) }
    defer { server.stop() }
    let f = Self.fetcher(server, maxRedirects: 3)
    #expect(
      f.page("https://open.example/loop").failure?.description == "more than 3 redirects")
    // The first request and 3 redirects followed, the 4th refused.
    #expect(server.requests.filter { $0.path == "/open.example/loop" }.count == 4)
    #expect(f.page("https://open.example/pdf").failure == .notHTML("application/pdf"))
    #expect(
      f.physical("https://www.police.be:8443/5340/a?b=1")
        == server.baseURL + "/www.police.be:8443/5340/a?b=1")
  }
}

extension Result {
  fileprivate var failure: Failure? {
    if case .failure(let f) = self { return f }
    return nil
  }
}
