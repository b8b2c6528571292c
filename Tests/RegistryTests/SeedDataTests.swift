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
    let (rows, distinct) = try db.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM entity_municipality") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT nis_code) FROM entity_municipality") ?? 0
      )
    }
    #expect(rows == 581)
    #expect(distinct == 581)
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
          WHERE c.platform = 'x'
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
