import Foundation
import Vocabulary

/// Who holds a handle in the registry, seen from one channel.
public enum HandleOwner: Sendable, Equatable {
  case nobody
  case itself
  case sameEntity(channelKey: String)
  case otherEntity(channelKey: String, entityId: String)
}

/// What one fetched profile changes in the registry. Pure: made from the channel, its latest
/// snapshot and the profile, so `--dry-run` can show it and tests can check it with literals.
public struct CollectPlan: Sendable, Equatable {
  public struct Rename: Sendable, Equatable {
    public var from: String
    public var to: String
  }

  public var channelKey: String
  public var platform: Platform
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  /// Same followers, following and posts as the latest stored snapshot.
  public var unchanged: Bool
  /// Set the channel's platform id (first sighting, or a move).
  public var newPlatformId: String?
  public var rename: Rename?
  /// Text appended to the channel's note (a Mastodon move).
  public var note: String?
  /// A move worth telling the user about.
  public var move: String?
  public var disclaimer: Bool
  /// Things the user should check; they do not stop the snapshot.
  public var warnings: [String]
  public var requestURL: String
  /// Where the request was redirected to, if it was.
  public var redirectedTo: String?

  /// The snapshot's note: the request, and where it was redirected (the figures' address).
  public var requestNote: String {
    "GET \(requestURL)" + (redirectedTo.map { ", redirected to \($0)" } ?? "")
  }

  /// Plans the update, or refuses the profile when the handle now belongs to another account
  /// (its platform id differs from the one recorded).
  public static func make(
    target: ChannelTarget, profile: FetchedProfile,
    latest: (followers: Int64?, following: Int64?, posts: Int64?)?,
    owner: (String) -> HandleOwner
  ) -> Result<CollectPlan, FetchFailure> {
    if let known = target.platformId, let seen = profile.platformId, known != seen {
      return .failure(
        FetchFailure(
          status: nil,
          reason: "'\(target.handle)' now belongs to another account (platform id \(seen), "
            + "registry has \(known)); nothing stored: check whether the channel was renamed",
          attempts: 1))
    }
    var plan = CollectPlan(
      channelKey: target.key, platform: target.platform, followers: profile.followers,
      following: profile.following, posts: profile.posts, unchanged: false,
      newPlatformId: target.platformId == nil ? profile.platformId : nil, rename: nil, note: nil,
      move: nil, disclaimer: EmergencyDisclaimer.detect(profile.bio), warnings: [],
      requestURL: profile.requestURL, redirectedTo: profile.redirectedTo)

    if profile.handle != target.handle {
      switch owner(profile.handle) {
      case .nobody, .itself: plan.rename = Rename(from: target.handle, to: profile.handle)
      case .sameEntity(let key), .otherEntity(let key, _):
        plan.warnings.append(
          "renamed to '\(profile.handle)', which the registry already lists as \(key); not renamed")
      }
    }

    if let moved = profile.movedTo {
      let from = plan.rename?.to ?? target.handle
      switch owner(moved.handle) {
      case .nobody:
        plan.rename = Rename(from: target.handle, to: moved.handle)
        plan.newPlatformId = moved.platformId
        plan.followers = moved.followers
        plan.following = moved.following
        plan.posts = moved.posts
        plan.disclaimer = EmergencyDisclaimer.detect(moved.bio)
        plan.move = "moved from \(from) to \(moved.handle); channel follows the new account"
      case .itself:
        plan.move = "moved from \(from) to \(moved.handle)"
      case .sameEntity(let key):
        plan.move = "moved from \(from) to \(moved.handle), already listed as \(key)"
      case .otherEntity(let key, let entity):
        plan.move = "moved from \(from) to \(moved.handle)"
        plan.warnings.append(
          "moved to '\(moved.handle)', which the registry lists as \(key) of another entity "
            + "(\(entity)); check")
      }
      plan.note = plan.move
    }

    // The limits every way in applies (`SnapshotLimits`): an answer beyond them is not stored.
    for (name, value) in [
      ("followers", plan.followers), ("following", plan.following), ("posts", plan.posts),
    ] {
      if let value, let problem = SnapshotLimits.countProblem(value) {
        return .failure(
          FetchFailure(
            status: nil,
            reason:
              "the platform answered a \(name) count out of range: \(problem); nothing stored",
            attempts: 1))
      }
    }

    if let l = latest {
      plan.unchanged =
        l.followers == plan.followers && l.following == plan.following && l.posts == plan.posts
    }
    return .success(plan)
  }
}
