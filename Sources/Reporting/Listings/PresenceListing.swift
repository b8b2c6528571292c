import Registry
import Stats
import Vocabulary

/// One entity's status on one platform on a day, with the evidence it rests on: a row of
/// `accounts --presence` and of the survey worksheet.
public struct PresenceRow: Encodable, Sendable {
  public var entityId: String
  public var entityCode: String?
  public var entityName: String
  public var region: String?
  public var platform: String
  /// `present_confirmed`, `present_carried_forward`, `absent` or `unknown`.
  public var status: String
  /// What the status rests on (`channel`, `snapshot`, `verification`, `survey_present`,
  /// `survey_absent`, `closing`); nil when nothing is known.
  public var evidence: String?
  public var evidenceOn: String?
  /// The channel key, or the survey's method and source key.
  public var evidenceRef: String?
  /// Handles of the entity's channels on the platform open on the day.
  public var knownHandles: String?
  public var website: String?

  enum CodingKeys: String, CodingKey {
    case platform, status, evidence, region, website
    case entityId = "entity_id"
    case entityCode = "entity_code"
    case entityName = "entity_name"
    case evidenceOn = "evidence_on"
    case evidenceRef = "evidence_ref"
    case knownHandles = "known_handles"
  }

  public static let columns = [
    "entity_id", "entity_code", "entity_name", "region", "platform", "status", "evidence",
    "evidence_on", "evidence_ref", "known_handles", "website",
  ]

  public var values: [String: String?] {
    [
      "entity_id": entityId, "entity_code": entityCode, "entity_name": entityName,
      "region": region, "platform": platform, "status": status, "evidence": evidence,
      "evidence_on": evidenceOn, "evidence_ref": evidenceRef, "known_handles": knownHandles,
      "website": website,
    ]
  }
}

/// Each entity's statuses, computed by `Presence` from the registry's `PresenceData`.
public struct EntityPresence: Sendable {
  public var entity: PresenceData.EntityRow
  /// Per platform asked for, in order.
  public var rows: [PresenceRow]
  /// On any social platform (over the platform set).
  public var any: PlatformPresence
}

/// The statuses listings show, and the rows they show them in.
public enum PresenceListing {
  /// The worksheet's platforms when none is asked for: the six most police zones use.
  public static let sheetPlatforms = [
    "x", "facebook_page", "instagram", "youtube", "tiktok", "linkedin",
  ]

  /// The statuses on `day` of the entities of `filter` existing then, on `platforms` (empty: the
  /// platform set, i.e. the social platforms on which one of them has a channel or a counted
  /// survey). Returns the platforms used and the platform set.
  public static func statuses(
    _ registry: RegistryDatabase, _ filter: RegistryFilter, on day: Day, platforms: [String],
    rule: PresenceRule
  ) throws -> (entities: [EntityPresence], platforms: [String], platformSet: [String]) {
    let data = try registry.presenceData(filter, on: day)
    let channels = data.channels.map { ReportInputMapping.channel($0.channel) }
    let surveys = data.surveys.map(ReportInputMapping.survey)
    let platformSet = Presence.platformSet(channels: channels, surveys: surveys, rule: rule)
    let shown = platforms.isEmpty ? platformSet : platforms
    let channelsOf = Dictionary(grouping: data.channels.indices) {
      data.channels[$0].channel.entityId
    }
    let surveysOf = Dictionary(grouping: surveys.indices) { surveys[$0].entityId }
    var out: [EntityPresence] = []
    for e in data.entities {
      let mine = (channelsOf[e.id] ?? []).map { data.channels[$0] }
      let mineStats = mine.map { ReportInputMapping.channel($0.channel) }
      let mineSurveys = (surveysOf[e.id] ?? []).map { surveys[$0] }
      var snapshots: [Int64: [StatsSnapshot]] = [:]
      for c in mine {
        if let d = data.latestSnapshot[c.channel.id] {
          snapshots[c.channel.id] = [
            StatsSnapshot(channelId: c.channel.id, observedAt: d.endOfDayEpochSeconds - 86_399)
          ]
        }
      }
      let rows = shown.map { p -> PresenceRow in
        let status = Presence.status(
          of: e.id, on: p, channels: mineStats, snapshots: snapshots, surveys: mineSurveys,
          day: day, rule: rule)
        let open = mine.filter {
          $0.channel.platform == p && ReportInputMapping.channel($0.channel).isOpen(on: day)
        }
        return PresenceRow(
          entityId: e.id, entityCode: e.code, entityName: e.name, region: e.region, platform: p,
          status: status.label, evidence: status.evidence?.kind.rawValue,
          evidenceOn: status.evidence?.day.description,
          evidenceRef: status.evidence.flatMap {
            reference(
              $0, platform: p, channels: mine, snapshots: data.latestSnapshot,
              surveys: mineSurveys)
          },
          knownHandles: open.isEmpty
            ? nil : open.map { $0.handle ?? Channel.unknownHandleText }.joined(separator: ";"),
          website: e.website)
      }
      let any = Presence.anyStatus(
        of: e.id, platformSet: platformSet, channels: mineStats, snapshots: snapshots,
        surveys: mineSurveys, day: day, rule: rule)
      out.append(EntityPresence(entity: e, rows: rows, any: any))
    }
    return (out, shown, platformSet)
  }

