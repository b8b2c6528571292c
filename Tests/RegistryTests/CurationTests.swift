import Foundation
import GRDB
import Testing
import Vocabulary

@testable import Registry

/// A small registry: two Walloon zones with one X channel each, and a source.
private func makeRegistry() throws -> RegistryDatabase {
  let r = try RegistryDatabase(inMemory: ())
  try r.writer.write { db in
    try db.execute(
      sql: """
        INSERT INTO source (id, key, title) VALUES (1, 'src', 'Fixture');
        INSERT INTO region (code, country, name, source_id) VALUES ('BE-WAL', 'BE', 'Wallonia', 1);
        INSERT INTO entity (id, kind, code, code_source_id, country, region, languages, population,
          valid_from, source_id)
        VALUES ('be-a', 'local_police', '5001', 1, 'BE', 'BE-WAL', 'fr', 30000, '2001-01-01', 1),
               ('be-b', 'local_police', '5002', 1, 'BE', 'BE-WAL', 'fr', 20000, '2001-01-01', 1);
        INSERT INTO entity_municipality (entity_id, nis_code, name) VALUES
          ('be-a', '1', 'A1'), ('be-b', '2', 'B2');
        INSERT INTO channel (key, entity_id, platform, handle, opened_on, source_id) VALUES
          ('x/a', 'be-a', 'x', 'a', '2012-01-01', 1), ('x/b', 'be-b', 'x', 'b', '2013-01-01', 1);
        """)
  }
  return r
}

// 1_735_689_600 is 2025-01-01T00:00:00Z.
private let context = ChangeContext(source: .key("src"), by: "tester", at: 1_735_689_600)

@Test func addEntityLogsEachFieldAndName() throws {
  let r = try makeRegistry()
  var input = EntityInput(
    id: "be-new",
    values: ColumnValues([
      "kind": "local_police", "country": "be", "region": "BE-WAL", "population": "5000",
    ]))
  input.names = ["fr": "Zone Neuve"]
  input.municipalities = ["3": "C3"]
  try r.addEntity(input, context: context)
  let log = try r.changeLog(ChangeLogFilter(entityId: "be-new"))
  let fields = Set(log.compactMap(\.field))
  #expect(
    fields.isSuperset(of: ["kind", "country", "region", "population", "name.fr", "municipality.3"]))
  #expect(log.allSatisfy { $0.action == "add" && $0.by == "tester" && $0.source == "src" })
  #expect(log.first { $0.field == "country" }?.newValue == "BE")
  #expect(log.first?.at == "2025-01-01T00:00:00Z")
}

@Test func addEntityRefusesUnknownRegionAndWritesNothing() throws {
  let r = try makeRegistry()
  let input = EntityInput(
    id: "be-new",
    values: ColumnValues(["kind": "local_police", "country": "BE", "region": "BE-XX"]))
  #expect(throws: RegistryError.self) { try r.addEntity(input, context: context) }
  let count = try r.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log")
  }
  #expect(count == 0)
  #expect(try r.writer.read { db in try Entity.exists(db, key: "be-new") } == false)
}

@Test func changeWithoutSourceIsRefused() throws {
  let r = try makeRegistry()
  let noSource = ChangeContext(source: nil, by: "tester")
  #expect(throws: RegistryError.self) {
    try r.editEntity(
      EntityInput(id: "be-a", values: ColumnValues(["population": "1"])), context: noSource)
  }
}

@Test func sourceURLCreatesOneSourceAndReusesIt() throws {
  let r = try makeRegistry()
  let web = ChangeContext(source: .url("https://example.org/Page 1", title: nil), by: "t")
  try r.editEntity(EntityInput(id: "be-a", values: ColumnValues(["population": "1"])), context: web)
  try r.editEntity(EntityInput(id: "be-a", values: ColumnValues(["population": "2"])), context: web)
  let keys = try r.writer.read { db in
    try String.fetchAll(db, sql: "SELECT key FROM source ORDER BY id")
  }
  #expect(keys == ["src", "url-example-org-page-1"])
}

@Test func editLogsOldAndNewValueOnlyForChangedFields() throws {
  let r = try makeRegistry()
  try r.editEntity(
    EntityInput(id: "be-a", values: ColumnValues(["population": "31000", "code": "5001"])),
    context: context)
  let log = try r.changeLog(ChangeLogFilter(entityId: "be-a"))
  #expect(log.count == 1)
  #expect(log[0].field == "population" && log[0].oldValue == "30000" && log[0].newValue == "31000")
}

