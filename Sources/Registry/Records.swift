import GRDB

/// Where a fact comes from. Every entity, channel, snapshot and reference figure points to one.
public struct Source: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "source"
  public var id: Int64?
  /// Stable human-readable identifier (e.g. `doc-001-jan-2013`).
  public var key: String
  public var title: String
  public var publisher: String?
  public var url: String?
  public var publishedOn: String?
  public var retrievedOn: String?
  public var note: String?

  public init(
    id: Int64? = nil, key: String, title: String, publisher: String? = nil, url: String? = nil,
    publishedOn: String? = nil, retrievedOn: String? = nil, note: String? = nil
  ) {
    self.id = id
    self.key = key
    self.title = title
    self.publisher = publisher
    self.url = url
    self.publishedOn = publishedOn
    self.retrievedOn = retrievedOn
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, key, title, publisher, url, note
    case publishedOn = "published_on"
    case retrievedOn = "retrieved_on"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let key = Column(CodingKeys.key)
    public static let url = Column(CodingKeys.url)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An organisation that can own channels.
public struct Entity: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity"
  public var id: String
  public var kind: EntityKind
  public var code: String?
  public var codeSourceId: Int64?
  public var country: String
  public var region: String?
  /// `;`-separated BCP 47 codes, first is the main one.
  public var languages: String
  public var population: Int64?
  public var populationYear: Int?
  public var parentId: String?
  public var validFrom: String?
  /// Exclusive: the day the entity ceased (e.g. the merger date).
  public var validTo: String?
  public var sourceId: Int64
  public var note: String?
  /// Stands for an owner the sources do not identify (e.g. the zone behind @zp5327): listed,
  /// but excluded from entity counts and rates, since it may duplicate a real entity.
  public var placeholder: Bool

  public init(
    id: String, kind: EntityKind, code: String? = nil, codeSourceId: Int64? = nil,
    country: String, region: String? = nil, languages: String = "", population: Int64? = nil,
    populationYear: Int? = nil, parentId: String? = nil, validFrom: String? = nil,
    validTo: String? = nil, sourceId: Int64, note: String? = nil, placeholder: Bool = false
  ) {
    self.id = id
    self.kind = kind
    self.code = code
    self.codeSourceId = codeSourceId
    self.country = country
    self.region = region
    self.languages = languages
    self.population = population
    self.populationYear = populationYear
    self.parentId = parentId
    self.validFrom = validFrom
    self.validTo = validTo
    self.sourceId = sourceId
    self.note = note
    self.placeholder = placeholder
  }

  enum CodingKeys: String, CodingKey {
    case id, kind, code, country, region, languages, population, note, placeholder
    case codeSourceId = "code_source_id"
    case populationYear = "population_year"
    case parentId = "parent_id"
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case sourceId = "source_id"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let kind = Column(CodingKeys.kind)
    public static let country = Column(CodingKeys.country)
    public static let region = Column(CodingKeys.region)
    public static let validFrom = Column(CodingKeys.validFrom)
    public static let validTo = Column(CodingKeys.validTo)
  }

  /// Whether the entity existed on the given day (valid_from inclusive, valid_to exclusive).
  public func exists(on day: Day) -> Bool {
    let d = day.description
    if let from = validFrom, from > d { return false }
    if let to = validTo, to <= d { return false }
    return true
  }
}

/// An entity's name in one language.
public struct EntityName: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_name"
  public var entityId: String
  public var lang: String
  public var name: String
  public init(entityId: String, lang: String, name: String) {
    self.entityId = entityId
    self.lang = lang
    self.name = name
  }
  enum CodingKeys: String, CodingKey {
    case lang, name
    case entityId = "entity_id"
  }
}

/// A municipality served by an entity (NIS code in Belgium).
public struct EntityMunicipality: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_municipality"
  public var entityId: String
  public var nisCode: String
  public var name: String?
  public var population: Int64?
  public init(entityId: String, nisCode: String, name: String?, population: Int64?) {
    self.entityId = entityId
    self.nisCode = nisCode
    self.name = name
    self.population = population
  }
  enum CodingKeys: String, CodingKey {
    case name, population
    case entityId = "entity_id"
    case nisCode = "nis_code"
  }
}

