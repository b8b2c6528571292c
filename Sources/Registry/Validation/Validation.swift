import Foundation
import GRDB
import Vocabulary

/// How serious a data-quality finding is. Only `error` (integrity) makes `validate` fail.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
  case error, warning, info

  public static func < (a: Severity, b: Severity) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One data-quality problem: which check found it, about what, and why it matters.
public struct Finding: Codable, Hashable, Sendable {
  public var severity: Severity
  public var check: String
  public var subject: String
  public var message: String

  public init(_ severity: Severity, _ check: String, _ subject: String, _ message: String) {
    self.severity = severity
    self.check = check
    self.subject = subject
    self.message = message
  }

  public static let columns = ["severity", "check", "subject", "message"]
  public var values: [String: String?] {
    ["severity": severity.rawValue, "check": check, "subject": subject, "message": message]
  }
}

/// Limits for the time-based checks.
public struct ValidationOptions: Sendable {
  /// The day the checks are run for.
  public var today: Day
  /// A channel's latest snapshot older than this many days is stale.
  public var staleDays: Int = 365
  /// A channel whose ownership was last checked longer ago than this is flagged.
  public var unverifiedDays: Int = 730

  public init(today: Day, staleDays: Int = 365, unverifiedDays: Int = 730) {
    self.today = today
    self.staleDays = staleDays
    self.unverifiedDays = unverifiedDays
  }
}

/// Data-quality checks; each reads the database and returns findings, changing nothing.
public enum Validation {
  /// The checks, in the order they run, by name.
  public static let checks:
    [(name: String, run: @Sendable (Database, ValidationOptions) throws -> [Finding])] = [
      ("integrity", integrity), ("foreign_key", foreignKeys), ("missing_code", missingCode),
      ("missing_population", missingPopulation), ("low_confidence", lowConfidence),
      ("snapshots", snapshots), ("lineage", lineage), ("duplicate_handle", duplicateHandles),
      ("duplicate_platform_id", duplicatePlatformIds), ("unused_source", unusedSources),
      ("unverified", unverified), ("contested_handle", contestedHandles),
      ("closed_entity_channel", closedEntityChannels), ("unknown_region", unknownRegions),
      ("snapshot_span", snapshotSpans), ("near_duplicate_handle", nearDuplicateHandles),
      ("ownership", ownershipPeriods), ("snapshot_outside_life", snapshotsOutsideLife),
      ("snapshot_jump", snapshotJumps), ("snapshot_implausible", implausibleSnapshots),
      ("surveys", surveys), ("uncertain_date", uncertainDates), ("code_conflict", codeConflicts),
      ("handle_unknown", handleUnknown), ("possible_duplicate_channel", possibleDuplicateChannels),
    ]

  /// Entity dates the sources give only as a year or between bounds: the date the as-of counts
  /// use (the latest the sources allow, docs/data.md) and the bounds, with the entity's source.
  static func uncertainDates(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try UncertainDate.all(db).map { u in
      Finding(.info, "uncertain_date", u.entityId, u.text)
    }
  }

