import Foundation
import GRDB
import Vocabulary

/// Loads the seed data set (`data/seed/*.csv`, documented in docs/data.md) into a registry.
public enum SeedLoader {
  /// The seed files in load order, with their columns. Every column listed is expected.
  public static let files: [(name: String, columns: [String])] = [
    ("sources.csv", ["key", "title", "publisher", "url", "published_on", "retrieved_on", "note"]),
    ("regions.csv", ["code", "country", "name", "parent_code", "source"]),
    (
      "entities.csv",
      [
        "id", "kind", "code", "code_source", "country", "region", "languages", "population",
        "population_year", "parent_id", "valid_from", "valid_to", "source", "note",
      ]
    ),
    ("entity_names.csv", ["entity_id", "lang", "name"]),
    ("entity_municipalities.csv", ["entity_id", "nis_code", "name", "population"]),
    ("lineage.csv", ["predecessor_id", "successor_id", "on_date", "source", "note"]),
    (
      "channels.csv",
      [
        "key", "entity_id", "platform", "handle", "url", "platform_id", "languages", "purposes",
        "status", "opened_on", "first_seen_on", "closed_on", "emergency_disclaimer",
        "disclaimer_seen_on", "confidence", "confidence_note", "source", "note",
      ]
    ),
    (
      "snapshots.csv",
      [
        "channel", "observed_at", "followers", "following", "posts", "engagements",
        "engagement_window_days", "source", "note",
      ]
    ),
    (
      "reference_figures.csv",
      [
        "id", "label", "metric", "value", "denominator", "unit", "country", "region",
        "entity_kind", "platform", "entity_id", "as_of", "as_of_precision", "source", "note",
      ]
    ),
  ]

  /// Columns a seed file may have besides its required ones.
  /// `id` columns keep a backup's integer ids (`registry-cli export`); without them ids are
  /// given in file order.
  public static let optionalColumns: [String: [String]] = [
    "entities.csv": ["placeholder"] + SeedLoader.dateBoundColumns, "sources.csv": ["id"],
    "channels.csv": ["id", "verified_on"],
    "surveys.csv": ["id", "channel"], "channel_owners.csv": ["id"],
  ]

  /// An entity's uncertain dates: the bounds of its start and end (docs/data.md).
  public static let dateBoundColumns = [
    "valid_from_earliest", "valid_from_latest", "valid_to_earliest", "valid_to_latest",
  ]

  /// Files a seed may have (an export writes them); loaded after the others when present.
  public static let optionalFiles: [(name: String, columns: [String])] = [
    ("entity_codes.csv", ["entity_id", "code", "title", "confidence", "source", "note"]),
    (
      "surveys.csv",
      [
        "entity_id", "platform", "observed_on", "result", "handle", "method", "confidence",
        "source", "note",
      ]
    ),
    ("channel_handle_history.csv", ["channel", "handle", "valid_until", "source"]),
    ("channel_owners.csv", ["channel", "entity_id", "valid_from", "valid_to", "source", "note"]),
    (
      "snapshot_retractions.csv",
      [
        "id", "channel", "observed_at", "followers", "following", "posts", "engagements",
        "engagement_window_days", "source", "note", "retracted_at", "retracted_by", "reason",
        "replaced",
      ]
    ),
    (
      "change_log.csv",
      [
        "id", "at", "action", "table_name", "row_key", "entity_id", "field", "old_value",
        "new_value", "source", "changed_by",
      ]
    ),
  ]

  /// Where the seed lives: `$REGISTRY_SEED_DIR`, else `data/seed` of the source tree this
  /// program was built from, else `data/seed` under the working directory.
  public static func defaultDirectory() -> String {
    if let env = ProcessInfo.processInfo.environment["REGISTRY_SEED_DIR"], !env.isEmpty {
      return env
    }
    // The checkout this binary was built from: the nearest folder above this source file that
    // holds data/seed (found by walking up, so moving this file does not break it).
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let seed = folder.appendingPathComponent("data/seed").path
      if FileManager.default.fileExists(atPath: seed + "/entities.csv") { return seed }
      folder.deleteLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath + "/data/seed"
  }