@Test func mergeClosesOldOpensNewSumsPopulationAndMovesChannels() throws {
  let r = try makeRegistry()
  let day = Day("2020-01-01")!
  let result = try r.mergeEntities(
    ["be-a", "be-b"], into: EntityInput(id: "be-ab", names: ["fr": "Zone AB"]), on: day,
    channels: .move, context: context)
  // 30000 + 20000 = 50000
  #expect(result.population == 50000)
  #expect(result.created)
  #expect(result.movedChannels == ["x/a", "x/b"])
  try r.writer.read { db in
    let a = try Entity.fetchOne(db, key: "be-a")!
    #expect(a.validTo == "2020-01-01")
    let ab = try Entity.fetchOne(db, key: "be-ab")!
    #expect(ab.validFrom == "2020-01-01" && ab.region == "BE-WAL")
    let nis = try String.fetchAll(
      db, sql: "SELECT nis_code FROM entity_municipality WHERE entity_id = 'be-ab' ORDER BY 1")
    #expect(nis == ["1", "2"])
    let lineage = try Int.fetchOne(
      db, sql: "SELECT count(*) FROM entity_lineage WHERE successor_id = 'be-ab' AND on_date = ?",
      arguments: ["2020-01-01"])
    #expect(lineage == 2)
  }
  var before = RegistryFilter()
  before.asOf = Day("2019-12-31")
  var after = RegistryFilter()
  after.asOf = day
  #expect(try r.entities(before).map(\.id) == ["be-a", "be-b"])
  #expect(try r.entities(after).map(\.id) == ["be-ab"])
}

@Test func mergeWithOpenChannelsNeedsAPolicy() throws {
  let r = try makeRegistry()
  #expect(throws: RegistryError.self) {
    _ = try r.mergeEntities(
      ["be-a", "be-b"], into: EntityInput(id: "be-ab"), on: Day("2020-01-01")!, channels: nil,
      context: context)
  }
}

@Test func mergeWithCloseEndsChannelsOnTheDate() throws {
  let r = try makeRegistry()
  let result = try r.mergeEntities(
    ["be-a", "be-b"], into: EntityInput(id: "be-ab", values: ColumnValues(["population": "7"])),
    on: Day("2020-01-01")!, channels: .close, context: context)
  #expect(result.population == 7)
  let c = try r.resolveChannel("x/a")
  #expect(c.closedOn == "2020-01-01" && c.status == .closed && c.entityId == "be-a")
}

@Test func addChannelParsesHandleAndDefaultsFirstSeen() throws {
  let r = try makeRegistry()
  let key = try r.addChannel(
    ColumnValues(["handle": "@ZoneA_Info", "platform": "x", "entity_id": "be-a"]), context: context)
  #expect(key == "x/zonea_info")
  let c = try r.resolveChannel(key)
  #expect(c.firstSeenOn == "2025-01-01")
  #expect(throws: RegistryError.self) {
    try r.addChannel(
      ColumnValues(["handle": "zonea_info", "platform": "x", "entity_id": "be-b"]), context: context
    )
  }
}

@Test func closeReopenMoveVerifyAreLoggedWithTheirAction() throws {
  let r = try makeRegistry()
  try r.closeChannel("x/a", on: Day("2021-06-01")!, context: context)
  var f = RegistryFilter()
  f.asOf = Day("2021-06-01")
  #expect(try r.accounts(f).map(\.channelKey) == ["x/b"])
  try r.reopenChannel("x/a", context: context)
  try r.moveChannel("x/a", to: "be-b", context: context)
  try r.verifyChannel("x/a", on: Day("2024-03-01")!, context: context)
  #expect(try r.verifiedOn("x/a") == "2024-03-01")
  let actions = try r.changeLog(ChangeLogFilter(channelKey: "x/a")).map {
    "\($0.action):\($0.field!)"
  }
  // The move writes the ownership periods (be-a's until the move, be-b's from it) and the
  // channel's entity.
  #expect(
    actions == [
      "close:closed_on", "close:status", "reopen:closed_on", "reopen:status",
      "move:entity_id", "move:valid_to", "move:entity_id", "move:valid_from", "move:entity_id",
      "verify:verified_on",
    ])
  // The move shows in the log of both entities.
  #expect(try r.changeLog(ChangeLogFilter(entityId: "be-a")).contains { $0.action == "move" })
}

@Test func editRefusesAHandleChange() throws {
  let r = try makeRegistry()
  #expect(throws: RegistryError.self) {
    try r.editChannel("x/a", ColumnValues(["handle": "other"]), context: context)
  }
}

@Test func importRefusesWholeFileOnBadRow() throws {
  let r = try makeRegistry()
  let csv = """
    key,entity_id,platform,handle,source
    ,be-a,instagram,zone.a,src
    ,be-a,x,not valid!,src
    """
  let records = try ImportReader.parse(
    Data(csv.utf8), name: "c.csv", format: .csv, target: .channels)
  #expect(
    throws: RegistryError.input(
      file: "c.csv", line: 3, field: "handle",
      reason: "'not valid!' contains a space (character 4); a handle or address has no spaces")
  ) {
    _ = try r.importRecords(
      records, into: .channels, file: "c.csv", context: context, dryRun: false)
  }
  let n = try r.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM channel") }
  #expect(n == 2)
}

