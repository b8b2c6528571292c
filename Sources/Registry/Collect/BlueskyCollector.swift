import Foundation

/// Bluesky's public `app.bsky.actor.getProfiles` on an AppView, up to 25 actors per call.
public enum BlueskyCollector {
  public static let defaultAppview = "https://public.api.bsky.app"
  public static let batchSize = 25

  /// What to ask for: the DID when known (handles change, DIDs do not), else the handle.
  public static func actor(for target: ChannelTarget) -> String {
    target.platformId ?? target.handle
  }

  public static func profilesURL(appview: String, actors: [String]) -> Result<String, FetchFailure>
  {
    let base = appview.hasSuffix("/") ? String(appview.dropLast()) : appview
    var c = URLComponents(string: base + "/xrpc/app.bsky.actor.getProfiles")
    c?.queryItems = actors.map { URLQueryItem(name: "actors", value: $0) }
    guard let url = c?.string, c?.host != nil else {
      return .failure(
        FetchFailure(status: nil, reason: "bad Bluesky AppView URL '\(appview)'", attempts: 0))
    }
    return .success(url)
  }

  /// Matches a getProfiles response to the batch's channels: by DID when the channel has one,
  /// else by handle. A channel with no profile in the answer gets a failure.
  public static func parse(_ response: HTTPResponse, targets: [ChannelTarget]) -> [String: Result<
    FetchedProfile, FetchFailure
  >] {
    func failAll(_ reason: String) -> [String: Result<FetchedProfile, FetchFailure>] {
      let f = FetchFailure(status: response.status, reason: reason, attempts: 1)
      return Dictionary(uniqueKeysWithValues: targets.map { ($0.key, .failure(f)) })
    }
    guard response.status == 200 else {
      let detail =
        (try? JSONDecoder().decode(XRPCError.self, from: response.body))
        .map { ": \($0.error ?? "")\($0.message.map { " \($0)" } ?? "")" } ?? ""
      return failAll("HTTP \(response.status)\(detail)")
    }
    let answer: Answer
    do {
      answer = try JSONDecoder().decode(Answer.self, from: response.body)
    } catch {
      return failAll(
        "malformed response: not a getProfiles answer (\(MastodonCollector.describe(error)))")
    }
    var result: [String: Result<FetchedProfile, FetchFailure>] = [:]
    for t in targets {
      let match = answer.profiles.first { p in
        if let id = t.platformId { return p.did == id }
        return p.handle.lowercased() == t.handle.lowercased()
      }
      guard let p = match else {
        result[t.key] = .failure(
          FetchFailure(
            status: 200,
            reason:
              "no profile for '\(actor(for: t))' (deleted, deactivated, or the handle is wrong)",
            attempts: 1))
        continue
      }
      result[t.key] = .success(
        FetchedProfile(
          platformId: p.did, handle: p.handle.lowercased(), followers: p.followersCount,
          following: p.followsCount, posts: p.postsCount, bio: p.description ?? "",
          requestURL: response.url, redirectedTo: response.redirectedTo))
    }
    return result
  }

  private struct Answer: Decodable { var profiles: [Profile] }

  // Field names as in app.bsky.actor.defs#profileViewDetailed.
  private struct Profile: Decodable {
    var did: String
    var handle: String
    var followersCount: Int64?
    var followsCount: Int64?
    var postsCount: Int64?
    var description: String?
  }

  private struct XRPCError: Decodable {
    var error: String?
    var message: String?
  }
}
