import Foundation

/// Mastodon's public `GET /api/v1/accounts/lookup?acct=` on the account's own server.
public enum MastodonCollector {
  /// The lookup URL for a `user@server` handle. With `baseURL` (tests, proxies) every request goes
  /// there and carries the full `user@server`, since one base may stand for several servers.
  public static func lookupURL(handle: String, baseURL: String?) -> Result<String, FetchFailure> {
    guard let at = handle.lastIndex(of: "@"), at != handle.startIndex,
      handle.index(after: at) != handle.endIndex
    else {
      return .failure(
        FetchFailure(status: nil, reason: "'\(handle)' is not a user@server handle", attempts: 0))
    }
    let user = String(handle[..<at])
    let server = String(handle[handle.index(after: at)...])
    let base = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "https://\(server)"
    var c = URLComponents(string: base + "/api/v1/accounts/lookup")
    c?.queryItems = [URLQueryItem(name: "acct", value: baseURL == nil ? user : handle)]
    guard let url = c?.string, c?.host != nil else {
      return .failure(
        FetchFailure(status: nil, reason: "bad Mastodon base URL '\(base)'", attempts: 0))
    }
    return .success(url)
  }

  /// Reads one account from a lookup response; `server` completes local `acct` values.
  public static func parse(_ response: HTTPResponse, server: String) -> Result<
    FetchedProfile, FetchFailure
  > {
    func fail(_ reason: String) -> Result<FetchedProfile, FetchFailure> {
      .failure(FetchFailure(status: response.status, reason: reason, attempts: 1))
    }
    switch response.status {
    case 200: break
    case 404: return fail("account not found (HTTP 404): deleted, or the handle is wrong")
    case 410: return fail("account gone (HTTP 410): suspended or deleted")
    default: return fail("HTTP \(response.status)")
    }
    let account: Account
    do {
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      account = try decoder.decode(Account.self, from: response.body)
    } catch {
      return fail("malformed response: not a Mastodon account (\(Self.describe(error)))")
    }
    let moved = account.moved.map { m in
      MovedAccount(
        handle: full(m.acct, server: server).lowercased(), platformId: m.uri,
        followers: m.followersCount, following: m.followingCount, posts: m.statusesCount,
        bio: EmergencyDisclaimer.plainText(m.note ?? ""))
    }
    return .success(
      FetchedProfile(
        platformId: account.uri, handle: full(account.acct, server: server).lowercased(),
        followers: account.followersCount, following: account.followingCount,
        posts: account.statusesCount, bio: EmergencyDisclaimer.plainText(account.note ?? ""),
        lastPostAt: account.lastStatusAt, movedTo: moved, requestURL: response.url,
        redirectedTo: response.redirectedTo))
  }

  /// The server part of a `user@server` handle.
  public static func server(of handle: String) -> String {
    handle.lastIndex(of: "@").map { String(handle[handle.index(after: $0)...]) } ?? handle
  }

  static func full(_ acct: String, server: String) -> String {
    acct.contains("@") ? acct : "\(acct)@\(server)"
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
      return "bad field '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
    default: return "invalid JSON"
    }
  }

  // Mastodon's Account entity (snake_case on the wire: followers_count, last_status_at...).
  private struct Account: Decodable {
    var id: String
    var acct: String
    var uri: String?
    var note: String?
    var followersCount: Int64?
    var followingCount: Int64?
    var statusesCount: Int64?
    var lastStatusAt: String?
    var moved: Moved?
  }

  private struct Moved: Decodable {
    var acct: String
    var uri: String?
    var note: String?
    var followersCount: Int64?
    var followingCount: Int64?
    var statusesCount: Int64?
  }
}
