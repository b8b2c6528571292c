import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// Checks on the shipped seed data set (data/seed), against figures from the sources.
@Suite struct SeedDataTests {
  static let seedDirectory = Fixtures.dataSeed

  static func registry() throws -> RegistryDatabase {
    let db = try RegistryDatabase(inMemory: ())
    try SeedLoader.load(into: db, from: seedDirectory)
    return db
  }

  @Test func has176CurrentZonesSplitByRegion() throws {
    let db = try Self.registry()
    let rows = try db.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT region, count(*) AS n, sum(population) AS pop FROM entity
          WHERE kind = 'local_police' AND country = 'BE' AND valid_to IS NULL AND placeholder = 0
          GROUP BY region ORDER BY region
          """)
    }
    let counts = Dictionary(
      uniqueKeysWithValues: rows.map { ($0["region"] as String, $0["n"] as Int) })
    #expect(counts == ["BE-BRU": 6, "BE-VLG": 99, "BE-WAL": 71])
    // Statbel, 1 January 2020: the Belgian population.
    #expect(rows.map { $0["pop"] as Int }.reduce(0, +) == 11_492_641)
  }

  @Test func everyMunicipalityIsInExactlyOneCurrentZone() throws {
    let db = try Self.registry()
    let current = """
      SELECT m.nis_code FROM entity_municipality m JOIN entity e ON e.id = m.entity_id
      WHERE e.kind = 'local_police' AND e.valid_to IS NULL
      """
    let (rows, distinct, all) = try db.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(current))") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT nis_code) FROM (\(current))") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT nis_code) FROM entity_municipality") ?? 0
      )
    }
    #expect(rows == 581)
    #expect(distinct == 581)
    // The zones that no longer exist have municipalities too, all among the 581.
    #expect(all == 581)
  }

  /// The 2013 zone table (openpolice-platform police_zones.sql) lists 195 codes, 5267-5462: on
  /// 2013-06-30 exactly 195 zones exist, each holding one of those codes as a fact of that
  /// source, except 5277, whose 2013 title ('G R H') is matched to no entity (Liege holds 5277
  /// from another source, and validate lists the conflict).
  @Test func the2013TableGives195ZonesOn2013_06_30() throws {
    let db = try Self.registry()
    let (existing, withCode, codes, unmatched) = try db.writer.read { db in
      let exists = """
        SELECT id FROM entity WHERE kind = 'local_police' AND country = 'BE' AND placeholder = 0
        AND (valid_from IS NULL OR valid_from <= '2013-06-30')
        AND (valid_to IS NULL OR valid_to > '2013-06-30')
        """
      let facts = """
        SELECT f.entity_id, f.code FROM code_fact f JOIN source s ON s.id = f.source_id
        WHERE s.key = 'openpolice-platform-zones-2013'
        """
      return (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(exists))") ?? 0,
        try Int.fetchOne(
          db,
          sql: "SELECT count(DISTINCT entity_id) FROM (\(facts)) WHERE entity_id IN (\(exists))")
          ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT code) FROM (\(facts))") ?? 0,
        try String.fetchAll(db, sql: "SELECT code FROM (\(facts)) WHERE entity_id IS NULL")
      )
    }
    #expect(existing == 195)
    #expect(codes == 195)
    #expect(unmatched == ["5277"])
    // 194 zones matched to a 2013 code, plus Liege (5277 from the other source).
    #expect(withCode == 194)
  }

  @Test func noPlaceholderAndZp5327IsBoraines() throws {
    let db = try Self.registry()
    let (placeholders, owner, confidence) = try db.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM entity WHERE placeholder = 1") ?? -1,
        try String.fetchOne(db, sql: "SELECT entity_id FROM channel WHERE key = 'x/zp5327'"),
        try String.fetchOne(db, sql: "SELECT confidence FROM channel WHERE key = 'x/zp5327'")
      )
    }
    #expect(placeholders == 0)
    #expect(owner == "be-pz-boraine")
    #expect(confidence == "medium")
  }

  /// A channel that no source names has no handle, and its key says whose it is.
  @Test func channelsWithoutHandleAreKeyedByTheirEntity() throws {
    let db = try Self.registry()
    let rows = try db.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT key, platform, entity_id FROM channel WHERE handle IS NULL ORDER BY key")
    }
    #expect(!rows.isEmpty)
    for r in rows {
      let key: String = r["key"]
      #expect(key == "\(r["platform"] as String)/unknown:\(r["entity_id"] as String)")
    }
    let keys = Set(rows.map { $0["key"] as String })
    #expect(keys.contains("facebook_page/unknown:be-pz-charleroi"))
    #expect(keys.contains("facebook_group/unknown:be-pz-charleroi-secteur-sud"))
    let placeholders = try db.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM channel WHERE handle LIKE '%placeholder%'")
    }
    #expect(placeholders == 0)
  }

  @Test func everyHandleOfDocument001IsPresentAndAttached() throws {
    let db = try Self.registry()
    // The 33 lines of the January 2013 list, @zpz_polbru appearing under two headings: 32 handles.
    let listed = [
      "policecomines", "policemonsquevy", "zp5327", "dcanamur", "zpz_polbru", "pilitiekastze",
      "politieklm", "zpornethyle", "politieleeuw", "politiemechelen", "politielier", "pzhazodi",
      "politie5418", "politiezonemira", "pzvlas", "pzvlaardennen", "politie_rupel", "policewokra",
      "heli_fedpolfed", "womenpol", "recherche_bel", "polinfo_fr", "presse_polfed", "pers_fedpol",
      "bivv_ibsr", "spfmobtransport", "arba7secu", "clubprevsecu", "routeplussure", "secours112",
      "touringtweets", "gmpolice",
    ]
    #expect(Set(listed).count == 32)
    let found = try db.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT c.handle, c.entity_id, s.key AS source FROM channel c JOIN source s ON s.id = c.source_id
          WHERE c.platform = 'x' AND c.handle IS NOT NULL
          """)
    }
    let byHandle = Dictionary(uniqueKeysWithValues: found.map { ($0["handle"] as String, $0) })
    for handle in listed {
      let row = try #require(byHandle[handle], "missing @\(handle)")
      #expect((row["entity_id"] as String).isEmpty == false)
    }
    #expect(byHandle["gmpolice"]?["entity_id"] == "gb-greater-manchester-police")
  }

  @Test func charleroiGroupHasItsMemberSnapshot() throws {
    let db = try Self.registry()
    let row = try db.writer.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT e.kind, e.parent_id, s.followers, s.observed_at FROM channel c
          JOIN entity e ON e.id = c.entity_id JOIN snapshot s ON s.channel_id = c.id
          WHERE c.platform = 'facebook_group' AND e.parent_id = 'be-pz-charleroi'
          """)
    }
    let r = try #require(row)
    #expect(r["kind"] == "sector")
    #expect(r["followers"] == 1500)
    #expect(Day(epochSeconds: r["observed_at"]).year == 2019)
  }

  @Test func noRowWithoutASource() throws {
    let db = try Self.registry()
    let orphans = try db.writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT (SELECT count(*) FROM entity WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM channel WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM snapshot WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM reference_figure WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM entity_lineage WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM region WHERE source_id NOT IN (SELECT id FROM source))
               + (SELECT count(*) FROM entity WHERE code IS NOT NULL AND code_source_id IS NULL)
          """)
    }
    #expect(orphans == 0)
  }

  @Test func publishedZoneTotalsAreReferenceFigures() throws {
    let db = try Self.registry()
    let figures = try db.writer.read { db in
      try ReferenceFigure.filter(sql: "metric = 'entity_count' AND country = 'BE'").fetchAll(db)
    }
    let values = Set(figures.map { Int($0.value) })
    #expect(values.isSuperset(of: [196, 192, 185, 176]))
  }

  @Test func seedHoldsNoPersonalContactData() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.seedDirectory)
    for f in files where f.hasSuffix(".csv") {
      let text = try String(contentsOfFile: Self.seedDirectory + "/" + f, encoding: .utf8)
      #expect(
        text.range(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}"#, options: .regularExpression)
          == nil, "\(f) has an e-mail address")
      #expect(
        text.range(of: #"\b0\d{2,3}/\d{2}[ .]?\d{2}[ .]?\d{2}\b"#, options: .regularExpression)
          == nil, "\(f) has a phone number")
    }
  }
}
