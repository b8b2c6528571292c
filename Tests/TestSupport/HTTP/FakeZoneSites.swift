import Foundation

/// Zone websites written for the tests (invented zones and accounts, the shapes of the real
/// police.be pages): served by `StubHTTPServer` at `BASE/<host>/<path>`, the form
/// `collect websites --base-url BASE` asks for. `Fixtures.websitesSeed` has the zones.
public enum FakeZoneSites {
  /// Seconds the slow zone (5346) waits before answering.
  public static let slowDelay = 3.0
  /// Size of the oversized page (5347).
  public static let hugeSize = 20 * 1024 * 1024

  /// Zone 5340: header and footer icon links in every attribute style, a contact page linked
  /// relative to `<base href>` (with the Bluesky account), share buttons, a post, the federal
  /// police's account, a tracking redirect, and links hidden in a comment, a script and the title.
  public static let voorbeeldHome = """
    <!DOCTYPE html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <title>Politiezone Voorbeeld <a href="https://x.com/in_title">not a link</a></title>
    <base href="https://www.police.be/5340/">
    <link rel="stylesheet" href="/themes/police/style.css">
    <script>var tpl = '<a href="https://www.instagram.com/in_script">';</script>
    </head>
    <body>
    <header class="site-header">
      <nav>
        <a class="icon icon-facebook" title="Facebook" href="https://www.facebook.com/PolitieVoorbeeld"><svg></svg></a>
        <a target=_blank rel="noopener" href='https://twitter.com/ZP_Voorbeeld?lang=nl'><span>X</span></a>
        <a href="contact">Contact</a>
        <a href="nieuws">Nieuws</a>
      </nav>
    </header>
    <main>
      <!-- <a href="https://www.tiktok.com/@in_comment">oude link</a> -->
      <p>Lees <a href="https://x.com/zp_voorbeeld/status/1790000000000000001">ons bericht</a>.</p>
      <p>Zie ook <a href = "https://x.com/fedpol_example" >de federale politie</a>.</p>
      <div class="share">
        <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.police.be%2F5340&amp;t=Nieuws">Deel</a>
        <a href="https://twitter.com/intent/tweet?text=Nieuws&amp;url=https%3A%2F%2Fwww.police.be%2F5340">Tweet</a>
        <a href="https://www.linkedin.com/shareArticle?mini=true&amp;url=https%3A%2F%2Fwww.police.be%2F5340">LinkedIn</a>
      </div>
      <a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fsomeone_else%2F&amp;h=AT0x">Instagram</a>
      <a href="/5341">Buurzone</a>
    </main>
    <footer>
      <a href="https://www.instagram.com/politie_voorbeeld/" aria-label="Instagram"><img src="ig.svg" alt=""></a>
      <a aria-label="YouTube" href=https://www.youtube.com/@PolitieVoorbeeld>YouTube</a>
      <a HREF="https&#58;&#x2F;&#x2F;www.facebook.com/PolitieVoorbeeld">Facebook</a>
    </footer>
    </body>
    </html>
    """

  public static let voorbeeldContact = """
    <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Contact</title></head>
    <body><h1>Contact</h1>
    <p>Volg ons op <a href="https://bsky.app/profile/voorbeeld.bsky.social">Bluesky</a>
    en <a href="https://www.facebook.com/PolitieVoorbeeld">Facebook</a>.</p>
    </body></html>
    """

  /// Zone 5341: a bare template, no social link at all.
  public static let sjabloonHome = """
    <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Politiezone Sjabloon</title></head>
    <body><header><a href="/5341">Home</a> <a href="/5341/nieuws">Nieuws</a></header>
    <main><p>Welkom.</p><a href="https://www.belgium.be/nl">belgium.be</a></main>
    <footer><div class="social"></div></footer></body></html>
    """

  /// Zone 5342: Latin-1 bytes, declared only by a meta tag (the header has no charset).
  public static var exempleHome: Data {
    let text = """
      <!DOCTYPE html><html lang="fr"><head>
      <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
      <title>Zone de police Exemple</title></head>
      <body><h1>Sécurité et prévention à Exemple</h1>
      <a title="Suivez-nous sur Facebook « réseaux »" href="https://www.facebook.com/PoliceExemple">Facebook</a>
      <a title="Instagram (télé)" href="https://www.instagram.com/police_exemple">Instagram</a>
      </body></html>
      """
    // Every character is Latin-1: one byte each (é is 0xE9), which is not valid UTF-8.
    return Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
  }

