import GRDB

/// The registry's schema, as named migrations. A shipped migration is never edited: add a new one.
enum Schema {
  /// The newest schema version this build knows; a database with a higher one is refused.
  static var currentVersion: Int { migrationNames.count }

  /// Migration identifiers in order; their position (1-based) is the schema version.
  static let migrationNames = [
    "v1", "v2-curation", "v3-snapshot-clustered", "v4-snapshot-span", "v5-entity-names",
    "v8-ownership", "v7-corrections", "v6-surveys", "v10-unverified-channels",
    "v9-date-bounds-codes-unknown-handles",
  ]

  static func migrator() -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1", migrate: v1)
    migrator.registerMigration("v2-curation", migrate: v2Curation)
    migrator.registerMigration("v3-snapshot-clustered", migrate: v3SnapshotClustered)
    migrator.registerMigration("v4-snapshot-span", migrate: v4SnapshotSpan)
    migrator.registerMigration("v5-entity-names", migrate: v5EntityNames)
    migrator.registerMigration("v8-ownership", migrate: v8Ownership)
    migrator.registerMigration("v7-corrections", migrate: v7Corrections)
    migrator.registerMigration("v6-surveys", migrate: v6Surveys)
    migrator.registerMigration("v10-unverified-channels", migrate: v10UnverifiedChannels)
    migrator.registerMigration(
      "v9-date-bounds-codes-unknown-handles", migrate: v9DateBoundsCodesUnknownHandles)
    return migrator
  }

  // swiftlint:disable:next function_body_length
  private static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE source (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 200),
          title TEXT NOT NULL CHECK (length(title) > 0),
          publisher TEXT,
          url TEXT,
          published_on TEXT,
          retrieved_on TEXT,
          note TEXT
        );

        CREATE TABLE region (
          code TEXT PRIMARY KEY NOT NULL,
          country TEXT NOT NULL,
          name TEXT NOT NULL,
          parent_code TEXT,
          source_id INTEGER NOT NULL REFERENCES source(id)
        ) WITHOUT ROWID;

        CREATE TABLE entity (
          id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
          kind TEXT NOT NULL CHECK (kind IN ('local_police', 'federal_police', 'national_police',
            'foreign_police', 'safety_body', 'partnership', 'sector')),
          code TEXT,
          code_source_id INTEGER REFERENCES source(id),
          country TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
          region TEXT,
          languages TEXT NOT NULL DEFAULT '',
          population INTEGER CHECK (population IS NULL OR population >= 0),
          population_year INTEGER,
          parent_id TEXT REFERENCES entity(id),
          valid_from TEXT,
          valid_to TEXT,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          placeholder INTEGER NOT NULL DEFAULT 0 CHECK (placeholder IN (0, 1)),
          CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
        );
        CREATE INDEX entity_country_region ON entity(country, region);
        CREATE INDEX entity_kind ON entity(kind);
        CREATE INDEX entity_code ON entity(code);
        CREATE INDEX entity_parent ON entity(parent_id);

        CREATE TABLE entity_name (
          entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
          lang TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND 8),
          name TEXT NOT NULL CHECK (length(name) > 0),
          PRIMARY KEY (entity_id, lang)
        ) WITHOUT ROWID;

        CREATE TABLE entity_municipality (
          entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
          nis_code TEXT NOT NULL,
          name TEXT,
          population INTEGER CHECK (population IS NULL OR population >= 0),
          PRIMARY KEY (entity_id, nis_code)
        ) WITHOUT ROWID;
        CREATE INDEX entity_municipality_nis ON entity_municipality(nis_code);

        CREATE TABLE entity_lineage (
          predecessor_id TEXT NOT NULL REFERENCES entity(id),
          successor_id TEXT NOT NULL REFERENCES entity(id),
          on_date TEXT NOT NULL,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          PRIMARY KEY (predecessor_id, successor_id),
          CHECK (predecessor_id <> successor_id)
        ) WITHOUT ROWID;
        CREATE INDEX entity_lineage_successor ON entity_lineage(successor_id);

        CREATE TABLE channel (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          entity_id TEXT NOT NULL REFERENCES entity(id),
          platform TEXT NOT NULL CHECK (platform IN ('x', 'facebook_page', 'facebook_group',
            'instagram', 'youtube', 'tiktok', 'linkedin', 'threads', 'mastodon', 'bluesky',
            'telegram', 'whatsapp_channel', 'website', 'mailing_list', 'sms_alert')),
          handle TEXT NOT NULL CHECK (length(handle) > 0),
          url TEXT,
          platform_id TEXT,
          languages TEXT NOT NULL DEFAULT '',
          purposes TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL DEFAULT 'unknown'
            CHECK (status IN ('active', 'dormant', 'closed', 'unknown')),
          opened_on TEXT,
          first_seen_on TEXT,
          closed_on TEXT,
          emergency_disclaimer INTEGER CHECK (emergency_disclaimer IN (0, 1)),
          disclaimer_seen_on TEXT,
          confidence TEXT NOT NULL DEFAULT 'high' CHECK (confidence IN ('high', 'medium', 'low')),
          confidence_note TEXT,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          CHECK (closed_on IS NULL OR opened_on IS NULL OR opened_on <= closed_on)
        );
        CREATE UNIQUE INDEX channel_platform_handle ON channel(platform, handle);
        CREATE INDEX channel_entity ON channel(entity_id);
        CREATE INDEX channel_status ON channel(status);
        CREATE INDEX channel_platform_id ON channel(platform, platform_id);

        CREATE TABLE channel_handle_history (
          channel_id INTEGER NOT NULL REFERENCES channel(id) ON DELETE CASCADE,
          handle TEXT NOT NULL,
          valid_until TEXT NOT NULL,
          source_id INTEGER REFERENCES source(id),
          PRIMARY KEY (channel_id, handle, valid_until)
        ) WITHOUT ROWID;
        CREATE INDEX channel_handle_history_handle ON channel_handle_history(handle);

        CREATE TABLE snapshot (
          channel_id INTEGER NOT NULL REFERENCES channel(id),
          observed_at INTEGER NOT NULL,
          followers INTEGER CHECK (followers IS NULL OR followers >= 0),
          following INTEGER CHECK (following IS NULL OR following >= 0),
          posts INTEGER CHECK (posts IS NULL OR posts >= 0),
          engagements INTEGER CHECK (engagements IS NULL OR engagements >= 0),
          engagement_window_days INTEGER
            CHECK (engagement_window_days IS NULL OR engagement_window_days > 0),
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          CHECK (engagements IS NULL OR engagement_window_days IS NOT NULL)
        );
        CREATE UNIQUE INDEX snapshot_channel_observed ON snapshot(channel_id, observed_at, source_id);

        CREATE TABLE reference_figure (
          id TEXT PRIMARY KEY NOT NULL,
          label TEXT NOT NULL CHECK (length(label) > 0),
          metric TEXT NOT NULL,
          value REAL NOT NULL,
          denominator REAL,
          unit TEXT NOT NULL,
          country TEXT,
          region TEXT,
          entity_kind TEXT,
          platform TEXT,
          entity_id TEXT REFERENCES entity(id),
          as_of TEXT NOT NULL,
          as_of_precision TEXT NOT NULL DEFAULT 'day'
            CHECK (as_of_precision IN ('day', 'month', 'year', 'circa')),
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT
        );
        CREATE INDEX reference_figure_scope ON reference_figure(country, platform, entity_kind);

        CREATE VIRTUAL TABLE search_index USING fts5(
          kind UNINDEXED, ref UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2'
        );

        CREATE VIEW v_latest_snapshot AS
          SELECT s.channel_id, s.observed_at,
                 strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS observed_at_iso,
                 s.followers, s.following, s.posts, s.engagements, s.engagement_window_days,
                 s.source_id
          FROM channel c
          JOIN snapshot s ON s.rowid = (
            SELECT s2.rowid FROM snapshot s2
            WHERE s2.channel_id = c.id
            ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1);

        CREATE VIEW v_channels AS
          SELECT c.id AS channel_id, c.key AS channel_key, c.platform, c.handle, c.url,
                 c.platform_id, c.status, c.opened_on, c.closed_on, c.languages, c.purposes,
                 c.emergency_disclaimer, c.confidence,
                 e.id AS entity_id, e.code AS entity_code, e.kind AS entity_kind,
                 coalesce(
                   (SELECT n.name FROM entity_name n WHERE n.entity_id = e.id
                      AND n.lang = substr(e.languages, 1, instr(e.languages || ';', ';') - 1)),
                   (SELECT n.name FROM entity_name n WHERE n.entity_id = e.id
                    ORDER BY n.lang LIMIT 1)) AS entity_name,
                 e.country, e.region, e.population,
                 ls.followers AS latest_followers, ls.observed_at_iso AS latest_observed_at,
                 src.key AS source_key, src.url AS source_url
          FROM channel c
          JOIN entity e ON e.id = c.entity_id
          JOIN source src ON src.id = c.source_id
          LEFT JOIN v_latest_snapshot ls ON ls.channel_id = c.id;
        """)
  }

  /// Curation: who checked a channel when, and the change log every edit writes to.
  private static func v2Curation(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE channel ADD COLUMN verified_on TEXT;

        CREATE TABLE change_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          action TEXT NOT NULL,
          table_name TEXT NOT NULL,
          row_key TEXT NOT NULL,
          entity_id TEXT,
          field TEXT,
          old_value TEXT,
          new_value TEXT,
          source_id INTEGER REFERENCES source(id),
          changed_by TEXT NOT NULL
        );
        CREATE INDEX change_log_row ON change_log(table_name, row_key);
        CREATE INDEX change_log_entity ON change_log(entity_id);
        CREATE INDEX change_log_at ON change_log(at);
        """)
  }

  /// Snapshots clustered on their key: `snapshot` becomes a `WITHOUT ROWID` table whose primary key
  /// is (channel_id, observed_at, source_id), the old unique index. A seek for "the latest snapshot
  /// of a channel on or before a date" then descends one B-tree and finds the row there, instead of
  /// the index and then the table; the import writes one B-tree instead of two. Same columns and
  /// CHECKs; the views are recreated without `rowid`.
  private static func v3SnapshotClustered(_ db: Database) throws {
    try db.execute(
      sql: """
        DROP VIEW v_channels;
        DROP VIEW v_latest_snapshot;

        CREATE TABLE snapshot_v3 (
          channel_id INTEGER NOT NULL REFERENCES channel(id),
          observed_at INTEGER NOT NULL,
          followers INTEGER CHECK (followers IS NULL OR followers >= 0),
          following INTEGER CHECK (following IS NULL OR following >= 0),
          posts INTEGER CHECK (posts IS NULL OR posts >= 0),
          engagements INTEGER CHECK (engagements IS NULL OR engagements >= 0),
          engagement_window_days INTEGER
            CHECK (engagement_window_days IS NULL OR engagement_window_days > 0),
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          CHECK (engagements IS NULL OR engagement_window_days IS NOT NULL),
          PRIMARY KEY (channel_id, observed_at, source_id)
        ) WITHOUT ROWID;
        INSERT INTO snapshot_v3 (channel_id, observed_at, followers, following, posts, engagements,
                                 engagement_window_days, source_id, note)
          SELECT channel_id, observed_at, followers, following, posts, engagements,
                 engagement_window_days, source_id, note
          FROM snapshot ORDER BY channel_id, observed_at, source_id;
        DROP TABLE snapshot;
        ALTER TABLE snapshot_v3 RENAME TO snapshot;

        CREATE VIEW v_latest_snapshot AS
          SELECT s.channel_id, s.observed_at,
                 strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS observed_at_iso,
                 s.followers, s.following, s.posts, s.engagements, s.engagement_window_days,
                 s.source_id
          FROM channel c
          JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
            SELECT s2.observed_at, s2.source_id FROM snapshot s2
            WHERE s2.channel_id = c.id
            ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1);

        CREATE VIEW v_channels AS
          SELECT c.id AS channel_id, c.key AS channel_key, c.platform, c.handle, c.url,
                 c.platform_id, c.status, c.opened_on, c.closed_on, c.languages, c.purposes,
                 c.emergency_disclaimer, c.confidence,
                 e.id AS entity_id, e.code AS entity_code, e.kind AS entity_kind,
                 coalesce(
                   (SELECT n.name FROM entity_name n WHERE n.entity_id = e.id
                      AND n.lang = substr(e.languages, 1, instr(e.languages || ';', ';') - 1)),
                   (SELECT n.name FROM entity_name n WHERE n.entity_id = e.id
                    ORDER BY n.lang LIMIT 1)) AS entity_name,
                 e.country, e.region, e.population,
                 ls.followers AS latest_followers, ls.observed_at_iso AS latest_observed_at,
                 src.key AS source_key, src.url AS source_url
          FROM channel c
          JOIN entity e ON e.id = c.entity_id
          JOIN source src ON src.id = c.source_id
          LEFT JOIN v_latest_snapshot ls ON ls.channel_id = c.id;
        """)
  }

  /// The columns of `snapshot_span`, in table order.
  static let spanColumns = [
    "channel_id", "first_at", "last_at", "source_id", "followers", "posts", "engagements",
    "engagement_window_days",
  ]

  /// The `snapshot_span` row of one channel (`channel`: an SQL expression for its id) computed
  /// from its snapshots, `spanColumns` in order; no row when it has no snapshot with a follower
  /// count. The bulk import writes it (`SnapshotImporter.recomputeSpans`) and `validate` compares
  /// the table with it; migration v4 and its triggers keep their own text (a shipped migration
  /// is never edited).
  static func spanOfChannel(_ channel: String) -> String {
    """
    SELECT l.channel_id,
           (SELECT f.observed_at FROM snapshot f
            WHERE f.channel_id = \(channel) AND f.followers IS NOT NULL
            ORDER BY f.observed_at, f.source_id LIMIT 1),
           l.observed_at, l.source_id, l.followers, l.posts, l.engagements,
           l.engagement_window_days
    FROM snapshot l WHERE l.channel_id = \(channel) AND l.followers IS NOT NULL
    ORDER BY l.observed_at DESC, l.source_id DESC LIMIT 1
    """
  }

  /// Per channel, its first and its latest snapshot with a follower count (`snapshot_span`), kept
  /// by triggers on every insert, delete and update of `snapshot`, whoever writes. The report
  /// reads a channel's count on or before a date D from it when D is on or after the latest
  /// snapshot, and knows there is none when D is before the first: only dates in between need a
  /// seek in `snapshot`. The bulk import drops the insert trigger inside its transaction, then
  /// recomputes the span of every channel it touched (one row per channel, not per snapshot) and
  /// creates the trigger again, before the commit (`SnapshotImporter.spanRecompute`).
  private static func v4SnapshotSpan(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE snapshot_span (
          channel_id INTEGER PRIMARY KEY NOT NULL REFERENCES channel(id),
          first_at INTEGER NOT NULL,
          last_at INTEGER NOT NULL,
          source_id INTEGER NOT NULL REFERENCES source(id),
          followers INTEGER NOT NULL,
          posts INTEGER,
          engagements INTEGER,
          engagement_window_days INTEGER,
          CHECK (first_at <= last_at)
        );

        INSERT INTO snapshot_span (channel_id, first_at, last_at, source_id, followers, posts,
                                   engagements, engagement_window_days)
          SELECT s.channel_id,
                 (SELECT f.observed_at FROM snapshot f
                  WHERE f.channel_id = c.id AND f.followers IS NOT NULL
                  ORDER BY f.observed_at, f.source_id LIMIT 1),
                 s.observed_at, s.source_id, s.followers, s.posts, s.engagements,
                 s.engagement_window_days
          FROM channel c
          JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
            SELECT l.observed_at, l.source_id FROM snapshot l
            WHERE l.channel_id = c.id AND l.followers IS NOT NULL
            ORDER BY l.observed_at DESC, l.source_id DESC LIMIT 1);

        CREATE TRIGGER snapshot_span_insert AFTER INSERT ON snapshot
        WHEN NEW.followers IS NOT NULL BEGIN
          INSERT INTO snapshot_span (channel_id, first_at, last_at, source_id, followers, posts,
                                     engagements, engagement_window_days)
            VALUES (NEW.channel_id, NEW.observed_at, NEW.observed_at, NEW.source_id,
                    NEW.followers, NEW.posts, NEW.engagements, NEW.engagement_window_days)
            ON CONFLICT (channel_id) DO UPDATE SET
              first_at = min(first_at, excluded.first_at),
              last_at = CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                        THEN excluded.last_at ELSE last_at END,
              followers = CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                          THEN excluded.followers ELSE followers END,
              posts = CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                      THEN excluded.posts ELSE posts END,
              engagements = CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                            THEN excluded.engagements ELSE engagements END,
              engagement_window_days =
                CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                THEN excluded.engagement_window_days ELSE engagement_window_days END,
              source_id = CASE WHEN (excluded.last_at, excluded.source_id) > (last_at, source_id)
                          THEN excluded.source_id ELSE source_id END;
        END;

        CREATE TRIGGER snapshot_span_delete AFTER DELETE ON snapshot
        WHEN OLD.followers IS NOT NULL BEGIN
          DELETE FROM snapshot_span WHERE channel_id = OLD.channel_id;
          INSERT INTO snapshot_span (channel_id, first_at, last_at, source_id, followers, posts,
                                     engagements, engagement_window_days)
            SELECT l.channel_id,
                   (SELECT f.observed_at FROM snapshot f
                    WHERE f.channel_id = OLD.channel_id AND f.followers IS NOT NULL
                    ORDER BY f.observed_at, f.source_id LIMIT 1),
                   l.observed_at, l.source_id, l.followers, l.posts, l.engagements,
                   l.engagement_window_days
            FROM snapshot l WHERE l.channel_id = OLD.channel_id AND l.followers IS NOT NULL
            ORDER BY l.observed_at DESC, l.source_id DESC LIMIT 1;
        END;

        CREATE TRIGGER snapshot_span_update AFTER UPDATE ON snapshot BEGIN
          DELETE FROM snapshot_span WHERE channel_id IN (OLD.channel_id, NEW.channel_id);
          INSERT INTO snapshot_span (channel_id, first_at, last_at, source_id, followers, posts,
                                     engagements, engagement_window_days)
            SELECT c.id,
                   (SELECT f.observed_at FROM snapshot f
                    WHERE f.channel_id = c.id AND f.followers IS NOT NULL
                    ORDER BY f.observed_at, f.source_id LIMIT 1),
                   l.observed_at, l.source_id, l.followers, l.posts, l.engagements,
                   l.engagement_window_days
            FROM channel c
            JOIN snapshot l ON l.channel_id = c.id AND (l.observed_at, l.source_id) = (
              SELECT x.observed_at, x.source_id FROM snapshot x
              WHERE x.channel_id = c.id AND x.followers IS NOT NULL
              ORDER BY x.observed_at DESC, x.source_id DESC LIMIT 1)
            WHERE c.id IN (OLD.channel_id, NEW.channel_id);
        END;
        """)
  }

  /// One display-name rule (`EntityDisplayName`): `v_entity_name` gives each entity its name in
  /// the first of its languages that has one, else the name whose language sorts first, and
  /// `v_channels` is recreated to read it (v1 and v3 tried the first language only, then the
  /// first by language, where the Swift code tried each language in turn). The languages are
  /// matched as `;`-delimited items of `entity.languages`, which the seed loader and curation
  /// write trimmed and without empty items. The inner ORDER BY reads the entity again (`o`):
  /// SQLite does not resolve the outer query's columns there.
  private static func v5EntityNames(_ db: Database) throws {
    try db.execute(
      sql: """
        DROP VIEW v_channels;

        CREATE VIEW v_entity_name AS
          SELECT e.id AS entity_id,
                 (SELECT n.name FROM entity_name n JOIN entity o ON o.id = n.entity_id
                  WHERE n.entity_id = e.id
                  ORDER BY instr(';' || o.languages || ';', ';' || n.lang || ';') = 0,
                           instr(';' || o.languages || ';', ';' || n.lang || ';'), n.lang
                  LIMIT 1) AS name
          FROM entity e;

        CREATE VIEW v_channels AS
          SELECT c.id AS channel_id, c.key AS channel_key, c.platform, c.handle, c.url,
                 c.platform_id, c.status, c.opened_on, c.closed_on, c.languages, c.purposes,
                 c.emergency_disclaimer, c.confidence,
                 e.id AS entity_id, e.code AS entity_code, e.kind AS entity_kind,
                 (SELECT dn.name FROM v_entity_name dn WHERE dn.entity_id = e.id) AS entity_name,
                 e.country, e.region, e.population,
                 ls.followers AS latest_followers, ls.observed_at_iso AS latest_observed_at,
                 src.key AS source_key, src.url AS source_url
          FROM channel c
          JOIN entity e ON e.id = c.entity_id
          JOIN source src ON src.id = c.source_id
          LEFT JOIN v_latest_snapshot ls ON ls.channel_id = c.id;
        """)
  }

  /// Channel ownership over time (`channel_owner`, docs/schema.md): the periods during which a
  /// channel belonged to an entity, so that moving a channel (`channel move --on`, `entity
  /// merge --channels move`) leaves its past with its earlier owner. `channel.entity_id` stays
  /// the current owner; a channel without rows belongs to it for its whole life. Periods of one
  /// channel do not overlap: [valid_from, valid_to), NULL meaning unbounded on that side.
  ///
  /// Also Facebook page names as Facebook's username rules define them (periods and case do not
  /// tell two names apart, `HandleRules.facebookPageName`): stored page names lose their
  /// periods, except where two stored names would become one (both stay as they are and
  /// `validate` lists them as the same page, for a curator to merge); so do former page names.
  private static func v8Ownership(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE channel_owner (
          id INTEGER PRIMARY KEY,
          channel_id INTEGER NOT NULL REFERENCES channel(id),
          entity_id TEXT NOT NULL REFERENCES entity(id),
          valid_from TEXT,
          valid_to TEXT,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
        );
        CREATE INDEX channel_owner_channel ON channel_owner(channel_id, valid_from);
        CREATE INDEX channel_owner_entity ON channel_owner(entity_id);

        UPDATE channel SET handle = replace(handle, '.', '')
        WHERE platform = 'facebook_page' AND instr(handle, '.') > 0
          AND NOT EXISTS (
            SELECT 1 FROM channel o
            WHERE o.platform = 'facebook_page' AND o.id <> channel.id
              AND replace(o.handle, '.', '') = replace(channel.handle, '.', ''));
        UPDATE OR IGNORE channel_handle_history SET handle = replace(handle, '.', '')
        WHERE instr(handle, '.') > 0
          AND channel_id IN (SELECT id FROM channel WHERE platform = 'facebook_page');
        """)
  }

  /// Corrections: a retracted snapshot leaves `snapshot` whole into `snapshot_retraction`, with
  /// when, by whom and why, and whether a correction replaced it (`snapshot retract`,
  /// `snapshot correct`). Every figure reads `snapshot` only, so it uses the corrected row; the
  /// snapshot's key is free again, so the corrected row can be imported. A snapshot can be
  /// retracted, imported again and retracted again: rows have their own id.
  private static func v7Corrections(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE snapshot_retraction (
          id INTEGER PRIMARY KEY,
          channel_id INTEGER NOT NULL REFERENCES channel(id),
          observed_at INTEGER NOT NULL,
          followers INTEGER,
          following INTEGER,
          posts INTEGER,
          engagements INTEGER,
          engagement_window_days INTEGER,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          retracted_at TEXT NOT NULL,
          retracted_by TEXT NOT NULL CHECK (length(retracted_by) > 0),
          reason TEXT,
          replaced INTEGER NOT NULL DEFAULT 0 CHECK (replaced IN (0, 1))
        );
        CREATE INDEX snapshot_retraction_channel
          ON snapshot_retraction(channel_id, observed_at, source_id);
        """)
  }

  /// Surveys: on a day a source checked an entity on a platform and found it present (with the
  /// handle, and the channel when linked, where the source names one) or absent. The method is
  /// checked in Swift (`SurveyMethod`), so a new method needs no migration. One survey per
  /// entity, platform, day and source, so importing a file again changes nothing.
  private static func v6Surveys(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE survey (
          id INTEGER PRIMARY KEY,
          entity_id TEXT NOT NULL REFERENCES entity(id),
          platform TEXT NOT NULL CHECK (platform IN ('x', 'facebook_page', 'facebook_group',
            'instagram', 'youtube', 'tiktok', 'linkedin', 'threads', 'mastodon', 'bluesky',
            'telegram', 'whatsapp_channel', 'website', 'mailing_list', 'sms_alert')),
          observed_on TEXT NOT NULL
            CHECK (observed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          result TEXT NOT NULL CHECK (result IN ('present', 'absent')),
          handle TEXT CHECK (handle IS NULL OR length(handle) > 0),
          channel_id INTEGER REFERENCES channel(id),
          method TEXT NOT NULL CHECK (length(method) > 0),
          confidence TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          CHECK (result = 'present' OR (handle IS NULL AND channel_id IS NULL)),
          UNIQUE (entity_id, platform, observed_on, source_id)
        );
        CREATE INDEX survey_channel ON survey(channel_id);
        """)
  }

  /// Allows the channel status `unverified` (a channel a collector found, e.g. linked from the
  /// entity's website, that nobody has checked yet). Widening a CHECK changes no stored row, so
  /// the table's definition is edited in place, the procedure SQLite documents for constraint
  /// changes (lang_altertable.html, section 7), instead of copying the channel table with its
  /// indexes, views and the tables that reference it.
  private static func v10UnverifiedChannels(_ db: Database) throws {
    let old = "CHECK (status IN ('active', 'dormant', 'closed', 'unknown'))"
    let new = "CHECK (status IN ('active', 'dormant', 'closed', 'unknown', 'unverified'))"
    let sql = try String.fetchOne(
      db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'channel'")
    guard let sql, sql.contains(old) else {
      throw RegistryError.database("the channel table's status check is not the one v1 created")
    }
    let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
    try db.execute(sql: "PRAGMA writable_schema = ON")
    try db.execute(
      sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'channel'",
      arguments: [sql.replacingOccurrences(of: old, with: new)])
    // A new schema version makes every connection re-read the schema.
    try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
    try db.execute(sql: "PRAGMA writable_schema = OFF")
    guard try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" else {
      throw RegistryError.database("integrity check failed after widening the channel status")
    }
  }

  /// What the sources leave uncertain:
  /// - an entity's start or end known only as a year or between bounds: `valid_from_earliest`,
  ///   `valid_from_latest`, `valid_to_earliest`, `valid_to_latest` (NULL: no bound); `valid_from`
  ///   and `valid_to` stay the dates the as-of counts use (the latest the sources allow,
  ///   docs/data.md), within the bounds;
  /// - a zone code given by several sources (`code_fact`): each fact with its source, title
  ///   and confidence; `entity_id` NULL when the source's zone is not matched to an entity;
  /// - a channel a source shows without naming it: `channel.handle` NULL (key
  ///   `platform/unknown:ENTITY`). SQLite cannot drop a NOT NULL, so `channel` is rebuilt with the
  ///   same columns, ids, CHECKs (the status check as v10-unverified-channels widened it) and
  ///   indexes (the migrator runs with foreign keys off and checks
  ///   them before the commit); the views that read it are recreated as v5 left them. Several
  ///   NULL handles do not collide in the unique (platform, handle) index.
  private static func v9DateBoundsCodesUnknownHandles(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE entity ADD COLUMN valid_from_earliest TEXT;
        ALTER TABLE entity ADD COLUMN valid_from_latest TEXT;
        ALTER TABLE entity ADD COLUMN valid_to_earliest TEXT;
        ALTER TABLE entity ADD COLUMN valid_to_latest TEXT;

        CREATE TABLE code_fact (
          id INTEGER PRIMARY KEY,
          entity_id TEXT REFERENCES entity(id),
          code TEXT NOT NULL CHECK (length(code) > 0),
          title TEXT,
          confidence TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          UNIQUE (entity_id, code, source_id, title)
        );
        CREATE INDEX code_fact_by_code ON code_fact(code);
        CREATE INDEX code_fact_by_entity ON code_fact(entity_id);

        DROP VIEW v_channels;
        DROP VIEW v_latest_snapshot;
        DROP TRIGGER snapshot_span_update;

        CREATE TABLE channel_v9 (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          entity_id TEXT NOT NULL REFERENCES entity(id),
          platform TEXT NOT NULL CHECK (platform IN ('x', 'facebook_page', 'facebook_group',
            'instagram', 'youtube', 'tiktok', 'linkedin', 'threads', 'mastodon', 'bluesky',
            'telegram', 'whatsapp_channel', 'website', 'mailing_list', 'sms_alert')),
          handle TEXT CHECK (handle IS NULL OR length(handle) > 0),
          url TEXT,
          platform_id TEXT,
          languages TEXT NOT NULL DEFAULT '',
          purposes TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL DEFAULT 'unknown'
            CHECK (status IN ('active', 'dormant', 'closed', 'unknown', 'unverified')),
          opened_on TEXT,
          first_seen_on TEXT,
          closed_on TEXT,
          emergency_disclaimer INTEGER CHECK (emergency_disclaimer IN (0, 1)),
          disclaimer_seen_on TEXT,
          confidence TEXT NOT NULL DEFAULT 'high' CHECK (confidence IN ('high', 'medium', 'low')),
          confidence_note TEXT,
          source_id INTEGER NOT NULL REFERENCES source(id),
          note TEXT,
          verified_on TEXT,
          CHECK (closed_on IS NULL OR opened_on IS NULL OR opened_on <= closed_on)
        );
        INSERT INTO channel_v9 (id, key, entity_id, platform, handle, url, platform_id, languages,
                                purposes, status, opened_on, first_seen_on, closed_on,
                                emergency_disclaimer, disclaimer_seen_on, confidence,
                                confidence_note, source_id, note, verified_on)
          SELECT id, key, entity_id, platform, handle, url, platform_id, languages, purposes,
                 status, opened_on, first_seen_on, closed_on, emergency_disclaimer,
                 disclaimer_seen_on, confidence, confidence_note, source_id, note, verified_on
          FROM channel ORDER BY id;
        DROP TABLE channel;
        ALTER TABLE channel_v9 RENAME TO channel;
        CREATE UNIQUE INDEX channel_platform_handle ON channel(platform, handle);
        CREATE INDEX channel_entity ON channel(entity_id);
        CREATE INDEX channel_status ON channel(status);
        CREATE INDEX channel_platform_id ON channel(platform, platform_id);

        CREATE VIEW v_latest_snapshot AS
          SELECT s.channel_id, s.observed_at,
                 strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS observed_at_iso,
                 s.followers, s.following, s.posts, s.engagements, s.engagement_window_days,
                 s.source_id
          FROM channel c
          JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
            SELECT s2.observed_at, s2.source_id FROM snapshot s2
            WHERE s2.channel_id = c.id
            ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1);

        CREATE VIEW v_channels AS
          SELECT c.id AS channel_id, c.key AS channel_key, c.platform, c.handle, c.url,
                 c.platform_id, c.status, c.opened_on, c.closed_on, c.languages, c.purposes,
                 c.emergency_disclaimer, c.confidence,
                 e.id AS entity_id, e.code AS entity_code, e.kind AS entity_kind,
                 (SELECT dn.name FROM v_entity_name dn WHERE dn.entity_id = e.id) AS entity_name,
                 e.country, e.region, e.population,
                 ls.followers AS latest_followers, ls.observed_at_iso AS latest_observed_at,
                 src.key AS source_key, src.url AS source_url
          FROM channel c
          JOIN entity e ON e.id = c.entity_id
          JOIN source src ON src.id = c.source_id
          LEFT JOIN v_latest_snapshot ls ON ls.channel_id = c.id;

        CREATE TRIGGER snapshot_span_update AFTER UPDATE ON snapshot BEGIN
          DELETE FROM snapshot_span WHERE channel_id IN (OLD.channel_id, NEW.channel_id);
          INSERT INTO snapshot_span (channel_id, first_at, last_at, source_id, followers, posts,
                                     engagements, engagement_window_days)
            SELECT c.id,
                   (SELECT f.observed_at FROM snapshot f
                    WHERE f.channel_id = c.id AND f.followers IS NOT NULL
                    ORDER BY f.observed_at, f.source_id LIMIT 1),
                   l.observed_at, l.source_id, l.followers, l.posts, l.engagements,
                   l.engagement_window_days
            FROM channel c
            JOIN snapshot l ON l.channel_id = c.id AND (l.observed_at, l.source_id) = (
              SELECT x.observed_at, x.source_id FROM snapshot x
              WHERE x.channel_id = c.id AND x.followers IS NOT NULL
              ORDER BY x.observed_at DESC, x.source_id DESC LIMIT 1)
            WHERE c.id IN (OLD.channel_id, NEW.channel_id);
        END;
        """)
  }
}
