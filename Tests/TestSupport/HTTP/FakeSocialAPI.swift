import Foundation
import Synchronization

/// Recorded-style answers of Mastodon's `accounts/lookup` and Bluesky's
/// `app.bsky.actor.getProfiles`, with faults injected per account, served by `StubHTTPServer`.
public final class FakeSocialAPI: Sendable {
  public struct MastodonAccount: Sendable {
    public var id: String
    public var username: String
    public var server: String
    public var note: String
    public var followers: Int
    public var following: Int
    public var statuses: Int
    /// `acct` of the account it moved to, with that account's counts.
    public var movedTo: (acct: String, followers: Int)?

    public init(
      id: String, username: String, server: String, note: String, followers: Int, following: Int,
      statuses: Int, movedTo: (acct: String, followers: Int)? = nil
    ) {
      self.id = id
      self.username = username
      self.server = server
      self.note = note
      self.followers = followers
      self.following = following
      self.statuses = statuses
      self.movedTo = movedTo
    }
  }

  public struct BlueskyProfile: Sendable {
    public var did: String
    public var handle: String
    public var description: String
    public var followers: Int
    public var follows: Int
    public var posts: Int

    public init(
      did: String, handle: String, description: String, followers: Int, follows: Int, posts: Int
    ) {
      self.did = did
      self.handle = handle
      self.description = description
      self.followers = followers
      self.follows = follows
      self.posts = posts
    }
  }

  public enum Fault: Sendable {
    case notFound
    case malformedJSON
    /// Answer this status the first time, then the real answer.
    case failOnce(status: Int)
    /// 429 with this Retry-After the first time, then the real answer.
    case rateLimitOnce(retryAfter: String)
    case slow(seconds: Double)
    case huge
    case redirectLoop
    /// Redirected (301) to the same lookup under `/moved`, which answers.
    case redirected
  }

  let mastodon: [String: MastodonAccount]
  let bluesky: [BlueskyProfile]
  /// Keyed by `user@server` (Mastodon) or the requested actor (Bluesky).
  let faults: [String: Fault]
  private let hits = Mutex<[String: Int]>([:])

  public init(mastodon: [MastodonAccount], bluesky: [BlueskyProfile], faults: [String: Fault] = [:])
  {
    self.mastodon = Dictionary(
      uniqueKeysWithValues: mastodon.map { ("\($0.username)@\($0.server)", $0) })
    self.bluesky = bluesky
    self.faults = faults
  }

  /// How many requests asked about `key`.
  public func hitCount(_ key: String) -> Int { hits.withLock { $0[key] ?? 0 } }

  public func handle(_ request: StubRequest) -> StubResponse {
    switch request.path {
    case "/api/v1/accounts/lookup":
      let acct = request.query("acct").first ?? ""
      return answer(key: acct) { self.mastodonAnswer(acct) }
    case "/xrpc/app.bsky.actor.getProfiles":
      let actors = request.query("actors")
      let key = actors.first(where: { faults[$0] != nil }) ?? actors.joined(separator: ",")
      return answer(key: key) { self.blueskyAnswer(actors) }
    case "/loop":
      return StubResponse(status: 302, headers: ["Location": "/loop"])
    case "/moved/api/v1/accounts/lookup":
      return mastodonAnswer(request.query("acct").first ?? "")
    default:
      return .json(#"{"error":"Record not found"}"#, status: 404)
    }
  }

  private func answer(key: String, real: () -> StubResponse) -> StubResponse {
    let n = hits.withLock { h -> Int in
      h[key, default: 0] += 1
      return h[key]!
    }
    switch faults[key] {
    case nil: return real()
    case .notFound?: return .json(#"{"error":"Record not found"}"#, status: 404)
    case .malformedJSON?: return .json(#"{"id": "1", "acct": "broken", "followers_count": 12"#)
    case .failOnce(let status)?:
      return n == 1 ? .json(#"{"error":"Internal server error"}"#, status: status) : real()
    case .rateLimitOnce(let after)?:
      return n == 1
        ? .json(
          #"{"error":"Too many requests"}"#, status: 429,
          headers: ["Retry-After": after, "X-RateLimit-Remaining": "0"]) : real()
    case .slow(let seconds)?:
      var r = real()
      r.delay = seconds
      return r
    case .huge?:
      return StubResponse(
        status: 200, body: Data(repeating: UInt8(ascii: " "), count: 3 * 1024 * 1024))
    case .redirectLoop?:
      return StubResponse(status: 302, headers: ["Location": "/loop"])
    case .redirected?:
      return StubResponse(
        status: 301, headers: ["Location": "/moved/api/v1/accounts/lookup?acct=\(key)"])
    }
  }

  private func mastodonAnswer(_ acct: String) -> StubResponse {
    guard let a = mastodon[acct.lowercased()] else {
      return .json(#"{"error":"Record not found"}"#, status: 404)
    }
    var json = Self.mastodonJSON(a)
    if let moved = a.movedTo {
      let parts = moved.acct.split(separator: "@")
      json["moved"] = Self.mastodonJSON(
        MastodonAccount(
          id: "2\(a.id)", username: String(parts[0]), server: String(parts[1]),
          note: "<p>New home of \(a.username)</p>", followers: moved.followers, following: 3,
          statuses: 7)
      ).merging(["acct": moved.acct]) { _, new in new }
    }
    return StubResponse(status: 200, body: try! JSONSerialization.data(withJSONObject: json))
  }

  /// An Account entity as Mastodon returns it (the fields the collector reads and some others).
  static func mastodonJSON(_ a: MastodonAccount) -> [String: Any] {
    [
      "id": a.id, "username": a.username, "acct": a.username, "display_name": a.username,
      "locked": false, "bot": false, "discoverable": true, "group": false,
      "created_at": "2022-11-07T00:00:00.000Z", "note": a.note,
      "url": "https://\(a.server)/@\(a.username)", "uri": "https://\(a.server)/users/\(a.username)",
      "avatar": "https://\(a.server)/avatars/original/missing.png",
      "followers_count": a.followers, "following_count": a.following,
      "statuses_count": a.statuses, "last_status_at": "2024-05-01", "emojis": [], "fields": [],
    ]
  }

  private func blueskyAnswer(_ actors: [String]) -> StubResponse {
    let found = actors.compactMap { actor in
      bluesky.first { $0.did == actor || $0.handle == actor.lowercased() }
    }
    let profiles: [[String: Any]] = found.map { p in
      [
        "did": p.did, "handle": p.handle, "displayName": p.handle, "description": p.description,
        "avatar": "https://cdn.bsky.app/img/avatar/plain/\(p.did)/x@jpeg",
        "followersCount": p.followers, "followsCount": p.follows, "postsCount": p.posts,
        "indexedAt": "2024-05-01T00:00:00.000Z", "createdAt": "2023-09-01T00:00:00.000Z",
        "labels": [], "associated": ["lists": 0, "feedgens": 0, "starterPacks": 0],
      ]
    }
    return StubResponse(
      status: 200, body: try! JSONSerialization.data(withJSONObject: ["profiles": profiles]))
  }
}
