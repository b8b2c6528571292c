import Foundation
import GRDB
import TestSupport
import Testing

@testable import Registry

/// Writes Tests/Fixtures/schema/vN.sqlite: a small registry at each earlier schema version, which
/// the end-to-end schema tests open with the current build. Run once per new migration with
/// `MAKE_SCHEMA_FIXTURES=1 swift test --filter SchemaFixtureTests`, then commit the files.
struct SchemaFixtureTests {
  static let directory = Fixtures.schema

  @Test(.enabled(if: ProcessInfo.processInfo.environment["MAKE_SCHEMA_FIXTURES"] == "1"))
  func writeSchemaFixtures() throws {
    for (version, name) in Schema.migrationNames.enumerated() {
      let path = Self.directory + "/v\(version + 1).sqlite"
      try? FileManager.default.removeItem(atPath: path)
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator().migrate(queue, upTo: name)
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO source (id, key, title, url) VALUES (1, 'fixture', 'Schema fixture', 'https://example.org/fixture');
            INSERT INTO region (code, country, name, source_id) VALUES ('BE-WAL', 'BE', 'Walloon Region', 1);
            INSERT INTO entity (id, kind, country, region, languages, population, source_id)
              VALUES ('be-pz-fixture', 'local_police', 'BE', 'BE-WAL', 'fr', 50000, 1);
            INSERT INTO entity_name (entity_id, lang, name) VALUES ('be-pz-fixture', 'fr', 'Zone fixture');
            INSERT INTO channel (id, key, entity_id, platform, handle, status, opened_on, source_id)
              VALUES (1, 'x/fixturezone', 'be-pz-fixture', 'x', 'fixturezone', 'active', '2013-01-31', 1);
            INSERT INTO snapshot (channel_id, observed_at, followers, source_id)
              VALUES (1, 1704067200, 1234, 1);
            """)
        if version >= 1 {
          try db.execute(
            sql: """
              UPDATE channel SET verified_on = '2025-01-01' WHERE id = 1;
              INSERT INTO change_log (id, at, action, table_name, row_key, changed_by, source_id)
                VALUES (1, '2025-01-01T00:00:00Z', 'verify', 'channel', 'x/fixturezone', 'fixture', 1);
              """)
        }
        if let ownership = Schema.migrationNames.firstIndex(of: "v8-ownership"),
          version >= ownership
        {
          try db.execute(
            sql: """
              INSERT INTO channel_owner (id, channel_id, entity_id, valid_from, valid_to, source_id)
                VALUES (1, 1, 'be-pz-fixture', NULL, NULL, 1);
              """)
        }
        if let corrections = Schema.migrationNames.firstIndex(of: "v7-corrections"),
          version >= corrections
        {
          try db.execute(
            sql: """
              INSERT INTO snapshot_retraction (id, channel_id, observed_at, followers, source_id,
                retracted_at, retracted_by, reason, replaced)
                VALUES (1, 1, 1703980800, 12340, 1, '2025-01-02T00:00:00Z', 'fixture',
                        'typo: one zero too many', 0);
              """)
        }
        if let surveys = Schema.migrationNames.firstIndex(of: "v6-surveys"), version >= surveys {
          try db.execute(
            sql: """
              INSERT INTO survey (entity_id, platform, observed_on, result, method, confidence,
                                  source_id)
                VALUES ('be-pz-fixture', 'tiktok', '2025-01-01', 'absent', 'website', 'medium', 1);
              """)
        }
        if let unverified = Schema.migrationNames.firstIndex(of: "v10-unverified-channels"),
          version >= unverified
        {
          try db.execute(
            sql: """
              INSERT INTO channel (id, key, entity_id, platform, handle, status, first_seen_on,
                                   source_id)
                VALUES (2, 'bluesky/fixturezone.bsky.social', 'be-pz-fixture', 'bluesky',
                        'fixturezone.bsky.social', 'unverified', '2025-01-01', 1);
              """)
        }
        if let v9 = Schema.migrationNames.firstIndex(of: "v9-date-bounds-codes-unknown-handles"),
          version >= v9
        {
          try db.execute(
            sql: """
              UPDATE entity SET valid_from = '2015-12-31', valid_from_earliest = '2015-01-01',
                valid_from_latest = '2015-12-31' WHERE id = 'be-pz-fixture';
              INSERT INTO code_fact (entity_id, code, title, confidence, source_id)
                VALUES ('be-pz-fixture', '5999', 'FIXTURE', 'high', 1);
              INSERT INTO channel (id, key, entity_id, platform, handle, status, first_seen_on,
                                   source_id)
                VALUES (3, 'facebook_page/unknown:be-pz-fixture', 'be-pz-fixture',
                        'facebook_page', NULL, 'unknown', '2019-01-01', 1);
              """)
        }
      }
      try queue.close()
    }
  }
}
