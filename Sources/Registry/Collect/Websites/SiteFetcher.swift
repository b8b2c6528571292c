import Foundation
import Synchronization

/// One page read from a site.
public struct FetchedPage: Sendable {
  /// The address after redirects (relative links resolve against it).
  public var url: String
  public var charset: HTMLText.Charset
  /// Every link of the page, absolute.
  public var links: [String]
}

/// Why a site was not read.
public enum SiteFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// robots.txt does not let this crawler fetch the address: not an error of the site.
  case robots(String)
  case fetch(FetchFailure)
  case notHTML(String)

  public var description: String {
    switch self {
    case .robots(let url): return "robots.txt does not allow \(url)"
    case .fetch(let f): return f.description
    case .notHTML(let type): return "not an HTML page (\(type))"
    }
  }
}

/// Reads web pages politely: robots.txt asked once per host (and honoured on every redirect
/// hop), redirects followed up to a cap, the body capped by the HTTP client, the text decoded.
/// `baseURL` sends every request to one server instead (tests and mirrors), keeping the host
/// as the first path segment: `https://www.police.be/5340` is asked as `BASE/www.police.be/5340`.
public final class SiteFetcher: Sendable {
  public let fetcher: PoliteFetcher
  /// The product token robots.txt groups are matched against.
  public let agent: String
  public let maxRedirects: Int
  public let baseURL: String?
  private let robots = Mutex<[String: RobotsRules]>([:])

  public init(fetcher: PoliteFetcher, agent: String, maxRedirects: Int, baseURL: String?) {
    self.fetcher = fetcher
    self.agent = agent
    self.maxRedirects = maxRedirects
    self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
  }

  /// The page at `url`, after redirects, with its links.
  public func page(_ url: String) -> Result<FetchedPage, SiteFailure> {
    var current = url
    var hops = 0
    while true {
      guard let c = URLComponents(string: current), c.host != nil else {
        return .failure(.fetch(FetchFailure(status: nil, reason: "bad address", attempts: 0)))
      }
      let path =
        (c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath)
        + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
      guard rules(for: c).allows(path) else { return .failure(.robots(current)) }
      let response: HTTPResponse
      switch fetcher.get(physical(current), headers: ["Accept": "text/html,*/*;q=0.5"]) {
      case .failure(let f): return .failure(.fetch(f))
      case .success(let r): response = r
      }
      if (300...399).contains(response.status), let location = response.headers["location"] {
        hops += 1
        guard hops <= maxRedirects,
          let next = HTMLLinks.resolve(location, against: URL(string: current))
        else {
          return .failure(
            .fetch(
              FetchFailure(
                status: response.status,
                reason: hops > maxRedirects
                  ? "more than \(maxRedirects) redirects" : "redirect to a bad address",
                attempts: 1)))
        }
        current = next
        continue
      }
      guard (200...299).contains(response.status) else {
        return .failure(
          .fetch(
            FetchFailure(
              status: response.status, reason: "HTTP \(response.status)", attempts: 1)))
      }
      let type = response.headers["content-type"]
      if let type, !type.lowercased().contains("html"), !type.lowercased().hasPrefix("text/") {
        return .failure(.notHTML(type))
      }
      let (text, charset) = HTMLText.decode(response.body, contentType: type)
      return .success(
        FetchedPage(
          url: current, charset: charset, links: HTMLLinks.links(in: text, pageURL: current)))
    }
  }

  /// The address actually requested.
  func physical(_ url: String) -> String {
    guard let baseURL, let c = URLComponents(string: url), let host = c.host else { return url }
    let port = c.port.map { ":\($0)" } ?? ""
    return baseURL + "/" + host + port + (c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath)
      + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
  }

  /// The host's robots.txt rules for this agent, fetched once: a 4xx answer allows everything,
  /// a 5xx answer or no answer forbids everything (RFC 9309 section 2.3.1). A redirect is
  /// followed, to another host too, up to `robotsRedirects` times, and the robots.txt reached
  /// applies to this host (section 2.3.1.2); past that, or a redirect without a usable
  /// `Location`, counts as unavailable, as a 4xx does. (Until 2026-11-30 a 3xx allowed
  /// everything at once: a host redirecting `http://` to `https://` had its rules ignored.)
  func rules(for c: URLComponents) -> RobotsRules {
    let origin = "\(c.scheme ?? "https")://\(c.host ?? "")\(c.port.map { ":\($0)" } ?? "")"
    if let known = robots.withLock({ $0[origin] }) { return known }
    // Unavailable (allow all) unless an answer below says otherwise.
    var rules = RobotsRules.allowAll
    var address = origin + "/robots.txt"
    // The first request and up to `robotsRedirects` redirects: a redirect past them is not
    // followed.
    for _ in 0...Self.robotsRedirects {
      guard case .success(let r) = fetcher.get(physical(address)) else {
        rules = .disallowAll
        break
      }
      if (300...399).contains(r.status), let location = r.headers["location"],
        let next = HTMLLinks.resolve(location, against: URL(string: address))
      {
        address = next
        continue
      }
      switch r.status {
      case 200...299:
        rules = RobotsRules.parse(HTMLText.decode(r.body, contentType: nil).text, agent: agent)
      case 300...499: rules = .allowAll
      default: rules = .disallowAll
      }
      break
    }
    robots.withLock { $0[origin] = rules }
    return rules
  }

  /// The redirects followed to reach a robots.txt: RFC 9309 recommends at least five.
  static let robotsRedirects = 5
}
