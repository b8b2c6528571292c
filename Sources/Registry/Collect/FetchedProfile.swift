import Vocabulary

/// A channel as the collectors know it: what is needed to ask the platform about it.
public struct ChannelTarget: Sendable, Hashable {
  public var channelId: Int64
  public var key: String
  public var entityId: String
  public var platform: Platform
  public var handle: String
  public var platformId: String?

  public init(
    channelId: Int64, key: String, entityId: String, platform: Platform, handle: String,
    platformId: String?
  ) {
    self.channelId = channelId
    self.key = key
    self.entityId = entityId
    self.platform = platform
    self.handle = handle
    self.platformId = platformId
  }
}

/// A profile as a platform's public API returned it, normalised across platforms.
public struct FetchedProfile: Sendable, Equatable {
  /// Stable id: Bluesky DID, Mastodon account URI.
  public var platformId: String?
  /// The handle the platform reports now, canonical (lowercase Bluesky domain, `user@server`).
  public var handle: String
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  /// The bio as plain text.
  public var bio: String
  public var lastPostAt: String?
  /// Set when the account moved to another one (Mastodon `moved`).
  public var movedTo: MovedAccount?
  /// The request that returned it (no secrets in it).
  public var requestURL: String
  /// Where the request was redirected to, when it was (the address the counts came from).
  public var redirectedTo: String?

  public init(
    platformId: String?, handle: String, followers: Int64?, following: Int64?, posts: Int64?,
    bio: String, lastPostAt: String? = nil, movedTo: MovedAccount? = nil, requestURL: String,
    redirectedTo: String? = nil
  ) {
    self.platformId = platformId
    self.handle = handle
    self.followers = followers
    self.following = following
    self.posts = posts
    self.bio = bio
    self.lastPostAt = lastPostAt
    self.movedTo = movedTo
    self.requestURL = requestURL
    self.redirectedTo = redirectedTo
  }
}

/// The account a Mastodon account moved to.
public struct MovedAccount: Sendable, Equatable {
  public var handle: String
  public var platformId: String?
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var bio: String

  public init(
    handle: String, platformId: String?, followers: Int64?, following: Int64?, posts: Int64?,
    bio: String
  ) {
    self.handle = handle
    self.platformId = platformId
    self.followers = followers
    self.following = following
    self.posts = posts
    self.bio = bio
  }
}