  /// What an event is: the channel's key, or the survey's method and source.
  static func reference(
    _ event: PresenceEvent, platform: String, channels: [PresenceData.ChannelRow],
    snapshots: [Int64: Day], surveys: [StatsSurvey]
  ) -> String? {
    let mine = channels.filter { $0.channel.platform == platform }
    switch event.kind {
    case .channel:
      return mine.first { $0.channel.openedOn == event.day }.map {
        "\($0.key) (\($0.channel.dating?.rawValue ?? "dated"))"
      }
    case .snapshot: return mine.first { snapshots[$0.channel.id] == event.day }?.key
    case .verification: return mine.first { $0.channel.verifiedOn == event.day }?.key
    case .closing: return mine.first { $0.channel.closedOn == event.day }?.key
    case .surveyPresent, .surveyAbsent:
      let result: SurveyResult = event.kind == .surveyPresent ? .present : .absent
      return surveys.first { $0.platform == platform && $0.day == event.day && $0.result == result }
        .map { "\($0.method), \($0.sourceKey)" + ($0.handle.map { ", \($0)" } ?? "") }
    }
  }

  /// One entity's statuses on `day` on the platform set of its own channels and surveys, with
  /// "any social platform" first, and its surveys (for `show`); empty when it does not exist
  /// on `day`.
  public static func entity(
    _ registry: RegistryDatabase, id: String, on day: Day, rule: PresenceRule
  ) throws -> EntityStatuses {
    var f = RegistryFilter()
    f.entityIds = [id]
    let s = try statuses(registry, f, on: day, platforms: [], rule: rule)
    var rows: [PresenceRow] = []
    if let e = s.entities.first {
      let anyRow = PresenceRow(
        entityId: e.entity.id, entityCode: e.entity.code, entityName: e.entity.name,
        region: e.entity.region, platform: "any", status: e.any.label,
        evidence: e.any.evidence?.kind.rawValue, evidenceOn: e.any.evidence?.day.description,
        evidenceRef: nil, knownHandles: nil, website: e.entity.website)
      rows = [anyRow] + e.rows
    }
    return EntityStatuses(
      asOf: day.description, minConfidence: rule.minConfidence.rawValue, statuses: rows,
      surveys: try registry.surveys(ofEntity: id))
  }

  /// `accounts --presence`: each entity of `filter` existing on its `asOf` (default `today`)
  /// with its status on each of the filter's platforms (none: the platform set).
  public static func accounts(
    _ registry: RegistryDatabase, _ filter: RegistryFilter, rule: PresenceRule,
    today: Day = Day.today()
  ) throws -> Listing<PresenceRow> {
    let statuses = try statuses(
      registry, filter, on: filter.asOf ?? today, platforms: filter.platforms.map(\.rawValue),
      rule: rule)
    return listing(statuses.entities)
  }

  /// `accounts --presence`: one row per entity and platform.
  public static func listing(_ entities: [EntityPresence]) -> Listing<PresenceRow> {
    Listing(
      columns: PresenceRow.columns, rows: entities.flatMap(\.rows), cells: { $0.values },
      tableColumns: [
        "entity_id", "entity_name", "region", "platform", "status", "evidence", "evidence_on",
        "known_handles",
      ])
  }

  /// The survey worksheet: the rows with the columns a person fills in, empty.
  public static func sheet(_ entities: [EntityPresence]) -> Listing<SheetRow> {
    Listing(
      columns: SurveySheet.columns, rows: entities.flatMap(\.rows).map(SheetRow.init),
      cells: { $0.values })
  }
}

/// A worksheet row: what is known, then the columns to fill in (empty).
public struct SheetRow: Encodable, Sendable {
  public var known: PresenceRow

  public init(_ known: PresenceRow) { self.known = known }

  public var values: [String: String?] {
    var v: [String: String?] = [
      "entity_id": known.entityId, "entity_code": known.entityCode,
      "entity_name": known.entityName, "region": known.region, "platform": known.platform,
      "status": known.status, "evidence": known.evidence, "evidence_on": known.evidenceOn,
      "known_handles": known.knownHandles, "website": known.website,
    ]
    for c in SurveySheet.fillColumns { v[c] = .some(nil) }
    return v
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: AnyKey.self)
    for column in SurveySheet.columns {
      let value = values[column] ?? nil
      try c.encode(value, forKey: AnyKey(column))
    }
  }

  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

/// An entity's statuses and surveys, as `show` prints them.
public struct EntityStatuses: Encodable, Sendable {
  public var asOf: String
  public var minConfidence: String
  /// "any" first, then each platform of the entity's channels and counted surveys.
  public var statuses: [PresenceRow]
  /// Newest first.
  public var surveys: [SurveyView]

  enum CodingKeys: String, CodingKey {
    case statuses, surveys
    case asOf = "as_of"
    case minConfidence = "min_confidence"
  }
}