  /// Zone 5343, after two redirects (to another host): a relative contact link.
  public static let omleidingHome = """
    <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Omleiding</title></head>
    <body><a href="https://x.com/Pol_Omleiding">X</a> <a href="contact-us">Contact</a></body></html>
    """

  public static let omleidingContact = """
    <!DOCTYPE html><html lang="nl"><head><title>Contact</title></head>
    <body><a href="https://t.me/pol_omleiding">Telegram</a></body></html>
    """

  /// Zone 5350: a Facebook link on the home page; its contact page fails (500).
  public static let contactBrokenHome = """
    <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Zone</title></head>
    <body><a href="https://www.facebook.com/ZoneContact">Facebook</a>
    <a href="/5350/contact">Contact</a></body></html>
    """

  /// robots.txt of www.lokalepolitie.be: everyone may read it, except this crawler's zone pages.
  public static let lokaleRobots = """
    # robots.txt
    User-agent: *
    Disallow: /private/

    User-agent: SomeOtherBot
    Disallow: /

    User-agent: Registry-CLI
    Disallow: /5348
    Allow: /5348/public$
    """

  /// A zone page for the many generated zones of the crash test (zone `code`): one X account.
  public static func generatedHome(_ code: Int) -> String {
    """
    <!DOCTYPE html><html><head><title>Zone \(code)</title></head>
    <body><a href="https://x.com/zone_\(code)">X</a></body></html>
    """
  }

  /// The answer to a request for `BASE/<host>/<path>`; `extraDelay` slows every page (crash test).
  public static func handle(_ request: StubRequest, extraDelay: Double = 0) -> StubResponse {
    let html = ["Content-Type": "text/html; charset=utf-8"]
    func page(_ text: String) -> StubResponse {
      StubResponse(status: 200, headers: html, body: Data(text.utf8), delay: extraDelay)
    }
    switch request.path {
    case "/www.police.be/5340": return page(voorbeeldHome)
    case "/www.police.be/5340/contact": return page(voorbeeldContact)
    case "/www.police.be/5341": return page(sjabloonHome)
    case "/www.police.be/5342":
      return StubResponse(status: 200, headers: ["Content-Type": "text/html"], body: exempleHome)
    case "/www.police.be/5343":
      return StubResponse(status: 301, headers: ["Location": "/5343/"])
    case "/www.police.be/5343/":
      return StubResponse(status: 302, headers: ["Location": "https://www.politie.be/5343/home"])
    case "/www.politie.be/5343/home": return page(omleidingHome)
    case "/www.politie.be/5343/contact-us": return page(omleidingContact)
    case "/www.police.be/5345":
      return StubResponse(status: 500, headers: html, body: Data("<h1>Error</h1>".utf8))
    case "/www.police.be/5346":
      var r = page(voorbeeldContact)
      r.delay = slowDelay
      return r
    case "/www.police.be/5347":
      return StubResponse(
        status: 200, headers: html, body: Data(repeating: UInt8(ascii: "a"), count: hugeSize))
    case "/www.lokalepolitie.be/robots.txt":
      return StubResponse(
        status: 200, headers: ["Content-Type": "text/plain"], body: Data(lokaleRobots.utf8))
    case "/www.lokalepolitie.be/5348": return page(voorbeeldContact)
    case "/www.police.be/5350": return page(contactBrokenHome)
    case "/www.police.be/5350/contact":
      return StubResponse(status: 500, headers: html, body: Data("<h1>Error</h1>".utf8))
    default:
      if request.path.hasPrefix("/www.generated.be/"),
        let code = Int(request.path.dropFirst("/www.generated.be/".count))
      {
        return page(generatedHome(code))
      }
      return StubResponse(
        status: 404, headers: html, body: Data("<h1>Not found</h1>".utf8), delay: 0)
    }
  }
}
