import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// Surveys: recording one (`survey add`), importing a file, loading and exporting a seed.
struct SurveyTests {
  /// Two Walloon zones (codes 5001 and 5002, be-a with x/a) and two sources.
  static func registry() throws -> RegistryDatabase {
    let r = try RegistryDatabase(inMemory: ())
    try r.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title) VALUES (1, 'src', 'Fixture'), (2, 'web', 'Websites');
          INSERT INTO region (code, country, name, source_id) VALUES ('BE-WAL', 'BE', 'Wallonia', 1);
          INSERT INTO entity (id, kind, code, code_source_id, country, region, languages, source_id)
          VALUES ('be-a', 'local_police', '5001', 1, 'BE', 'BE-WAL', 'fr', 1),
                 ('be-b', 'local_police', '5002', 1, 'BE', 'BE-WAL', 'fr', 1);
          INSERT INTO entity_name (entity_id, lang, name) VALUES ('be-a', 'fr', 'Zone Alpha'),
            ('be-b', 'fr', 'Zone Beta');
          INSERT INTO channel (key, entity_id, platform, handle, opened_on, source_id) VALUES
            ('x/a', 'be-a', 'x', 'a', '2012-01-01', 1);
          """)
    }
    return r
  }

  // 1_735_689_600 is 2025-01-01T00:00:00Z.
  static let context = ChangeContext(source: .key("web"), by: "tester", at: 1_735_689_600)

  static func count(_ r: RegistryDatabase, _ sql: String) throws -> Int {
    try r.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }

  @Test func aFoundHandleAddsTheChannelAndTheSurveyOnce() throws {
    let r = try Self.registry()
    let values = ColumnValues([
      "entity": "5002", "platform": "instagram", "observed_on": "2025-03-01",
      "result": "present", "handle": "https://www.instagram.com/Zone.Beta/",
      "method": "platform_search", "confidence": "high",
    ])
    let first = try r.addSurvey(values, context: Self.context)
    #expect(first.outcome == "added" && first.channelCreated)
    #expect(first.key == "be-b/instagram/2025-03-01/web")
    #expect(first.channelKey == "instagram/zone.beta")
    let row = try r.writer.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT v.handle, c.key, c.first_seen_on, c.confidence, v.method, v.confidence AS sc
          FROM survey v JOIN channel c ON c.id = v.channel_id
          """)!
    }
    #expect(row["handle"] == "zone.beta" && row["key"] == "instagram/zone.beta")
    #expect(row["first_seen_on"] == "2025-03-01" && row["confidence"] == "high")
    // Logged: the channel's fields and the survey's, citing the source.
    let log = try r.changeLog(ChangeLogFilter(entityId: "be-b"))
    #expect(log.contains { $0.table == "channel" && $0.action == "add" })
    #expect(
      log.contains {
        $0.table == "survey" && $0.rowKey == "be-b/instagram/2025-03-01/web"
          && $0.field == "result" && $0.newValue == "present" && $0.source == "web"
      })
    // Again: nothing changes, nothing is logged.
    let before = try Self.count(r, "SELECT count(*) FROM change_log")
    #expect(try r.addSurvey(values, context: Self.context).outcome == "unchanged")
    #expect(try Self.count(r, "SELECT count(*) FROM change_log") == before)
    #expect(try Self.count(r, "SELECT count(*) FROM survey") == 1)
    #expect(try Self.count(r, "SELECT count(*) FROM channel") == 2)
  }

  @Test func aSecondAnswerOfOneSourceOnOneDayIsRefused() throws {
    let r = try Self.registry()
    var v = ColumnValues([
      "entity_id": "be-a", "platform": "facebook", "observed_on": "2025-03-01",
      "result": "absent", "method": "website",
    ])
    #expect(try r.addSurvey(v, context: Self.context).outcome == "added")
    v["result"] = "present"
    #expect {
      try r.addSurvey(v, context: Self.context)
    } throws: { e in
      "\(e)".contains(
        "be-a: result: be-a/facebook_page/2025-03-01/web is already recorded as absent")
    }
    // Another source may say otherwise on the same day.
    let other = ChangeContext(source: .key("src"), by: "tester", at: 1_735_689_600)
    #expect(try r.addSurvey(v, context: other).outcome == "added")
    // The same survey with another confidence and note: changed, logged.
    v["confidence"] = "low"
    v["note"] = "checked again"
    #expect(try r.addSurvey(v, context: other).outcome == "changed")
  }

  @Test func badSurveysAreRefusedWithTheColumnAndWriteNothing() throws {
    let r = try Self.registry()
    let base: [String: String] = [
      "entity_id": "be-a", "platform": "x", "observed_on": "2025-03-01", "result": "absent",
      "method": "website",
    ]
    let cases: [([String: String], String)] = [
      (["entity_id": "be-zz"], "entity_id: no entity 'be-zz'"),
      (["entity_id": "", "entity": "Zone"], "entity: no entity 'Zone'"),
      (["platform": "myspace"], "platform: 'myspace' is not one of"),
      (["observed_on": "2025-02-30"], "observed_on:"),
      (["observed_on": ""], "observed_on: is required"),
      (["result": "maybe"], "result: 'maybe' is not one of present, absent"),
      (["method": "guess"], "method: 'guess' is not one of"),
      (["confidence": "certain"], "confidence: 'certain' is not one of"),
      (["handle": "@a"], "handle: an absent survey names no handle"),
      (["result": "present", "handle": "@a", "entity_id": "be-b"], "is channel x/a of be-a"),
      (["result": "present", "handle": "https://facebook.com/zoneb"], "the platform given is x"),
    ]
    for (change, message) in cases {
      var v = base
      for (k, value) in change { v[k] = value }
      #expect {
        try r.addSurvey(ColumnValues(v), context: Self.context)
      } throws: { e in
        "\(e)".contains(message)
      }
    }
    #expect(try Self.count(r, "SELECT count(*) FROM survey") == 0)
    #expect(try Self.count(r, "SELECT count(*) FROM change_log") == 0)
  }

  @Test func validateListsDisagreeingSurveysAndUnlinkedHandles() throws {
    let r = try Self.registry()
    let base = [
      "entity_id": "be-a", "platform": "tiktok", "observed_on": "2025-03-01", "method": "website",
    ]
    var present = base
    present["result"] = "present"
    var absent = base
    absent["result"] = "absent"
    try r.addSurvey(ColumnValues(present), context: Self.context)
    try r.addSurvey(
      ColumnValues(absent), context: ChangeContext(source: .key("src"), by: "tester"))
    try r.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO survey (entity_id, platform, observed_on, result, handle, method, confidence,
                              source_id)
          VALUES ('be-b', 'x', '2025-02-01', 'present', 'zoneb', 'publication', 'medium', 1)
          """)
    }
    let findings = try r.validate(ValidationOptions(today: Day(year: 2025, month: 6, day: 1)!))
    let conflict = findings.first { $0.check == "survey_conflict" }
    #expect(conflict?.severity == .warning && conflict?.subject == "be-a tiktok")
    #expect(conflict?.message.contains("on 2025-03-01 web found it present and src absent") == true)
    #expect(
      findings.contains { $0.check == "survey_unlinked_handle" && $0.subject == "be-b x zoneb" })
    // A source cited by a survey alone is not unused.
    #expect(!findings.contains { $0.check == "unused_source" && $0.subject == "web" })
  }

  @Test func anEntityIsFoundByIdCodeOrName() throws {
    let r = try Self.registry()
    for (column, text) in [
      ("entity", "be-b"), ("entity", "5002"), ("entity", "zone beta"), ("entity_code", "5002"),
      ("entity_name", "Zone Beta"),
    ] {
      let outcome = try r.addSurvey(
        ColumnValues([
          column: text, "platform": "x", "observed_on": "2025-03-01", "result": "absent",
          "method": "manual",
        ]), context: Self.context)
      #expect(outcome.key == "be-b/x/2025-03-01/web", "\(column)=\(text)")
    }
  }

  @Test func anImportIsAllOrNothingWithTheLineAndColumn() throws {
    let r = try Self.registry()
    let csv = """
      entity_id,platform,observed_on,result,handle,method,confidence,source,note
      be-a,x,2025-03-01,present,@a,website,high,,
      be-b,x,2025-03-01,absent,,website,medium,,
      be-b,tiktok,,,,,,,not filled in: skipped
      be-b,instagram,2025-03-01,absent,,websight,medium,,

      """
    let records = try ImportReader.parse(
      Data(csv.utf8), name: "s.csv", format: .csv, target: .surveys)
    #expect {
      try r.importRecords(
        records, into: .surveys, file: "s.csv", context: Self.context, dryRun: false)
    } throws: { e in
      "\(e)" == "s.csv:5: method: 'websight' is not one of \(SurveyMethod.namesList)"
    }
    #expect(try Self.count(r, "SELECT count(*) FROM survey") == 0)
    // Fixed: a dry run says what would happen and writes nothing; then the import.
    let fixed = try ImportReader.parse(
      Data(csv.replacingOccurrences(of: "websight", with: "website").utf8), name: "s.csv",
      format: .csv, target: .surveys)
    let plan = try r.importRecords(
      fixed, into: .surveys, file: "s.csv", context: Self.context, dryRun: true)
    #expect(plan.map(\.outcome) == ["added", "added", "added"])
    #expect(try Self.count(r, "SELECT count(*) FROM survey") == 0)
    let done = try r.importRecords(
      fixed, into: .surveys, file: "s.csv", context: Self.context, dryRun: false)
    #expect(
      done.map(\.key) == [
        "be-a/x/2025-03-01/web", "be-b/x/2025-03-01/web", "be-b/instagram/2025-03-01/web",
      ])
    // The found handle was linked to the existing channel x/a.
    #expect(
      try Self.count(
        r, "SELECT count(*) FROM survey v JOIN channel c ON c.id = v.channel_id WHERE c.key = 'x/a'"
      )
        == 1)
    // Again: every row unchanged.
    let again = try r.importRecords(
      fixed, into: .surveys, file: "s.csv", context: Self.context, dryRun: false)
    #expect(again.allSatisfy { $0.outcome == "unchanged" })
    // A row given twice in one file is refused.
    let twice = try ImportReader.parse(
      Data(
        "entity_id,platform,observed_on,result,method\nbe-a,x,2025-04-01,absent,website\nbe-a,x,2025-04-01,absent,website\n"
          .utf8), name: "t.csv", format: .csv, target: .surveys)
    #expect {
      try r.importRecords(
        twice, into: .surveys, file: "t.csv", context: Self.context, dryRun: false)
    } throws: { e in
      "\(e)".hasPrefix("t.csv:3: result: the survey be-a/x/2025-04-01/web is also on line 2")
    }
  }

  @Test func defaultsFillTheColumnsARowLeavesEmpty() {
    let r = ImportRecord(
      line: 2, values: ["result": "absent", "method": "", "observed_on": "2025-01-02"])
    let filled = r.filling(["method": "website", "observed_on": "2025-09-09"])
    #expect(filled.values["method"] == "website")
    #expect(filled.values["observed_on"] == "2025-01-02")
  }

  @Test func aSeedLoadsItsSurveysAndAnExportGivesThemBack() throws {
    let surveys = """
      entity_id,platform,observed_on,result,handle,method,confidence,source,note
      be-pz-leuven,x,2024-05-01,present,@politieleuven,website,high,doc-001,
      be-pz-leuven,tiktok,2024-05-01,absent,,website,medium,doc-001,no link on the site

      """
    let dir = try Fixtures.miniSeedCopy(replacing: "surveys.csv", with: surveys)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try RegistryDatabase(inMemory: ())
    let counts = try SeedLoader.load(into: r, from: dir.path)
    #expect(counts.surveys == 2)
    // Loading again changes nothing.
    #expect(try SeedLoader.load(into: r, from: dir.path).surveys == 0)
    let out = try TemporaryDirectory(prefix: "export").url
    defer { try? FileManager.default.removeItem(at: out) }
    try Exporter.export(r, to: out.path)
    let exported = try String(
      contentsOf: out.appendingPathComponent("surveys.csv"), encoding: .utf8)
    #expect(exported.hasPrefix("id,entity_id,platform,observed_on,result,handle,method,"))
    let back = try RegistryDatabase(inMemory: ())
    try SeedLoader.load(into: back, from: out.path)
    let rows = { (r: RegistryDatabase) in
      try r.writer.read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT v.id || v.entity_id || v.platform || v.observed_on || v.result ||
                   coalesce(v.handle, '-') || coalesce(c.key, '-') || v.method || v.confidence ||
                   s.key || coalesce(v.note, '-')
            FROM survey v JOIN source s ON s.id = v.source_id
            LEFT JOIN channel c ON c.id = v.channel_id ORDER BY v.id
            """)
      }
    }
    #expect(try rows(back) == rows(r))
    #expect(try rows(r).first?.contains("x/politieleuven") == true)
  }

  @Test func aSeedSurveyWithAnUnknownSourceIsRefusedWithItsLine() throws {
    let dir = try Fixtures.miniSeedCopy(
      replacing: "surveys.csv",
      with: """
        entity_id,platform,observed_on,result,handle,method,confidence,source,note
        be-pz-leuven,x,2024-05-01,absent,,website,high,no-such-source,

        """)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try RegistryDatabase(inMemory: ())
    #expect {
      try SeedLoader.load(into: r, from: dir.path)
    } throws: { e in
      "\(e)".hasSuffix(
        "surveys.csv:2: source: unknown source 'no-such-source' (not in sources.csv)")
    }
  }
}
