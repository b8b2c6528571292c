import Vocabulary

/// An entity as the metrics see it. Days are `Day`s (Vocabulary).
public struct StatsEntity: Sendable, Hashable {
  public var id: String
  public var name: String
  public var region: String
  public var kind: String
  public var population: Int?
  /// First day of existence (inclusive); nil when it has always existed.
  public var validFrom: Day?
  /// The day it ceased (exclusive); nil when it still exists.
  public var validTo: Day?

  public init(
    id: String, name: String, region: String, kind: String = "local_police",
    population: Int? = nil, validFrom: Day? = nil, validTo: Day? = nil
  ) {
    self.id = id
    self.name = name
    self.region = region
    self.kind = kind
    self.population = population
    self.validFrom = validFrom
    self.validTo = validTo
  }

  /// Whether the entity existed on `day` (validFrom inclusive, validTo exclusive).
  public func exists(on day: Day) -> Bool {
    if let from = validFrom, from > day { return false }
    if let to = validTo, to <= day { return false }
    return true
  }
}

/// A channel (account) as the metrics see it.
public struct StatsChannel: Sendable, Hashable {
  public var id: Int64
  public var entityId: String
  /// The stored platform name (`x`, `facebook_page`, ... `website`).
  public var platform: String
  /// The channel's evidence date, from which it counts as open: its opening day, else the first
  /// day a source saw it, else the publication date of its source, else the day the source was
  /// retrieved (`dating` says which); nil when none is known.
  public var openedOn: Day?
  /// What `openedOn` is; nil when it is nil.
  public var dating: ChannelDating?
  /// The day it was closed (exclusive).
  public var closedOn: Day?
  /// The day a person last checked that the account belongs to its entity.
  public var verifiedOn: Day?
  /// Whether it states "no urgent calls here": nil when unknown.
  public var disclaimer: Bool?
  /// `high`, `medium` or `low`: how sure the registry is that it belongs to its entity.
  public var confidence: String
  /// A label for listings (platform and handle).
  public var label: String

  public init(
    id: Int64, entityId: String, platform: String, openedOn: Day? = nil,
    dating: ChannelDating? = nil, closedOn: Day? = nil, verifiedOn: Day? = nil,
    disclaimer: Bool? = nil, confidence: String = "high", label: String = ""
  ) {
    self.id = id
    self.entityId = entityId
    self.platform = platform
    self.openedOn = openedOn
    self.dating = dating ?? (openedOn == nil ? nil : .opened)
    self.closedOn = closedOn
    self.verifiedOn = verifiedOn
    self.disclaimer = disclaimer
    self.confidence = confidence
    self.label = label
  }

  /// Whether it counts as present on `day`: opened on or before it and not closed by it.
  public func isOpen(on day: Day) -> Bool {
    guard let opened = openedOn, opened <= day else { return false }
    if let closed = closedOn, closed <= day { return false }
    return true
  }

  /// Whether the platform is social media (websites, mailing lists and SMS alerts are not).
  public var isSocial: Bool { Platform.isSocial(name: platform) }
}

/// One observation of a channel's counts.
///
/// Stored compactly (56 bytes, against 80 for four `Int?`): a report on 300,000 accounts holds
/// one per follower count it reads. The four counts are plain integers with a bit each saying
/// whether they are known; an unknown count is stored as 0, so equality and hashing see only
/// what is known.
public struct StatsSnapshot: Sendable, Hashable {
  public var channelId: Int64
  /// UTC epoch seconds.
  public var observedAt: Int64
  private var counts: (Int, Int, Int, Int) = (0, 0, 0, 0)
  /// Bit 0: followers known, 1: posts, 2: engagements, 3: windowDays.
  private var known: UInt8 = 0

  public var followers: Int? {
    get { known & 1 == 0 ? nil : counts.0 }
    set { (counts.0, known) = Self.store(newValue, bit: 1, in: known) }
  }
  public var posts: Int? {
    get { known & 2 == 0 ? nil : counts.1 }
    set { (counts.1, known) = Self.store(newValue, bit: 2, in: known) }
  }
  public var engagements: Int? {
    get { known & 4 == 0 ? nil : counts.2 }
    set { (counts.2, known) = Self.store(newValue, bit: 4, in: known) }
  }
  public var windowDays: Int? {
    get { known & 8 == 0 ? nil : counts.3 }
    set { (counts.3, known) = Self.store(newValue, bit: 8, in: known) }
  }

  public init(
    channelId: Int64, observedAt: Int64, followers: Int? = nil, posts: Int? = nil,
    engagements: Int? = nil, windowDays: Int? = nil
  ) {
    self.channelId = channelId
    self.observedAt = observedAt
    self.followers = followers
    self.posts = posts
    self.engagements = engagements
    self.windowDays = windowDays
  }

  /// The UTC day number of the observation.
  public var day: Day { Day(epochSeconds: observedAt) }

  private static func store(_ value: Int?, bit: UInt8, in known: UInt8) -> (Int, UInt8) {
    guard let value else { return (0, known & ~bit) }
    return (value, known | bit)
  }

  public static func == (a: StatsSnapshot, b: StatsSnapshot) -> Bool {
    a.channelId == b.channelId && a.observedAt == b.observedAt && a.known == b.known
      && a.counts == b.counts
  }

  public func hash(into h: inout Hasher) {
    h.combine(channelId)
    h.combine(observedAt)
    h.combine(known)
    h.combine(counts.0)
    h.combine(counts.1)
    h.combine(counts.2)
    h.combine(counts.3)
  }
}

/// One survey: on a day, a source checked an entity on a platform and found it present or absent.
public struct StatsSurvey: Sendable, Hashable {
  public var entityId: String
  /// The stored platform name.
  public var platform: String
  public var day: Day
  public var result: SurveyResult
  public var confidence: Confidence
  /// How it was made (`website`, `platform_search`, ...), for listings.
  public var method: String
  /// The handle it found, when the source names one.
  public var handle: String?
  /// Its source's key, for listings.
  public var sourceKey: String

  public init(
    entityId: String, platform: String, day: Day, result: SurveyResult,
    confidence: Confidence = .high, method: String = "manual", handle: String? = nil,
    sourceKey: String = ""
  ) {
    self.entityId = entityId
    self.platform = platform
    self.day = day
    self.result = result
    self.confidence = confidence
    self.method = method
    self.handle = handle
    self.sourceKey = sourceKey
  }
}
