import Foundation
import TestSupport
import Testing

/// A database from every earlier schema version opens and is migrated with its data kept; one
/// from a newer build is refused with both version numbers.
@Suite(.serialized) struct SchemaVersionTests {
  static let schemaFixtures = URL(fileURLWithPath: Fixtures.schema)

  static var versions: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: schemaFixtures.path)) ?? [])
      .filter { $0.hasSuffix(".sqlite") }.sorted()
  }

  @Test func everyEarlierVersionIsMigratedKeepingItsData() throws {
    #expect(Self.versions.count >= 2, "fixtures missing in Tests/Fixtures/schema")
    for file in Self.versions {
      let cli = try CLIWorkspace(seed: nil)
      defer { cli.cleanUp() }
      try FileManager.default.copyItem(
        atPath: Self.schemaFixtures.appendingPathComponent(file).path, toPath: cli.db)
      let r = try cli.run(["accounts", "--format", "csv"])
      #expect(r.status == 0, "\(file): \(r.stderr)")
      #expect(r.stdout.contains("x/fixturezone"), "\(file): \(r.stdout)")
      #expect(r.stdout.contains("1234"), "\(file): the snapshot is kept")
      let migrations = try SQLiteShell.run(cli.db, "SELECT identifier FROM grdb_migrations")
      #expect(migrations.contains("v2-curation"), "\(file): \(migrations)")
      #expect(migrations.contains("v3-snapshot-clustered"), "\(file): \(migrations)")
      #expect(
        try SQLiteShell.run(cli.db, "SELECT sql FROM sqlite_master WHERE name = 'snapshot'")
          .contains("WITHOUT ROWID"), "\(file)")
      #expect(
        try SQLiteShell.run(
          cli.db, "SELECT latest_followers FROM v_channels WHERE channel_key = 'x/fixturezone'")
          == "1234",
        "\(file): the view finds the snapshot on the key")
      #expect(migrations.contains("v4-snapshot-span"), "\(file): \(migrations)")
      #expect(
        try SQLiteShell.run(
          cli.db, "SELECT channel_id, first_at, last_at, followers FROM snapshot_span")
          == "1|1704067200|1704067200|1234", "\(file): the span is built from the snapshots")
      #expect(migrations.contains("v5-entity-names"), "\(file): \(migrations)")
      #expect(
        try SQLiteShell.run(
          cli.db, "SELECT entity_name FROM v_channels WHERE channel_key = 'x/fixturezone'")
          == "Zone fixture",
        "\(file): the view reads the display name from v_entity_name")
      #expect(migrations.contains("v8-ownership"), "\(file): \(migrations)")
      #expect(
        try SQLiteShell.run(
          cli.db, "SELECT count(*) FROM channel_owner WHERE entity_id <> 'be-pz-fixture'")
          == "0", "\(file): ownership periods, if any, are the fixture's")
      #expect(migrations.contains("v6-surveys"), "\(file): \(migrations)")
      // The survey table exists (empty unless the fixture is v8, v6-surveys, or later, which holds one).
      let surveys = try SQLiteShell.run(cli.db, "SELECT count(*) FROM survey")
      // By number: as text, "v10.sqlite" sorts before "v8.sqlite".
      let version = Int(file.dropFirst().prefix(while: \.isNumber)) ?? 0
      #expect(surveys == (version >= 8 ? "1" : "0"), "\(file): \(surveys)")
      #expect(try SQLiteShell.run(cli.db, "SELECT count(*) FROM change_log") != "")
      #expect(migrations.contains("v7-corrections"), "\(file): \(migrations)")
      // Retractions made at v7-corrections or later are kept; earlier files start with none.
      let retracted = try SQLiteShell.run(
        cli.db, "SELECT followers, retracted_by FROM snapshot_retraction")
      #expect(retracted == "" || retracted == "12340|fixture", "\(file): \(retracted)")
      #expect(try cli.run(["history", "x/fixturezone", "--retracted"]).status == 0, "\(file)")
      #expect(migrations.contains("v10-unverified-channels"), "\(file): \(migrations)")
      // The status check allows `unverified` after the migration, in every file; a fixture
      // written at v10-unverified-channels or later holds one such channel (asked of the fixture
      // itself, so that renumbered migrations and file names do not matter).
      let hadUnverified = try SQLiteShell.run(
        Self.schemaFixtures.appendingPathComponent(file).path,
        "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v10-unverified-channels'")
      #expect(
        try SQLiteShell.run(cli.db, "SELECT count(*) FROM channel WHERE status = 'unverified'")
          == hadUnverified, "\(file)")
      let edit = try cli.run([
        "channel", "edit", "x/fixturezone", "--status", "unverified", "--source", "fixture",
      ])
      #expect(edit.status == 0, "\(file): \(edit.stderr)")
      // v9-date-bounds-codes-unknown-handles: channels may have no handle; the rebuilt channel
      // table keeps ids, rows, indexes and the widened status check (asked of the fixture itself).
      func fixtureHas(_ migration: String) throws -> Bool {
        try SQLiteShell.run(
          Self.schemaFixtures.appendingPathComponent(file).path,
          "SELECT count(*) FROM grdb_migrations WHERE identifier = '\(migration)'") == "1"
      }
      #expect(migrations.contains("v9-date-bounds-codes-unknown-handles"), "\(file)")
      #expect(
        try SQLiteShell.run(cli.db, "SELECT id, handle FROM channel WHERE id = 1")
          == "1|fixturezone", "\(file): the channel row is kept")
      let unknown = try SQLiteShell.run(
        cli.db, "SELECT count(*) FROM channel WHERE handle IS NULL")
      #expect(
        unknown == ((try fixtureHas("v9-date-bounds-codes-unknown-handles")) ? "1" : "0"),
        "\(file): \(unknown)")
      #expect(
        try SQLiteShell.run(
          cli.db, "SELECT count(*) FROM sqlite_master WHERE name = 'channel_platform_handle'")
          == "1", "\(file): the unique handle index is rebuilt")
      let codes = try SQLiteShell.run(cli.db, "SELECT code, title FROM code_fact")
      #expect(
        codes == ((try fixtureHas("v9-date-bounds-codes-unknown-handles")) ? "5999|FIXTURE" : ""),
        "\(file): \(codes)")
      #expect(try SQLiteShell.integrityCheck(cli.db) == "ok")
    }
  }

  @Test func aNewerSchemaIsRefusedWithBothVersionNumbers() throws {
    let cli = try CLIWorkspace(seed: nil)
    defer { cli.cleanUp() }
    try FileManager.default.copyItem(
      atPath: Self.schemaFixtures.appendingPathComponent(Self.versions.last ?? "v2.sqlite").path,
      toPath: cli.db)
    #expect(try cli.run(["accounts"]).status == 0)  // migrated to this build's version
    let current = Int(try SQLiteShell.run(cli.db, "SELECT count(*) FROM grdb_migrations")) ?? 0
    try SQLiteShell.run(
      cli.db, "INSERT INTO grdb_migrations (identifier) VALUES ('v98-future'), ('v99-future')")
    let before = try SQLiteShell.dump(cli.db)
    let r = try cli.run(["accounts"])
    #expect(r.status != 0)
    #expect(
      r.stderr.contains(
        "has schema version \(current + 2), but this registry-cli supports up to version \(current)"
      ), "\(r.stderr)")
    #expect(r.stderr.contains("use a newer registry-cli"))
    #expect(try SQLiteShell.dump(cli.db) == before)
  }
}
