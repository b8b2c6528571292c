import Foundation
import GRDB
import Testing
import Vocabulary

@testable import Registry

/// One display-name rule: the name in the first official language that has one, else the name
/// whose language sorts first. Swift (`EntityDisplayName.choose`, the report and comparison
/// loader, `show`) and SQL (the view `v_entity_name`, read by the listings and `v_channels`) give
/// the answers written here by hand, for entities whose first official language has no name.
@Suite struct EntityDisplayNameTests {
  /// Entity id → (official languages, names by language, the display name).
  static let cases: [(id: String, languages: String, names: [String: String], expected: String?)] =
    [
      // The first official language has a name: every rule agrees.
      ("zz-named", "fr;nl", ["fr": "Zone Un", "nl": "Zone Een"], "Zone Un"),
      // 1 official language without a name: the first by language (de before fr).
      ("zz-one", "nl", ["fr": "Un", "de": "Eins"], "Eins"),
      // 2 languages, the second named: fr (the first-language-only SQL gave de, "Zwei").
      ("zz-two", "nl;fr", ["fr": "Deux", "de": "Zwei"], "Deux"),
      // 3 languages, only the third named: it (the first-language-only SQL gave de, "Drei").
      ("zz-three", "nl;fr;it", ["it": "Tre", "de": "Drei"], "Tre"),
      // 3 languages, the second and the third named: the second, it (not fr, which sorts first;
      // the first-language-only SQL gave en, "Three").
      ("zz-three-b", "nl;it;fr", ["fr": "Trois", "it": "Tre", "en": "Three"], "Tre"),
      // One name, in a language the entity does not list: that name (the SQL's one-name path,
      // which skips the view's sort).
      ("zz-single", "fr", ["de": "Nur"], "Nur"),
      // No name at all.
      ("zz-none", "fr", [:], nil),
    ]

  /// A registry of country ZZ holding `cases`, one channel each, and a placeholder entity.
  static func registry() throws -> RegistryDatabase {
    let registry = try RegistryDatabase(inMemory: ())
    try registry.writer.write { db in
      try db.execute(sql: "INSERT INTO source (id, key, title) VALUES (1, 'test', 'Test')")
      var all = cases.map { ($0.id, $0.languages, $0.names, 0) }
      all.append(("zz-placeholder", "nl;fr", ["fr": "Inconnu", "de": "Unbekannt"], 1))
      for (n, (id, languages, names, placeholder)) in all.enumerated() {
        try db.execute(
          sql: """
            INSERT INTO entity (id, kind, country, region, languages, source_id, placeholder)
            VALUES (?, 'local_police', 'ZZ', 'ZZ-A', ?, 1, ?)
            """, arguments: [id, languages, placeholder])
        for (lang, name) in names {
          try db.execute(
            sql: "INSERT INTO entity_name (entity_id, lang, name) VALUES (?, ?, ?)",
            arguments: [id, lang, name])
        }
        try db.execute(
          sql: """
            INSERT INTO channel (key, entity_id, platform, handle, status, opened_on, source_id)
            VALUES (?, ?, 'x', ?, 'active', '2020-01-01', 1)
            """, arguments: ["x/zz\(n)", id, "zz\(n)"])
      }
    }
    return registry
  }

  static var expected: [String: String?] {
    Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0.expected) })
  }

  @Test func swiftRuleTriesEachOfficialLanguageInTurnThenTheFirstByLanguage() {
    for c in Self.cases {
      let names = c.names.map { (lang: $0.key, name: $0.value) }
      #expect(EntityDisplayName.choose(names, languages: c.languages) == c.expected, "\(c.id)")
      // The order the names come in does not matter.
      #expect(
        EntityDisplayName.choose(names.reversed(), languages: c.languages) == c.expected,
        "\(c.id)")
    }
  }

  @Test func sqlViewAndListingsGiveTheSameNames() throws {
    let registry = try Self.registry()
    let (bySQL, byView) = try registry.writer.read { db in
      (
        try Row.fetchAll(db, sql: "SELECT e.id, \(EntityDisplayName.sql) AS name FROM entity e"),
        try Row.fetchAll(db, sql: "SELECT entity_id, entity_name FROM v_channels")
      )
    }
    var expected = Self.expected
    expected["zz-placeholder"] = "Inconnu"
    #expect(
      Dictionary(uniqueKeysWithValues: bySQL.map { ($0["id"] as String, $0["name"] as String?) })
        == expected)
    #expect(
      Dictionary(
        uniqueKeysWithValues: byView.map {
          ($0["entity_id"] as String, $0["entity_name"] as String?)
        })
        == expected)
    let accounts = try registry.accounts(RegistryFilter())
    #expect(
      Dictionary(uniqueKeysWithValues: accounts.map { ($0.entityId, $0.entityName) }) == expected)
    let entities = try registry.entities(RegistryFilter())
    #expect(Dictionary(uniqueKeysWithValues: entities.map { ($0.id, $0.name) }) == expected)
  }

  @Test func showReportAndCompareGiveTheSameNames() throws {
    let registry = try Self.registry()
    for c in Self.cases {
      guard case .entity(let detail) = try registry.lookup(c.id) else {
        Issue.record("\(c.id) is not found as an entity")
        continue
      }
      // Without a name, an entity is shown by its id.
      #expect(detail.displayName == c.expected ?? c.id)
    }
    let asOf = try #require(Day("2024-01-01"))
    let report = try registry.reportData(
      ReportScope(country: "ZZ", regions: [], kinds: [], asOf: asOf, baselineSeekDays: [75]))
    let byId = Self.cases.map { ($0.id, $0.expected ?? $0.id) }.sorted { $0.0 < $1.0 }
    #expect(report.entities.map { [$0.id, $0.name] } == byId.map { [$0.0, $0.1] })
    #expect(report.placeholdersExcluded == 1)
    #expect(report.channels.count == Self.cases.count)

    // The comparisons load the same entities with the same loader, the placeholder flagged.
    let compare = try registry.compareData(
      country: "ZZ", asOf: asOf,
      seeks: CompareSeeks(growthDays: [75], projectionDays: [6], postsDays: 90))
    let withPlaceholder = (byId + [("zz-placeholder", "Inconnu")]).sorted { $0.0 < $1.0 }
    #expect(
      compare.entities.map { [$0.entity.id, $0.entity.name] }
        == withPlaceholder.map { [$0.0, $0.1] })
    #expect(compare.entities.filter(\.placeholder).map(\.entity.id) == ["zz-placeholder"])
    #expect(compare.entities.allSatisfy { $0.country == "ZZ" })
    #expect(compare.channels.count == Self.cases.count + 1)
  }
}