/// A predecessor entity absorbed into a successor on a date (zone mergers).
public struct EntityLineage: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "entity_lineage"
  public var predecessorId: String
  public var successorId: String
  public var onDate: String
  public var sourceId: Int64
  public var note: String?
  public init(
    predecessorId: String, successorId: String, onDate: String, sourceId: Int64, note: String? = nil
  ) {
    self.predecessorId = predecessorId
    self.successorId = successorId
    self.onDate = onDate
    self.sourceId = sourceId
    self.note = note
  }
  enum CodingKeys: String, CodingKey {
    case note
    case predecessorId = "predecessor_id"
    case successorId = "successor_id"
    case onDate = "on_date"
    case sourceId = "source_id"
  }
}

/// One presence of one entity on one platform.
public struct Channel: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "channel"
  public var id: Int64?
  /// Stable identifier chosen at creation (`platform/handle` by default); survives renames.
  public var key: String
  public var entityId: String
  public var platform: Platform
  /// Canonical handle (see `Handle`).
  public var handle: String
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
    id: Int64? = nil, key: String, entityId: String, platform: Platform, handle: String,
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

/// A former handle of a channel, valid until (exclusive) the given day.
public struct ChannelHandleHistory: Codable, Hashable, Sendable, FetchableRecord,
  PersistableRecord
{
  public static let databaseTableName = "channel_handle_history"
  public var channelId: Int64
  public var handle: String
  public var validUntil: String
  public var sourceId: Int64?
  public init(channelId: Int64, handle: String, validUntil: String, sourceId: Int64?) {
    self.channelId = channelId
    self.handle = handle
    self.validUntil = validUntil
    self.sourceId = sourceId
  }
  enum CodingKeys: String, CodingKey {
    case handle
    case channelId = "channel_id"
    case validUntil = "valid_until"
    case sourceId = "source_id"
  }
}

/// One observation of a channel's counts at one time.
public struct Snapshot: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "snapshot"
  public var channelId: Int64
  /// UTC epoch seconds.
  public var observedAt: Int64
  public var followers: Int64?
  public var following: Int64?
  public var posts: Int64?
  public var engagements: Int64?
  public var engagementWindowDays: Int64?
  public var sourceId: Int64
  public var note: String?

  public init(
    channelId: Int64, observedAt: Int64, followers: Int64?, following: Int64? = nil,
    posts: Int64? = nil, engagements: Int64? = nil, engagementWindowDays: Int64? = nil,
    sourceId: Int64, note: String? = nil
  ) {
    self.channelId = channelId
    self.observedAt = observedAt
    self.followers = followers
    self.following = following
    self.posts = posts
    self.engagements = engagements
    self.engagementWindowDays = engagementWindowDays
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case followers, following, posts, engagements, note
    case channelId = "channel_id"
    case observedAt = "observed_at"
    case engagementWindowDays = "engagement_window_days"
    case sourceId = "source_id"
  }

  public enum Columns {
    public static let channelId = Column(CodingKeys.channelId)
    public static let observedAt = Column(CodingKeys.observedAt)
    public static let sourceId = Column(CodingKeys.sourceId)
  }
}

/// A published number with its scope and date, used as a benchmark.
public struct ReferenceFigure: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "reference_figure"
  public var id: String
  public var label: String
  /// What is measured, e.g. `entities_with_channel`, `adoption_rate`, `followers`, `entity_count`.
  public var metric: String
  public var value: Double
  public var denominator: Double?
  public var unit: String
  public var country: String?
  public var region: String?
  public var entityKind: String?
  public var platform: String?
  public var entityId: String?
  public var asOf: String
  public var asOfPrecision: String
  public var sourceId: Int64
  public var note: String?

  public init(
    id: String, label: String, metric: String, value: Double, denominator: Double? = nil,
    unit: String, country: String? = nil, region: String? = nil, entityKind: String? = nil,
    platform: String? = nil, entityId: String? = nil, asOf: String, asOfPrecision: String = "day",
    sourceId: Int64, note: String? = nil
  ) {
    self.id = id
    self.label = label
    self.metric = metric
    self.value = value
    self.denominator = denominator
    self.unit = unit
    self.country = country
    self.region = region
    self.entityKind = entityKind
    self.platform = platform
    self.entityId = entityId
    self.asOf = asOf
    self.asOfPrecision = asOfPrecision
    self.sourceId = sourceId
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case id, label, metric, value, denominator, unit, country, region, platform, note
    case entityKind = "entity_kind"
    case entityId = "entity_id"
    case asOf = "as_of"
    case asOfPrecision = "as_of_precision"
    case sourceId = "source_id"
  }
}