  /// A zone code that sources give to different zones, or title differently from the entity it
  /// is matched to: every fact of the code, each with its source and confidence.
  static func codeConflicts(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT k.code, k.entity_id, k.title, k.confidence, s.key AS source FROM code_fact k
        JOIN source s ON s.id = k.source_id
        UNION
        SELECT e.code, e.id, NULL, 'high', s.key FROM entity e JOIN source s
          ON s.id = e.code_source_id WHERE e.code IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM code_fact f WHERE f.entity_id = e.id AND f.code = e.code
              AND f.source_id = e.code_source_id)
        ORDER BY 1, 2, 5
        """)
    var byCode: [String: [Row]] = [:]
    var order: [String] = []
    for r in rows {
      let code: String = r["code"]
      if byCode[code] == nil { order.append(code) }
      byCode[code, default: []].append(r)
    }
    var out: [Finding] = []
    for code in order {
      let facts = byCode[code]!
      let owners = Set(facts.map { ($0["entity_id"] as String?) ?? "" })
      guard owners.count > 1 else { continue }
      let text = facts.map { r -> String in
        let e: String? = r["entity_id"]
        let t: String? = r["title"]
        let c: String = r["confidence"]
        let s: String = r["source"]
        return "\(e ?? "no entity")\(t.map { " ('\($0)')" } ?? "") per \(s) (\(c))"
      }
      out.append(
        Finding(
          .warning, "code_conflict", "code \(code)",
          "sources disagree: " + text.joined(separator: "; ")))
    }
    return out
  }

  /// Channels a source shows without naming them (no handle): a curator may find the handle.
  static func handleUnknown(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, c.entity_id, s.key AS source FROM channel c JOIN source s ON s.id = c.source_id
        WHERE c.handle IS NULL ORDER BY c.key
        """
    ).map { r in
      let e: String = r["entity_id"]
      let s: String = r["source"]
      return Finding(
        .info, "handle_unknown", r["key"],
        "handle unknown: the source \(s) shows \(e)'s channel without naming it "
          + "(`channel rename` when found)")
    }
  }

  /// An open channel of unknown handle beside an open named one of the same entity on the same
  /// platform: a source that showed the account without naming it may have shown the named one.
  /// If they are one account, its followers are summed twice in the entity's audience, and it is
  /// counted twice among open channels; nothing tells the two apart but a person looking.
  static func possibleDuplicateChannels(_ db: Database, _ o: ValidationOptions) throws
    -> [Finding]
  {
    // The open named channels n beside the unnamed channel u: listed, and counted.
    let namedBeside = """
      n.entity_id = u.entity_id AND n.platform = u.platform
        AND n.handle IS NOT NULL AND n.closed_on IS NULL AND n.status <> 'closed'
      """
    return try Row.fetchAll(
      db,
      sql: """
        SELECT key, entity_id, named, count FROM (
          SELECT u.key, u.entity_id, (
            SELECT group_concat(key, ', ') FROM (
              SELECT n.key FROM channel n WHERE \(namedBeside) ORDER BY n.key)) AS named, (
            SELECT count(*) FROM channel n WHERE \(namedBeside)) AS count
          FROM channel u
          WHERE u.handle IS NULL AND u.closed_on IS NULL AND u.status <> 'closed')
        WHERE named IS NOT NULL ORDER BY key
        """
    ).map { r in
      let key: String = r["key"]
      let e: String = r["entity_id"]
      let named: String = r["named"]
      let count: Int = r["count"]
      let into = count == 1 ? named : "ONE_OF_THEM"
      return Finding(
        .warning, "possible_duplicate_channel", key,
        "\(e) also has \(named) open on this platform: if they are one account, its followers "
          + "are summed twice and it counts twice among open channels (another account: give "
          + "this one its handle with `channel rename`; the same: `channel merge \(key) --into "
          + "\(into)`)")
    }
  }

  static func integrity(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }.map {
      Finding(.error, "integrity", "database", $0)
    }
  }

  static func foreignKeys(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { r in
      let table: String = r[0]
      let rowid: Int64? = r[1]
      let parent: String = r[2]
      return Finding(
        .error, "foreign_key", "\(table) row \(rowid.map(String.init) ?? "?")",
        "refers to a \(parent) row that does not exist")
    }
  }

  static func missingCode(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try String.fetchAll(
      db,
      sql: """
        SELECT id FROM entity WHERE kind = 'local_police' AND country = 'BE'
        AND (code IS NULL OR code = '') ORDER BY id
        """
    ).map { Finding(.warning, "missing_code", $0, "Belgian police zone without its official code") }
  }

  static func missingPopulation(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try String.fetchAll(
      db,
      sql: """
        SELECT id FROM entity WHERE population IS NULL
        AND kind IN ('local_police', 'national_police', 'foreign_police') ORDER BY id
        """
    ).map {
      Finding(.warning, "missing_population", $0, "no population: per-capita figures are missing")
    }
  }

  static func lowConfidence(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db, sql: "SELECT key, confidence_note FROM channel WHERE confidence = 'low' ORDER BY key"
    ).map { r in
      let note: String? = r["confidence_note"]
      return Finding(
        .warning, "low_confidence", r["key"],
        "ownership is uncertain" + (note.map { ": \($0)" } ?? " (no note says why)"))
    }
  }

  static func snapshots(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    let today = o.today.description
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, max(s.observed_at) AS latest FROM channel c
        LEFT JOIN snapshot s ON s.channel_id = c.id
        WHERE c.platform NOT IN ('website', 'mailing_list', 'sms_alert')
        AND (c.closed_on IS NULL OR c.closed_on > ?)
        GROUP BY c.id ORDER BY c.key
        """, arguments: [today])
    let cutoff = o.today.adding(days: -o.staleDays).epochSeconds
    return rows.compactMap { r in
      let key: String = r["key"]
      guard let latest: Int64 = r["latest"] else {
        return Finding(.warning, "no_snapshot", key, "no snapshot: its audience is unknown")
      }
      guard latest < cutoff else { return nil }
      return Finding(
        .warning, "stale_snapshot", key,
        "latest snapshot \(Timestamp.format(latest)) is older than \(o.staleDays) days")
    }
  }

  static func lineage(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    var out: [Finding] = []
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT e.id, e.valid_to FROM entity e WHERE e.valid_to IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM entity_lineage l WHERE l.predecessor_id = e.id) ORDER BY e.id
        """)
    {
      let id: String = r["id"]
      let to: String = r["valid_to"]
      out.append(Finding(.warning, "lineage_gap", id, "ended \(to) but has no successor recorded"))
    }
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT l.predecessor_id, l.successor_id, l.on_date, s.valid_from, p.valid_to
        FROM entity_lineage l JOIN entity s ON s.id = l.successor_id
        JOIN entity p ON p.id = l.predecessor_id
        WHERE s.valid_from IS NOT l.on_date OR p.valid_to IS NOT l.on_date
        ORDER BY l.predecessor_id, l.successor_id
        """)
    {
      let pred: String = r["predecessor_id"]
      let succ: String = r["successor_id"]
      let on: String = r["on_date"]
      let from: String? = r["valid_from"]
      let to: String? = r["valid_to"]
      if from != on {
        out.append(
          Finding(
            .warning, "lineage_date", succ,
            "valid_from \(from ?? "(none)") differs from the merge date \(on) of \(pred)"))
      }
      if to != on {
        out.append(
          Finding(
            .warning, "lineage_date", pred,
            "valid_to \(to ?? "(none)") differs from the merge date \(on) into \(succ)"))
      }
    }
    return out
  }

  /// Channels whose stored handles are one handle once normalised again by today's rules.
  static func duplicateHandles(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    var groups: [Handle: [Channel]] = [:]
    var out: [Finding] = []
    for c in try Channel.order(Channel.Columns.key).fetchAll(db) {
      guard let handle = c.handle else { continue }  // no handle: `handle_unknown` lists it
      switch Handle.parse(handle, platform: c.platform) {
      case .success(let h):
        groups[Handle(platform: c.platform, canonical: h.canonical), default: []].append(c)
      case .failure(let e):
        out.append(
          Finding(.warning, "invalid_handle", c.key, "stored handle is refused: \(e.reason)"))
      }
    }
    for (h, channels) in groups where channels.count > 1 {
      let sameEntity = Set(channels.map(\.entityId)).count == 1
      out.append(
        Finding(
          .warning, sameEntity ? "duplicate_handle" : "contested_handle", h.description,
          "one handle stored \(channels.count) times: "
            + channels.map { "\($0.key) (\($0.entityId))" }.joined(separator: ", ")))
    }
    return out.sorted { $0.subject < $1.subject }
  }

  static func duplicatePlatformIds(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT platform, platform_id, group_concat(key, ', ') AS keys FROM
          (SELECT platform, platform_id, key FROM channel
           WHERE platform_id IS NOT NULL AND platform_id <> '' ORDER BY key)
        GROUP BY platform, platform_id HAVING count(*) > 1 ORDER BY platform, platform_id
        """
    ).map { r in
      let p: String = r["platform"]
      let id: String = r["platform_id"]
      let keys: String = r["keys"]
      return Finding(
        .warning, "duplicate_platform_id", "\(p):\(id)", "one account listed as \(keys)")
    }
  }

  /// `snapshot_span` against its definition (its triggers keep it; dropping them by hand can
  /// make it stale, and the report would then read wrong counts).
  static func snapshotSpans(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    let triggers = try Set(
      String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'snapshot'"))
    let missing = ["snapshot_span_insert", "snapshot_span_delete", "snapshot_span_update"]
      .filter { !triggers.contains($0) }.map {
        Finding(
          .error, "snapshot_span", "trigger \($0)",
          "missing: snapshot_span is no longer kept up to date; restore the database from a backup "
            + "or recreate the trigger from migration v4-snapshot-span (Sources/Registry/Schema.swift)"
        )
      }
    let stored = Schema.spanColumns.map { "sp.\($0)" }.joined(separator: ", ")
    return try missing
      + String.fetchAll(
        db,
        sql: """
          SELECT c.key FROM channel c LEFT JOIN snapshot_span sp ON sp.channel_id = c.id
          WHERE (\(stored)) IS NOT (\(Schema.spanOfChannel("c.id")))
          ORDER BY c.key
          """
      ).map {
        Finding(
          .error, "snapshot_span", $0,
          "snapshot_span does not match this channel's snapshots (its triggers were dropped?): "
            + "rebuild it as docs/schema.md says")
      }
  }

  /// Surveys that disagree on one day (two sources, present and absent: the statuses then say
  /// unknown), present surveys naming a handle no channel has, and surveys linked to a channel
  /// another entity holds now (after a move: the survey stays with the entity it was about).
  static func surveys(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    var out: [Finding] = []
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT a.entity_id, a.platform, a.observed_on, sa.key AS present_source,
               sb.key AS absent_source
        FROM survey a JOIN survey b ON b.entity_id = a.entity_id AND b.platform = a.platform
          AND b.observed_on = a.observed_on AND b.result = 'absent'
        JOIN source sa ON sa.id = a.source_id JOIN source sb ON sb.id = b.source_id
        WHERE a.result = 'present' ORDER BY a.entity_id, a.platform, a.observed_on
        """)
    {
      out.append(
        Finding(
          .warning, "survey_conflict", "\(r["entity_id"] as String) \(r["platform"] as String)",
          "on \(r["observed_on"] as String) \(r["present_source"] as String) found it present and "
            + "\(r["absent_source"] as String) absent: the status that day is unknown"))
    }
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT v.entity_id, v.platform, v.handle, v.observed_on, s.key AS source FROM survey v
        JOIN source s ON s.id = v.source_id
        WHERE v.handle IS NOT NULL AND v.channel_id IS NULL ORDER BY v.entity_id, v.platform
        """)
    {
      out.append(
        Finding(
          .info, "survey_unlinked_handle",
          "\(r["entity_id"] as String) \(r["platform"] as String) \(r["handle"] as String)",
          "a survey of \(r["observed_on"] as String) (source \(r["source"] as String)) names this "
            + "account, which is no channel: add it with `channel add` if it is the entity's"))
    }
    for r in try Row.fetchAll(
      db,
      sql: """
        SELECT v.entity_id, c.key, c.entity_id AS owner, v.observed_on, s.key AS source
        FROM survey v JOIN source s ON s.id = v.source_id
        JOIN channel c ON c.id = v.channel_id WHERE c.entity_id <> v.entity_id
        AND NOT EXISTS (
          SELECT 1 FROM channel_owner o WHERE o.channel_id = c.id AND o.entity_id = v.entity_id
            AND (o.valid_from IS NULL OR o.valid_from <= v.observed_on)
            AND (o.valid_to IS NULL OR o.valid_to > v.observed_on))
        ORDER BY v.entity_id, c.key
        """)
    {
      out.append(
        Finding(
          .info, "survey_channel_moved", "\(r["entity_id"] as String) \(r["key"] as String)",
          "a survey of \(r["observed_on"] as String) (source \(r["source"] as String)) found this "
            + "channel, which \(r["owner"] as String) holds now"))
    }
    return out
  }

  /// Snapshots observed before their channel's opening day or after its closing day: the
  /// channel cannot have been counted then (a wrong date, or a wrong opening or closing day).
  static func snapshotsOutsideLife(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, c.opened_on, c.closed_on, s.observed_at, s.followers, src.key AS source
        FROM channel c JOIN snapshot s ON s.channel_id = c.id JOIN source src ON src.id = s.source_id
        WHERE (c.opened_on IS NOT NULL
               AND s.observed_at < CAST(strftime('%s', c.opened_on) AS INTEGER))
           OR (c.closed_on IS NOT NULL
               AND s.observed_at >= CAST(strftime('%s', c.closed_on) AS INTEGER) + 86400)
        ORDER BY c.key, s.observed_at, s.source_id
        """
    ).map { r in
      let at = Timestamp.format(r["observed_at"])
      let opened: String? = r["opened_on"]
      let closed: String? = r["closed_on"]
      let source: String = r["source"]
      let early = opened.flatMap(Day.init).map { Day(epochSeconds: r["observed_at"]) < $0 } ?? false
      let when =
        early
        ? "before the channel's opening on \(opened ?? "?")"
        : "after the channel's closing on \(closed ?? "?")"
      return Finding(
        .warning, "snapshot_outside_life", r["key"],
        "snapshot of \(at) (source \(source)) is \(when): fix the date, the opening or closing "
          + "day, or retract it (`registry-cli snapshot retract`)")
    }
  }

  /// How much neighbouring follower counts of one channel may differ before `validate` lists
  /// them: more than ten times, or less than a tenth. Pairs whose larger count is below
  /// `jumpFloor` are left out (a new account's first hundred followers).
  static let jumpFactor = 10
  static let jumpFloor = 100

  /// Neighbouring snapshots (in time, among those with a follower count) of one channel whose
  /// counts differ by more than `jumpFactor` times: most often a typo (an extra digit, a count in
  /// thousands).
  static func snapshotJumps(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, j.prev_at, j.prev_followers, j.observed_at, j.followers, src.key AS source
        FROM (SELECT channel_id, observed_at, followers, source_id,
                     lag(observed_at) OVER w AS prev_at, lag(followers) OVER w AS prev_followers
              FROM snapshot WHERE followers IS NOT NULL
              WINDOW w AS (PARTITION BY channel_id ORDER BY observed_at, source_id)) j
        JOIN channel c ON c.id = j.channel_id JOIN source src ON src.id = j.source_id
        WHERE j.prev_at IS NOT NULL AND max(j.followers, j.prev_followers) >= ?
          AND (j.followers > ? * j.prev_followers OR j.prev_followers > ? * j.followers)
        ORDER BY c.key, j.observed_at, j.source_id
        """, arguments: [jumpFloor, jumpFactor, jumpFactor]
    ).map { r in
      let before: Int64 = r["prev_followers"]
      let after: Int64 = r["followers"]
      let source: String = r["source"]
      return Finding(
        .warning, "snapshot_jump", r["key"],
        "followers went from \(before) (\(Timestamp.format(r["prev_at"]))) to \(after) "
          + "(\(Timestamp.format(r["observed_at"])), source \(source)): "
          + (after > before ? "more than \(jumpFactor) times" : "less than a tenth")
          + "; a typo? `registry-cli snapshot correct` or `snapshot retract` fixes a wrong count")
    }
  }

  /// Stored snapshots beyond the limits every way in applies (`SnapshotLimits`): written by
  /// another tool, or before the limits existed.
  static func implausibleSnapshots(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, s.observed_at, s.followers, s.following, s.posts, s.engagements,
               s.engagement_window_days, src.key AS source
        FROM snapshot s JOIN channel c ON c.id = s.channel_id JOIN source src ON src.id = s.source_id
        WHERE s.followers > ?1 OR s.following > ?1 OR s.posts > ?1 OR s.engagements > ?1
           OR s.engagement_window_days > ?2 OR s.observed_at > ?3
        ORDER BY c.key, s.observed_at, s.source_id
        """,
      arguments: [
        SnapshotLimits.maxCount, SnapshotLimits.maxWindowDays,
        SnapshotLimits.latestObservedAt(today: o.today),
      ]
    ).map { r in
      var problems: [String] = []
      for column in ["followers", "following", "posts", "engagements"] {
        if let v: Int64 = r[column], let p = SnapshotLimits.countProblem(v) {
          problems.append("\(column) \(p)")
        }
      }
      if let w: Int64 = r["engagement_window_days"], let p = SnapshotLimits.windowProblem(w) {
        problems.append("engagement_window_days \(p)")
      }
      if let p = SnapshotLimits.observedAtProblem(r["observed_at"], today: o.today) {
        problems.append("observed_at \(p)")
      }
      let source: String = r["source"]
      return Finding(
        .warning, "snapshot_implausible", r["key"],
        "snapshot of \(Timestamp.format(r["observed_at"])) (source \(source)): "
          + problems.joined(separator: "; ")
          + "; every figure reads it: `registry-cli snapshot correct` or `snapshot retract`")
    }
  }

  static func unusedSources(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try String.fetchAll(
      db,
      sql: """
        SELECT key FROM source s WHERE
        NOT EXISTS (SELECT 1 FROM entity WHERE source_id = s.id OR code_source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM region WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM entity_lineage WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM channel WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM channel_handle_history WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM channel_owner WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM snapshot WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM snapshot_retraction WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM reference_figure WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM survey WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM code_fact WHERE source_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM change_log WHERE source_id = s.id)
        ORDER BY key
        """
    ).map { Finding(.info, "unused_source", $0, "source never cited") }
  }

  static func unverified(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    let today = o.today.description
    let limit = o.today.adding(days: -o.unverifiedDays).description
    return try Row.fetchAll(
      db,
      sql: """
        SELECT key, verified_on FROM channel
        WHERE (closed_on IS NULL OR closed_on > ?) AND (verified_on IS NULL OR verified_on < ?)
        ORDER BY key
        """, arguments: [today, limit]
    ).map { r in
      let on: String? = r["verified_on"]
      return Finding(
        on == nil ? .info : .warning, "unverified", r["key"],
        on.map { "ownership last checked \($0), more than \(o.unverifiedDays) days ago" }
          ?? "ownership never checked (`registry-cli channel verify`)")
    }
  }

  /// A handle one entity's channel holds now and another entity's channel held before.
  static func contestedHandles(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, c.entity_id, c.platform, c.handle, o.key AS other_key,
               o.entity_id AS other_entity
        FROM channel c JOIN channel_handle_history h ON h.handle = c.handle
        JOIN channel o ON o.id = h.channel_id AND o.platform = c.platform
        WHERE o.entity_id <> c.entity_id ORDER BY c.key, o.key
        """
    ).map { r in
      let p: String = r["platform"]
      let h: String = r["handle"]
      let key: String = r["key"]
      let e: String = r["entity_id"]
      let ok: String = r["other_key"]
      let oe: String = r["other_entity"]
      return Finding(
        .warning, "contested_handle", "\(p):\(h)",
        "held now by \(key) (\(e)) and formerly by \(ok) (\(oe))")
    }
  }

  static func closedEntityChannels(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT c.key, e.id, e.valid_to FROM channel c JOIN entity e ON e.id = c.entity_id
        WHERE e.valid_to IS NOT NULL AND e.valid_to <= ?
        AND (c.closed_on IS NULL OR c.closed_on > e.valid_to) AND c.status <> 'closed'
        ORDER BY c.key
        """, arguments: [o.today.description]
    ).map { r in
      let id: String = r["id"]
      let to: String = r["valid_to"]
      return Finding(
        .warning, "closed_entity_channel", r["key"],
        "still active, but its entity \(id) ended \(to): move it (`channel move`) or close it")
    }
  }

  static func unknownRegions(_ db: Database, _ o: ValidationOptions) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT id, region FROM entity e WHERE region IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = e.region) ORDER BY id
        """
    ).map { r in
      let region: String = r["region"]
      return Finding(
        .warning, "unknown_region", r["id"], "region '\(region)' is not in the region table")
    }
  }
}

