import GRDB
import Vocabulary

/// One presence of one entity on one platform.
public struct Channel: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "channel"
  public var id: Int64?
  /// Stable identifier chosen at creation (`platform/handle` by default); survives renames.
  public var key: String
  public var entityId: String
  public var platform: Platform
  /// Canonical handle (see `Handle`); nil when a source shows the channel without naming it
  /// (key `platform/unknown:ENTITY`): never an invented handle.
  public var handle: String?
  public var url: String?
  public var platformId: String?
  public var languages: String
  public var purposes: String
  public var status: ChannelStatus
  public var openedOn: String?
  /// The earliest date a source shows the channel existing, when the opening date is unknown.
  public var firstSeenOn: String?
  /// Exclusive: the day the channel was closed.
  public var closedOn: String?
  public var emergencyDisclaimer: Bool?
  public var disclaimerSeenOn: String?
  public var confidence: Confidence
  public var confidenceNote: String?
  public var sourceId: Int64
  public var note: String?

  public init(
    id: Int64? = nil, key: String, entityId: String, platform: Platform, handle: String?,
    url: String? = nil, platformId: String? = nil, languages: String = "", purposes: String = "",
    status: ChannelStatus = .active, openedOn: String? = nil, firstSeenOn: String? = nil,
    closedOn: String? = nil, emergencyDisclaimer: Bool? = nil, disclaimerSeenOn: String? = nil,
    confidence: Confidence = .high, confidenceNote: String? = nil, sourceId: Int64,
    note: String? = nil
  ) {
    self.id = id
    self.key = key
    self.entityId = entityId
    self.platform = platform
    self.handle = handle
    self.url = url
    self.platformId = platformId
    self.languages = languages
    self.purposes = purposes
    self.status = status
    self.openedOn = openedOn
    self.firstSeenOn = firstSeenOn
    self.closedOn = closedOn
    self.emergencyDisclaimer = emergencyDisclaimer
    self.disclaimerSeenOn = disclaimerSeenOn
    self.confidence = confidence
    self.confidenceNote = confidenceNote
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, key, platform, handle, url, languages, purposes, status, confidence, note
    case entityId = "entity_id"
    case platformId = "platform_id"
    case openedOn = "opened_on"
    case firstSeenOn = "first_seen_on"
    case closedOn = "closed_on"
    case emergencyDisclaimer = "emergency_disclaimer"
    case disclaimerSeenOn = "disclaimer_seen_on"
    case confidenceNote = "confidence_note"
    case sourceId = "source_id"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let key = Column(CodingKeys.key)
    public static let entityId = Column(CodingKeys.entityId)
    public static let platform = Column(CodingKeys.platform)
    public static let handle = Column(CodingKeys.handle)
    public static let status = Column(CodingKeys.status)
    public static let platformId = Column(CodingKeys.platformId)
  }

  /// The handle for display: `@name`-free canonical text, or "(handle unknown)".
  public var handleText: String { handle ?? Channel.unknownHandleText }
  /// How listings print a channel without a handle.
  public static let unknownHandleText = "(handle unknown)"

  /// The day from which the channel counts as present: its opening date, else the first sighting.
  public var effectiveOpenedOn: String? { openedOn ?? firstSeenOn }

  /// Whether the channel was open on the day (opened or seen on or before it, not closed by it).
  public func isOpen(on day: Day) -> Bool {
    let d = day.description
    guard let opened = effectiveOpenedOn, opened <= d else { return false }
    if let closed = closedOn, closed <= d { return false }
    return true
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