  /// What a load wrote, per table.
  public struct Counts: Equatable, Sendable, CustomStringConvertible {
    public var sources = 0, regions = 0, entities = 0, names = 0, municipalities = 0
    public var lineage = 0, channels = 0, snapshots = 0, referenceFigures = 0, surveys = 0
    public var description: String {
      "\(entities) entities, \(channels) channels, \(snapshots) snapshots, "
        + "\(referenceFigures) reference figures, \(sources) sources"
        + (surveys > 0 ? ", \(surveys) surveys" : "")
    }
  }

  /// Creates a new database at `path` from the seed in `directory`. The file appears only when
  /// the whole seed loaded; on any error nothing is left behind. Refuses an existing file
  /// unless `replace` is true, in which case it is replaced atomically.
  @discardableResult
  public static func createDatabase(at path: String, from directory: String, replace: Bool = false)
    throws -> Counts
  {
    let fm = FileManager.default
    try AtomicFile.checkTarget(
      path, replace: replace, advice: "use --force to rebuild it from the seed")
    let tmp = AtomicFile.temporarySibling(of: path, tag: "seed")
    func cleanup() {
      for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: tmp + suffix) }
    }
    cleanup()
    do {
      let counts: Counts
      do {
        let db = try RegistryDatabase(path: tmp)
        counts = try load(into: db, from: directory)
        try db.writer.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
      }
      for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
      if rename(tmp, path) != 0 {
        throw RegistryError.database(
          "cannot move the new database to \(path): \(String(cString: strerror(errno)))")
      }
      cleanup()
      return counts
    } catch {
      cleanup()
      throw error
    }
  }

  /// Loads the seed into an open (normally empty) registry in one transaction.
  /// Rows already present with the same key are left as they are, so loading twice changes nothing.
  @discardableResult
  public static func load(into registry: RegistryDatabase, from directory: String) throws -> Counts
  {
    for (name, _) in files where !FileManager.default.fileExists(atPath: directory + "/" + name) {
      throw RegistryError.input(
        file: directory + "/" + name, line: 0, field: "file",
        reason: "missing seed file (set REGISTRY_SEED_DIR or use --seed DIR)")
    }
    return try registry.writer.write { db in
      try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
      var loader = Loader(db: db, directory: directory)
      try loader.run()
      return loader.counts
    }
  }

  private struct Loader {
    let db: Database
    let directory: String
    var counts = Counts()
    var sourceIds: [String: Int64] = [:]
    var channelIds: [String: Int64] = [:]
    var entityIds: Set<String> = []
    /// No snapshot may be observed after the end of the next day (`SnapshotLimits`).
    let today = Day.today()

    init(db: Database, directory: String) {
      self.db = db
      self.directory = directory
    }

    func table(_ name: String) throws -> CSVTable {
      let columns = (SeedLoader.files + SeedLoader.optionalFiles).first { $0.name == name }!.columns
      return try CSVTable(
        path: directory + "/" + name,
        displayName: (directory as NSString).appendingPathComponent(name), required: columns,
        optional: SeedLoader.optionalColumns[name] ?? [])
    }

    func source(_ row: CSVRow, _ column: String = "source", required: Bool = true) throws -> Int64?
    {
      guard let key = row.optional(column) else {
        if required { throw row.fail(column, "is empty: every fact needs a source") }
        return nil
      }
      guard let id = sourceIds[key] else {
        throw row.fail(column, "unknown source '\(key)' (not in sources.csv)")
      }
      return id
    }

    func entity(_ row: CSVRow, _ column: String) throws -> String? {
      guard let id = row.optional(column) else { return nil }
      guard entityIds.contains(id) else {
        throw row.fail(column, "unknown entity '\(id)' (not in entities.csv)")
      }
      return id
    }

    mutating func run() throws {
      try loadSources()
      try loadRegions()
      try loadEntities()
      try loadNames()
      try loadMunicipalities()
      try loadLineage()
      try loadChannels()
      try loadSnapshots()
      try loadReferenceFigures()
      if FileManager.default.fileExists(atPath: directory + "/entity_codes.csv") {
        try loadCodes()
      }
      // Owners before surveys: a survey of a channel's earlier owner names that owner.
      if FileManager.default.fileExists(atPath: directory + "/channel_owners.csv") {
        try loadOwners()
      }
      if FileManager.default.fileExists(atPath: directory + "/surveys.csv") {
        try loadSurveys()
      }
      if FileManager.default.fileExists(atPath: directory + "/channel_handle_history.csv") {
        try loadHandleHistory()
      }
      if FileManager.default.fileExists(atPath: directory + "/snapshot_retractions.csv") {
        try loadRetractions()
      }
      if FileManager.default.fileExists(atPath: directory + "/change_log.csv") {
        try loadChangeLog()
      }
      try SearchIndex.rebuild(db)
    }

    mutating func loadSources() throws {
      let t = try table("sources.csv")
      while let r = try t.next() {
        let key = try r.required("key")
        if sourceIds[key] != nil { throw r.fail("key", "duplicate source key '\(key)'") }
        if let existing = try Source.filter(Source.Columns.key == key).fetchOne(db) {
          sourceIds[key] = existing.id
          continue
        }
        var s = Source(
          key: key, title: try r.required("title"), publisher: r.optional("publisher"),
          url: r.optional("url"), publishedOn: try r.day("published_on"),
          retrievedOn: try r.day("retrieved_on"), note: r.optional("note"))
        s.id = try r.int("id", min: 1)
        try s.insert(db)
        sourceIds[key] = s.id
        counts.sources += 1
      }
    }

    mutating func loadRegions() throws {
      let t = try table("regions.csv")
      while let r = try t.next() {
        let code = try r.required("code")
        let country = try r.required("country")
        guard code.hasPrefix(country + "-") else {
          throw r.fail("code", "'\(code)' is not an ISO 3166-2 code of country \(country)")
        }
        try db.execute(
          sql: """
            INSERT INTO region (code, country, name, parent_code, source_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(code) DO NOTHING
            """,
          arguments: [
            code, country, try r.required("name"), r.optional("parent_code"), try source(r),
          ])
        counts.regions += db.changesCount
      }
    }

    mutating func loadEntities() throws {
      let t = try table("entities.csv")
      var parents: [(String, String, CSVRow)] = []
      let regions = Set(try String.fetchAll(db, sql: "SELECT code FROM region"))
      while let r = try t.next() {
        let id = try r.required("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
          throw r.fail("id", "'\(id)' must be lowercase ascii letters, digits and '-'")
        }
        if entityIds.contains(id) { throw r.fail("id", "duplicate entity id '\(id)'") }
        let country = try r.required("country")
        guard country.count == 2, country == country.uppercased() else {
          throw r.fail("country", "'\(country)' is not an ISO 3166-1 alpha-2 code")
        }
        let region = r.optional("region")
        if let region, !regions.contains(region) {
          throw r.fail("region", "unknown region '\(region)' (not in regions.csv)")
        }
        let code = r.optional("code")
        let codeSource = try source(r, "code_source", required: false)
        if code != nil && codeSource == nil {
          throw r.fail("code_source", "is empty: a code needs its own source")
        }
        let e = Entity(
          id: id,
          kind: try r.oneOf("kind", EntityKind.self) ?? { throw r.fail("kind", "is empty") }(),
          code: code, codeSourceId: codeSource, country: country, region: region,
          languages: (r.optional("languages") ?? "").semicolonList.joined(separator: ";"),
          population: try r.int("population"),
          populationYear: try r.int("population_year").map(Int.init),
          parentId: nil, validFrom: try r.day("valid_from"), validTo: try r.day("valid_to"),
          sourceId: try source(r)!, note: r.optional("note"),
          placeholder: try r.bool("placeholder") ?? false)
        if let from = e.validFrom, let to = e.validTo, from > to {
          throw r.fail("valid_to", "\(to) is before valid_from \(from)")
        }
        let bounds = try dateBounds(r, validFrom: e.validFrom, validTo: e.validTo)
        entityIds.insert(id)
        if try Entity.exists(db, key: id) { continue }
        try e.insert(db)
        if bounds.contains(where: { $0 != nil }) {
          try db.execute(
            sql: """
              UPDATE entity SET valid_from_earliest = ?, valid_from_latest = ?,
                valid_to_earliest = ?, valid_to_latest = ? WHERE id = ?
              """, arguments: StatementArguments(bounds + [id]))
        }
        counts.entities += 1
        if let parent = r.optional("parent_id") { parents.append((id, parent, r)) }
      }
      for (id, parent, r) in parents {
        guard entityIds.contains(parent) else {
          throw r.fail("parent_id", "unknown entity '\(parent)' (not in entities.csv)")
        }
        try db.execute(
          sql: "UPDATE entity SET parent_id = ? WHERE id = ?", arguments: [parent, id])
      }
    }

    /// The bounds of an uncertain start or end; the date the counts use lies within them.
    func dateBounds(_ r: CSVRow, validFrom: String?, validTo: String?) throws -> [String?] {
      var out: [String?] = []
      for column in SeedLoader.dateBoundColumns { out.append(try r.day(column)) }
      for (used, earliest, latest, name) in [
        (validFrom, out[0], out[1], "valid_from"), (validTo, out[2], out[3], "valid_to"),
      ] {
        guard earliest != nil || latest != nil else { continue }
        guard let used else {
          throw r.fail(name, "is empty but \(name)_earliest/latest bound it")
        }
        if let earliest, earliest > used {
          throw r.fail(name + "_earliest", "\(earliest) is after \(name) \(used)")
        }
        if let latest, latest < used {
          throw r.fail(name + "_latest", "\(latest) is before \(name) \(used)")
        }
      }
      return out
    }

    /// Zone codes as each source gives them (`code_fact`); the entity may be unmatched.
    mutating func loadCodes() throws {
      let t = try table("entity_codes.csv")
      while let r = try t.next() {
        let entityId = try entity(r, "entity_id")
        let code = try r.required("code")
        guard let confidence = try r.oneOf("confidence", Confidence.self) else {
          throw r.fail("confidence", "is empty (one of \(Confidence.namesList))")
        }
        let sourceId = try source(r)!
        let title = r.optional("title")
        let exists =
          try Bool.fetchOne(
            db,
            sql: """
              SELECT 1 FROM code_fact WHERE entity_id IS ? AND code = ? AND source_id = ?
                AND title IS ?
              """, arguments: [entityId, code, sourceId, title]) ?? false
        if exists { continue }
        try db.execute(
          sql: """
            INSERT INTO code_fact (entity_id, code, title, confidence, source_id, note)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
          arguments: [entityId, code, title, confidence.rawValue, sourceId, r.optional("note")])
      }
    }

    mutating func loadNames() throws {
      let t = try table("entity_names.csv")
      while let r = try t.next() {
        let n = EntityName(
          entityId: try entity(r, "entity_id") ?? { throw r.fail("entity_id", "is empty") }(),
          lang: try r.required("lang"), name: try r.required("name"))
        try n.insert(db, onConflict: .ignore)
        counts.names += db.changesCount
      }
    }

    mutating func loadMunicipalities() throws {
      let t = try table("entity_municipalities.csv")
      while let r = try t.next() {
        let m = EntityMunicipality(
          entityId: try entity(r, "entity_id") ?? { throw r.fail("entity_id", "is empty") }(),
          nisCode: try r.required("nis_code"), name: r.optional("name"),
          population: try r.int("population"))
        try m.insert(db, onConflict: .ignore)
        counts.municipalities += db.changesCount
      }
    }

    mutating func loadLineage() throws {
      let t = try table("lineage.csv")
      while let r = try t.next() {
        let l = EntityLineage(
          predecessorId: try entity(r, "predecessor_id")
            ?? { throw r.fail("predecessor_id", "is empty") }(),
          successorId: try entity(r, "successor_id")
            ?? { throw r.fail("successor_id", "is empty") }(),
          onDate: try r.day("on_date") ?? { throw r.fail("on_date", "is empty") }(),
          sourceId: try source(r)!, note: r.optional("note"))
        guard l.predecessorId != l.successorId else {
          throw r.fail("successor_id", "an entity cannot succeed itself")
        }
        try l.insert(db, onConflict: .ignore)
        counts.lineage += db.changesCount
      }
    }

    mutating func loadChannels() throws {
      let t = try table("channels.csv")
      while let r = try t.next() {
        guard let platform = try r.oneOf("platform", Platform.self) else {
          throw r.fail("platform", "is empty")
        }
        // No handle: a channel a source shows without naming it; its key says whose it is.
        var handle: Handle?
        if let raw = r.optional("handle") {
          switch Handle.parse(raw, platform: platform) {
          case .success(let h) where h.platform == platform: handle = h
          case .success(let h):
            throw r.fail(
              "handle", "'\(raw)' is a \(h.platform.rawValue) handle, not \(platform.rawValue)")
          case .failure(let e): throw r.fail("handle", e.reason)
          }
        }
        let key =
          try r.optional("key")
          ?? handle.map { "\(platform.rawValue)/\($0.canonical)" }
          ?? { throw r.fail("handle", "is empty and so is key: a channel needs one of them") }()
        if channelIds[key] != nil { throw r.fail("key", "duplicate channel key '\(key)'") }
        if let existing = try Channel.filter(Channel.Columns.key == key).fetchOne(db) {
          channelIds[key] = existing.id
          continue
        }
        if let handle,
          try Channel.filter(
            Channel.Columns.platform == platform.rawValue
              && Channel.Columns.handle == handle.canonical
          ).fetchCount(db) > 0
        {
          throw r.fail(
            "handle", "\(platform.rawValue) handle '\(handle.canonical)' is listed twice")
        }
        var c = Channel(
          key: key,
          entityId: try entity(r, "entity_id") ?? { throw r.fail("entity_id", "is empty") }(),
          platform: platform, handle: handle?.canonical, url: r.optional("url"),
          platformId: r.optional("platform_id"),
          languages: (r.optional("languages") ?? "").semicolonList.joined(separator: ";"),
          purposes: (r.optional("purposes") ?? "").semicolonList.joined(separator: ";"),
          status: try r.oneOf("status", ChannelStatus.self) ?? .unknown,
          openedOn: try r.day("opened_on"), firstSeenOn: try r.day("first_seen_on"),
          closedOn: try r.day("closed_on"), emergencyDisclaimer: try r.bool("emergency_disclaimer"),
          disclaimerSeenOn: try r.day("disclaimer_seen_on"),
          confidence: try r.oneOf("confidence", Confidence.self) ?? .high,
          confidenceNote: r.optional("confidence_note"), sourceId: try source(r)!,
          note: r.optional("note"))
        if let o = c.openedOn, let cl = c.closedOn, o > cl {
          throw r.fail("closed_on", "\(cl) is before opened_on \(o)")
        }
        if c.status == .closed && c.closedOn == nil {
          throw r.fail("closed_on", "is empty but status is closed")
        }
        c.id = try r.int("id", min: 1)
        try c.insert(db)
        channelIds[key] = c.id
        if let verified = try r.day("verified_on") {
          try db.execute(
            sql: "UPDATE channel SET verified_on = ? WHERE id = ?", arguments: [verified, c.id])
        }
        counts.channels += 1
      }
    }

    mutating func loadSnapshots() throws {
      let t = try table("snapshots.csv")
      while let r = try t.next() {
        let key = try r.required("channel")
        guard let channelId = channelIds[key] else {
          throw r.fail("channel", "unknown channel '\(key)' (not in channels.csv)")
        }
        let at: Int64
        switch Timestamp.parse(try r.required("observed_at")) {
        case .success(let v): at = v
        case .failure(let e): throw r.fail("observed_at", e.reason)
        }
        let s = Snapshot(
          channelId: channelId, observedAt: at, followers: try r.int("followers"),
          following: try r.int("following"), posts: try r.int("posts"),
          engagements: try r.int("engagements"),
          engagementWindowDays: try r.int("engagement_window_days", min: 1),
          sourceId: try source(r)!, note: r.optional("note"))
        if s.engagements != nil && s.engagementWindowDays == nil {
          throw r.fail("engagement_window_days", "is empty but engagements are given")
        }
        // The limits every way in applies (`SnapshotLimits`).
        for (column, value) in [
          ("followers", s.followers), ("following", s.following), ("posts", s.posts),
          ("engagements", s.engagements),
        ] {
          if let value, let problem = SnapshotLimits.countProblem(value) {
            throw r.fail(column, problem)
          }
        }
        if let w = s.engagementWindowDays, let problem = SnapshotLimits.windowProblem(w) {
          throw r.fail("engagement_window_days", problem)
        }
        if let problem = SnapshotLimits.observedAtProblem(at, today: today) {
          throw r.fail("observed_at", problem)
        }
        try s.insert(db, onConflict: .ignore)
        counts.snapshots += db.changesCount
      }
    }

    /// Surveys (optional file). A present survey's handle links it to the channel with that
    /// handle on the platform (or the one `channel` names), which must be the entity's; a handle
    /// no channel has is kept unlinked (`validate` lists it).
    mutating func loadSurveys() throws {
      let t = try table("surveys.csv")
      while let r = try t.next() {
        let entityId = try entity(r, "entity_id") ?? { throw r.fail("entity_id", "is empty") }()
        guard let platform = try r.oneOf("platform", Platform.self) else {
          throw r.fail("platform", "is empty")
        }
        let day = try r.day("observed_on") ?? { throw r.fail("observed_on", "is empty") }()
        guard let result = try r.oneOf("result", SurveyResult.self) else {
          throw r.fail("result", "is empty: present or absent")
        }
        guard let method = try r.oneOf("method", SurveyMethod.self) else {
          throw r.fail("method", "is empty (one of \(SurveyMethod.namesList))")
        }
        guard let confidence = try r.oneOf("confidence", Confidence.self) else {
          throw r.fail("confidence", "is empty (one of \(Confidence.namesList))")
        }
        var handle: String?
        if let raw = r.optional("handle") {
          guard result == .present else {
            throw r.fail("handle", "an absent survey names no handle")
          }
          switch Handle.parse(raw, platform: platform) {
          case .success(let h) where h.platform == platform: handle = h.canonical
          case .success(let h):
            throw r.fail(
              "handle", "'\(raw)' is a \(h.platform.rawValue) handle, not \(platform.rawValue)")
          case .failure(let e): throw r.fail("handle", e.reason)
          }
        }
        var channelId: Int64?
        if let key = r.optional("channel") {
          guard let id = channelIds[key] else {
            throw r.fail("channel", "unknown channel '\(key)' (not in channels.csv)")
          }
          channelId = id
        } else if let handle {
          channelId = try Int64.fetchOne(
            db, sql: "SELECT id FROM channel WHERE platform = ? AND handle = ?",
            arguments: [platform.rawValue, handle])
        }
        if let channelId,
          try
            !(Bool.fetchOne(
              db,
              sql: """
                SELECT EXISTS (SELECT 1 FROM channel WHERE id = ?1 AND entity_id = ?2)
                  OR EXISTS (SELECT 1 FROM channel_owner WHERE channel_id = ?1 AND entity_id = ?2)
                """, arguments: [channelId, entityId]) ?? false)
        {
          throw r.fail("handle", "the channel \(handle ?? "") belongs to another entity")
        }
        var s = Survey(
          id: try r.int("id", min: 1), entityId: entityId, platform: platform,
          observedOn: day, result: result, handle: handle, channelId: channelId,
          method: method.rawValue, confidence: confidence, sourceId: try source(r)!,
          note: r.optional("note"))
        if let same = try Survey.filter(
          Survey.Columns.entityId == entityId && Survey.Columns.platform == platform.rawValue
            && Survey.Columns.observedOn == day && Survey.Columns.sourceId == s.sourceId
        ).fetchOne(db) {
          if same.result != result {
            throw r.fail(
              "result",
              "this source's survey of \(entityId) on \(platform.rawValue) on \(day) is "
                + "also given as \(same.result.rawValue)")
          }
          continue
        }
        try s.insert(db)
        counts.surveys += 1
      }
    }

    mutating func loadHandleHistory() throws {
      let t = try table("channel_handle_history.csv")
      while let r = try t.next() {
        let key = try r.required("channel")
        guard let channelId = channelIds[key] else {
          throw r.fail("channel", "unknown channel '\(key)' (not in channels.csv)")
        }
        let h = ChannelHandleHistory(
          channelId: channelId, handle: try r.required("handle"),
          validUntil: try r.day("valid_until") ?? { throw r.fail("valid_until", "is empty") }(),
          sourceId: try source(r, required: false))
        try h.insert(db, onConflict: .ignore)
      }
    }

    /// Ownership periods (`channel_owner`); a seed's own periods are checked by `validate`.
    mutating func loadOwners() throws {
      let t = try table("channel_owners.csv")
      while let r = try t.next() {
        let key = try r.required("channel")
        guard let channelId = channelIds[key] else {
          throw r.fail("channel", "unknown channel '\(key)' (not in channels.csv)")
        }
        let from = try r.day("valid_from")
        let to = try r.day("valid_to")
        if let from, let to, from >= to {
          throw r.fail("valid_to", "\(to) is not after valid_from \(from)")
        }
        let exists =
          try Bool.fetchOne(
            db,
            sql: "SELECT 1 FROM channel_owner WHERE channel_id = ? AND valid_from IS ?",
            arguments: [channelId, from]) ?? false
        if exists { continue }
        var o = ChannelOwner(
          channelId: channelId,
          entityId: try entity(r, "entity_id") ?? { throw r.fail("entity_id", "is empty") }(),
          validFrom: from, validTo: to, sourceId: try source(r)!, note: r.optional("note"))
        o.id = try r.int("id", min: 1)
        try o.insert(db)
      }
    }

    /// Retracted snapshots as they were (docs/schema.md, `snapshot_retraction`): kept whole, so
    /// the limits of new snapshots do not apply to them.
    mutating func loadRetractions() throws {
      let t = try table("snapshot_retractions.csv")
      while let r = try t.next() {
        let key = try r.required("channel")
        guard let channelId = channelIds[key] else {
          throw r.fail("channel", "unknown channel '\(key)' (not in channels.csv)")
        }
        let at: Int64
        switch Timestamp.parse(try r.required("observed_at")) {
        case .success(let v): at = v
        case .failure(let e): throw r.fail("observed_at", e.reason)
        }
        let replaced: Bool
        switch r.optional("replaced") ?? "no" {
        case "yes": replaced = true
        case "no": replaced = false
        case let v: throw r.fail("replaced", "'\(v)' is not yes or no")
        }
        try db.execute(
          sql: """
            INSERT INTO snapshot_retraction (id, channel_id, observed_at, followers, following,
              posts, engagements, engagement_window_days, source_id, note, retracted_at,
              retracted_by, reason, replaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """,
          arguments: [
            try r.int("id", min: 1) ?? { throw r.fail("id", "is empty") }(), channelId, at,
            try r.int("followers"), try r.int("following"), try r.int("posts"),
            try r.int("engagements"), try r.int("engagement_window_days", min: 1),
            try source(r)!, r.optional("note"), try r.required("retracted_at"),
            try r.required("retracted_by"), r.optional("reason"), replaced,
          ])
      }
    }

    mutating func loadChangeLog() throws {
      let t = try table("change_log.csv")
      while let r = try t.next() {
        try db.execute(
          sql: """
            INSERT INTO change_log (id, at, action, table_name, row_key, entity_id, field,
              old_value, new_value, source_id, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """,
          arguments: [
            try r.int("id", min: 1) ?? { throw r.fail("id", "is empty") }(), try r.required("at"),
            try r.required("action"), try r.required("table_name"), try r.required("row_key"),
            r.optional("entity_id"), r.optional("field"), r.optional("old_value"),
            r.optional("new_value"), try source(r, required: false), try r.required("changed_by"),
          ])
      }
    }

    mutating func loadReferenceFigures() throws {
      let t = try table("reference_figures.csv")
      while let r = try t.next() {
        let precision = r.optional("as_of_precision") ?? "day"
        guard ["day", "month", "year", "circa"].contains(precision) else {
          throw r.fail("as_of_precision", "'\(precision)' is not one of day, month, year, circa")
        }
        if let p = r.optional("platform"), Platform(rawValue: p) == nil {
          throw r.fail("platform", "'\(p)' is not one of \(Platform.namesList)")
        }
        if let k = r.optional("entity_kind"), EntityKind(rawValue: k) == nil {
          throw r.fail("entity_kind", "'\(k)' is not one of \(EntityKind.namesList)")
        }
        let f = ReferenceFigure(
          id: try r.required("id"), label: try r.required("label"),
          metric: try r.required("metric"),
          value: try r.double("value") ?? { throw r.fail("value", "is empty") }(),
          denominator: try r.double("denominator"), unit: try r.required("unit"),
          country: r.optional("country"), region: r.optional("region"),
          entityKind: r.optional("entity_kind"), platform: r.optional("platform"),
          entityId: try entity(r, "entity_id"),
          asOf: try r.day("as_of") ?? { throw r.fail("as_of", "is empty") }(),
          asOfPrecision: precision, sourceId: try source(r)!, note: r.optional("note"))
        if let problem = f.denominatorProblem { throw r.fail("value", problem) }
        try f.insert(db, onConflict: .ignore)
        counts.referenceFigures += db.changesCount
      }
    }
  }
}