extension RegistryDatabase {
  /// Runs every data-quality check; changes nothing.
  public func validate(_ options: ValidationOptions) throws -> [Finding] {
    try writer.read { db in
      var out: [Finding] = []
      for check in Validation.checks { out += try check.run(db, options) }
      return try Validation.namingSources(out, db)
    }
  }
}

extension Validation {
  /// Each finding about a row (a channel key, an entity id, a reference figure) also names the
  /// source that row rests on, so a curator knows where to look; findings that name their
  /// sources already, or are about a source, stay as they are.
  static func namingSources(_ findings: [Finding], _ db: Database) throws -> [Finding] {
    var rowSource: [String: String] = [:]
    for (table, column) in [
      ("channel", "key"), ("entity", "id"), ("reference_figure", "id"),
    ] {
      for r in try Row.fetchAll(
        db,
        sql: "SELECT t.\(column) AS row, s.key FROM \(table) t JOIN source s ON s.id = t.source_id")
      {
        let row: String = r["row"]
        rowSource[row] = rowSource[row] ?? r["key"]
      }
    }
    return findings.map { f in
      guard f.check != "unused_source", !f.message.contains("source "),
        let key = rowSource[f.subject]
      else { return f }
      var out = f
      out.message += " [source: \(key)]"
      return out
    }
  }
}
