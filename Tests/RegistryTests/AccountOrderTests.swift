import Foundation
import GRDB
import Testing
import Vocabulary

@testable import Registry

/// The `accounts` listing's order, which the rows get in Swift (`AccountRow.appendListingKey`)
/// and used to get from SQLite's `ORDER BY e.country, e.region, entity_name, e.id, c.platform,
/// handle`: text by its UTF-8 bytes (SQLite's BINARY collation), NULL first, a prefix before
/// the longer text, the channel key last.
@Suite struct AccountOrderTests {
  static func row(
    _ key: String, country: String = "BE", region: String? = "BE-WAL", name: String? = "Zone",
    id: String = "e1", platform: String = "x", handle: String? = "h"
  ) -> AccountRow {
    AccountRow(
      channelKey: key, entityId: id, entityCode: nil, entityName: name,
      entityKind: "local_police", entityValidTo: nil, country: country, region: region,
      platform: platform, handle: handle, url: nil, openedOn: nil, firstSeenOn: nil,
      closedOn: nil, status: "active", confidence: "high", followers: nil,
      followersObservedAt: nil, source: "s", sourceUrl: nil)
  }

  @Test func eachColumnOrdersByBytesWithNullFirst() {
    // The expected order, written by hand; each row differs from the one before it in the
    // column named, all earlier columns equal.
    let expected = [
      Self.row("k01", region: nil),  // region NULL before any region
      Self.row("k02", region: "BE-BRU", name: nil),  // name NULL first
      Self.row("k03", region: "BE-BRU", name: "Zone"),
      // "Zone" is a prefix of "Zone A": the shorter first.
      Self.row("k04", region: "BE-BRU", name: "Zone A"),
      // "Zone a": 'a' (0x61) after 'A' (0x41).
      Self.row("k05", region: "BE-BRU", name: "Zone a"),
      // "Zöne": 'ö' is C3 B6, after 'o' (6F) of every "Zone".
      Self.row("k06", region: "BE-BRU", name: "Zöne"),
      Self.row("k07", region: "BE-WAL", name: "Zone", id: "e1", handle: nil),  // handle NULL first
      Self.row("k08", region: "BE-WAL", name: "Zone", id: "e1", handle: "a"),
      // Same country, region, name, id, platform and handle: the channel key decides.
      Self.row("k09", region: "BE-WAL", name: "Zone", id: "e1", handle: "b"),
      Self.row("k10", region: "BE-WAL", name: "Zone", id: "e1", handle: "b"),
      // Entity id after the name: "e10" after "e1" (prefix), before "e2".
      Self.row("k00", region: "BE-WAL", name: "Zone", id: "e10"),
      Self.row("k11", region: "BE-WAL", name: "Zone", id: "e2", platform: "facebook_page"),
      Self.row("k12", region: "BE-WAL", name: "Zone", id: "e2", platform: "x"),
      Self.row("k13", country: "FR", region: "FR-IDF"),
    ]
    // Reversed and shuffled inputs come out in the same order.
    for input in [expected.reversed(), Array(expected[7...] + expected[..<7])] {
      #expect(
        AccountRow.inListingOrder(Array(input)).map(\.channelKey) == expected.map(\.channelKey))
    }
  }

  @Test func canonicallyEqualNamesStayApartAsSQLiteKeepsThem() {
    // "Café" written with é as one scalar (C3 A9) and as e + U+0301 (65 CC 81): Swift's String
    // `<` holds them equal (then the entity id would decide: a before b); by bytes the second
    // sorts first, as SQLite's ORDER BY put it.
    let composed = Self.row("k1", name: "Caf\u{E9}", id: "a")
    let decomposed = Self.row("k2", name: "Cafe\u{301}", id: "b")
    #expect("Caf\u{E9}" == "Cafe\u{301}")
    #expect(AccountRow.inListingOrder([composed, decomposed]).map(\.channelKey) == ["k2", "k1"])
  }

  @Test func aNulByteInsideATextStillSortsAfterItsPrefix() {
    // Not from the query (text is read up to its first 00 byte), but the key stays an order:
    // "a" < "a\0" < "a\0b" < "ab", as by bytes.
    let rows = ["a", "a\0", "a\0b", "ab"].enumerated().map {
      Self.row("k\($0.offset)", handle: $0.element)
    }
    #expect(
      AccountRow.inListingOrder(rows.reversed()).map(\.channelKey) == ["k0", "k1", "k2", "k3"])
  }

  /// A registry whose listing the SQL `ORDER BY` the listing used before orders the same way.
  @Test func listingOrderIsTheOrderBySQLiteGave() throws {
    let registry = try RegistryDatabase(inMemory: ())
    try registry.writer.write { db in
      try db.execute(sql: "INSERT INTO source (id, key, title) VALUES (1, 'test', 'Test')")
      // Names that sort differently by bytes and by Swift's String order, or by case.
      let entities: [(id: String, region: String?, name: String?)] = [
        ("zz-1", "ZZ-B", "Zone b"), ("zz-2", "ZZ-B", "Zone B"), ("zz-3", "ZZ-A", "\u{C9}cole"),
        ("zz-4", "ZZ-A", "Ecole"), ("zz-5", nil, "Zulu"), ("zz-6", "ZZ-A", "E\u{301}cole"),
        ("zz-7", "ZZ-A", nil), ("zz-8", "ZZ-A", "Ecole"),
      ]
      for e in entities {
        try db.execute(
          sql: """
            INSERT INTO entity (id, kind, country, region, languages, source_id)
            VALUES (?, 'local_police', 'ZZ', ?, 'fr', 1)
            """, arguments: [e.id, e.region])
        if let name = e.name {
          try db.execute(
            sql: "INSERT INTO entity_name (entity_id, lang, name) VALUES (?, 'fr', ?)",
            arguments: [e.id, name])
        }
        // Three channels on x (two without a handle: the channel key orders them) and one on
        // Facebook, their keys not in the listing's order.
        let channels: [(String, String?)] = [
          ("x", "b-\(e.id)"), ("x", nil), ("x", nil), ("facebook_page", "a-\(e.id)"),
        ]
        for (n, (platform, handle)) in channels.enumerated() {
          try db.execute(
            sql: """
              INSERT INTO channel (key, entity_id, platform, handle, status, opened_on, source_id)
              VALUES (?, ?, ?, ?, 'active', '2020-01-01', 1)
              """, arguments: ["\(platform)/\(e.id)-\(4 - n)", e.id, platform, handle])
        }
      }
    }
    let bySQL = try registry.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.key FROM channel c JOIN entity e ON e.id = c.entity_id
          ORDER BY e.country, e.region, \(EntityDisplayName.sql), e.id, c.platform, c.handle, c.key
          """)
    }
    #expect(bySQL.count == 32)
    #expect(try registry.accounts(RegistryFilter()).map(\.channelKey) == bySQL)
  }

  /// The row decoder (`AccountRow(statement:repeated:)`) on hand-made rows: the schema's NOT
  /// NULL constraints keep a NULL out of the required columns, so only a damaged file could
  /// give one; it is an error naming the column, not a crash or an empty value.
  @Test func aNullInARequiredColumnIsAnErrorNamingIt() throws {
    let registry = try RegistryDatabase(inMemory: ())
    func decode(_ values: [String]) throws -> AccountRow {
      try registry.writer.read { db in
        let names = [
          "channel_key", "entity_id", "entity_code", "entity_name", "entity_kind",
          "entity_valid_to", "country", "region", "platform", "handle", "url", "opened_on",
          "first_seen_on", "closed_on", "status", "confidence", "followers",
          "followers_observed_at", "source", "source_url",
        ]
        let sql =
          "SELECT " + zip(values, names).map { "\($0) AS \($1)" }.joined(separator: ", ")
        let statement = try db.makeStatement(sql: sql)
        var repeated: [TextCache] = []
        var row: AccountRow?
        try RegistryDatabase.step(statement) {
          row = try AccountRow(statement: $0, repeated: &repeated)
        }
        return try #require(row)
      }
    }
    var values = [
      "'x/a'", "'e1'", "NULL", "'Zone'", "'local_police'", "NULL", "'BE'", "'BE-WAL'", "'x'",
      "'a'", "NULL", "NULL", "NULL", "NULL", "'active'", "'high'", "12", "NULL", "'s'", "NULL",
    ]
    let row = try decode(values)
    #expect(row.channelKey == "x/a" && row.entityKind == "local_police" && row.followers == 12)
    #expect(row.entityCode == nil && row.sourceUrl == nil)
    for (column, name) in [(0, "channel_key"), (4, "entity_kind"), (18, "source")] {
      values[column] = "NULL"
      #expect {
        _ = try decode(values)
      } throws: {
        "\($0)".contains("accounts: \(name) is NULL where a value is required")
      }
      values = values.enumerated().map { $0.offset == column ? "'v'" : $0.element }
    }
  }
}