@Test func importDryRunReportsAddChangeUnchangedAndWritesNothing() throws {
  let r = try makeRegistry()
  let ndjson = """
    {"id": "be-a", "population": 30000, "name_fr": "Zone A"}
    {"id": "be-b", "population": "21000"}
    {"id": "be-c", "kind": "local_police", "country": "BE", "parent_id": "be-d"}
    {"id": "be-d", "kind": "local_police", "country": "BE"}
    """
  let records = try ImportReader.parse(
    Data(ndjson.utf8), name: "e.ndjson", format: .ndjson, target: .entities)
  let ctx = ChangeContext(source: nil, by: "t")
  #expect(throws: RegistryError.self) {  // no --source and no source column
    _ = try r.importRecords(records, into: .entities, file: "e.ndjson", context: ctx, dryRun: true)
  }
  let plan = try r.importRecords(
    records, into: .entities, file: "e.ndjson", context: context, dryRun: true)
  #expect(plan.map(\.outcome) == ["changed", "changed", "added", "added"])
  #expect(plan[1].changes == [FieldChange(field: "population", old: "20000", new: "21000")])
  #expect(plan[0].changes == [FieldChange(field: "name.fr", old: nil, new: "Zone A")])
  let n = try r.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log") }
  #expect(n == 0)
  _ = try r.importRecords(
    records, into: .entities, file: "e.ndjson", context: context, dryRun: false)
  #expect(try r.writer.read { db in try Entity.fetchOne(db, key: "be-c")?.parentId } == "be-d")
}

@Test func jsonArrayErrorsNameTheObjectsLine() throws {
  let json = """
    [
      {"id": "be-a"},
      {"id": "be-b",
       "colour": "blue"}
    ]
    """
  #expect(
    throws: RegistryError.input(
      file: "e.json", line: 3, field: "colour",
      reason: "unknown column (expected: \(ImportTarget.entities.columns.joined(separator: ",")))")
  ) {
    _ = try ImportReader.parse(Data(json.utf8), name: "e.json", format: .json, target: .entities)
  }
}

@Test func searchIndexFollowsChanges() throws {
  let r = try makeRegistry()
  try r.addEntity(
    EntityInput(
      id: "be-new", values: ColumnValues(["kind": "local_police", "country": "BE"]),
      names: ["fr": "Hautes Fagnes"]), context: context)
  var f = RegistryFilter()
  f.search = "fagnes"
  #expect(try r.entities(f).map(\.id) == ["be-new"])
}

@Test func validationFindsEachProblemFamily() throws {
  let r = try makeRegistry()
  try r.writer.write { db in
    try db.execute(
      sql: """
        INSERT INTO source (id, key, title) VALUES (2, 'unused', 'Never cited');
        INSERT INTO entity (id, kind, country, region, valid_to, source_id) VALUES
          ('be-old', 'local_police', 'BE', 'BE-ZZZ', '2019-01-01', 1);
        INSERT INTO channel (key, entity_id, platform, handle, opened_on, confidence, source_id,
          platform_id) VALUES
          ('x/old', 'be-old', 'x', 'OLD', '2012-01-01', 'low', 1, '42'),
          ('x/old2', 'be-a', 'x', 'old', '2012-01-01', 'high', 1, '42');
        INSERT INTO snapshot (channel_id, observed_at, followers, source_id)
          SELECT id, 1577836800, 10, 1 FROM channel WHERE key = 'x/a';
        """)
  }
  let findings = try r.validate(ValidationOptions(today: Day("2025-01-01")!))
  let checks = Set(findings.map(\.check))
  for check in [
    "missing_code", "missing_population", "low_confidence", "no_snapshot", "stale_snapshot",
    "lineage_gap", "contested_handle", "duplicate_platform_id", "unused_source", "unverified",
    "closed_entity_channel", "unknown_region",
  ] {
    #expect(checks.contains(check), "expected a \(check) finding")
  }
  #expect(!findings.contains { $0.severity == .error })
}

@Test func validationReportsBrokenReferencesAsErrors() throws {
  let r = try makeRegistry()
  try r.writer.writeWithoutTransaction { db in
    try db.execute(sql: "PRAGMA foreign_keys = OFF")
    try db.execute(sql: "UPDATE channel SET entity_id = 'ghost' WHERE key = 'x/a'")
    try db.execute(sql: "PRAGMA foreign_keys = ON")
  }
  let findings = try r.validate(ValidationOptions(today: Day("2025-01-01")!))
  #expect(findings.contains { $0.severity == .error && $0.check == "foreign_key" })
}
