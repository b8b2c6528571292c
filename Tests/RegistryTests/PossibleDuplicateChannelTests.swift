import Foundation
import GRDB
import Testing
import Vocabulary

@testable import Registry

/// `validate`'s `possible_duplicate_channel`: an open channel of unknown handle beside open named
/// channels of the same entity on the same platform, the cases written out by hand.
@Suite struct PossibleDuplicateChannelTests {
  @Test func onlyOpenUnnamedChannelsBesideOpenNamedOnesOfTheirEntityAndPlatformAreListed() throws {
    let registry = try RegistryDatabase(inMemory: ())
    try registry.writer.write { db in
      try db.execute(sql: "INSERT INTO source (id, key, title) VALUES (1, 'test', 'Test')")
      for id in ["e1", "e2"] {
        try db.execute(
          sql: """
            INSERT INTO entity (id, kind, country, region, languages, source_id)
            VALUES (?, 'local_police', 'ZZ', 'ZZ-A', 'fr', 1)
            """, arguments: [id])
      }
      // (key, entity, platform, handle, closed on)
      let channels: [(String, String, String, String?, String?)] = [
        // e1 on x: unnamed and named, both open: listed.
        ("x/unknown:e1", "e1", "x", nil, nil), ("x/named1", "e1", "x", "named1", nil),
        // e1 on YouTube: two named ones open beside the unnamed one: both named, in key order.
        ("youtube/unknown:e1", "e1", "youtube", nil, nil),
        ("youtube/zz", "e1", "youtube", "zz", nil), ("youtube/aa", "e1", "youtube", "aa", nil),
        // e1 on Facebook: unnamed alone: not listed.
        ("facebook_page/unknown:e1", "e1", "facebook_page", nil, nil),
        // e2 on x: the named one is closed: not listed.
        ("x/unknown:e2", "e2", "x", nil, nil), ("x/named2", "e2", "x", "named2", "2020-01-01"),
        // e2 on Instagram: the unnamed one is closed: not listed.
        ("instagram/unknown:e2", "e2", "instagram", nil, "2020-01-01"),
        ("instagram/ig2", "e2", "instagram", "ig2", nil),
        // e2 on Bluesky: named, with e1's unnamed elsewhere: another entity, not listed.
        ("bluesky/e2.example", "e2", "bluesky", "e2.example", nil),
        ("bluesky/unknown:e1", "e1", "bluesky", nil, nil),
      ]
      for (key, entity, platform, handle, closed) in channels {
        try db.execute(
          sql: """
            INSERT INTO channel (key, entity_id, platform, handle, status, opened_on, closed_on,
                                 source_id)
            VALUES (?, ?, ?, ?, ?, '2015-01-01', ?, 1)
            """,
          arguments: [key, entity, platform, handle, closed == nil ? "active" : "closed", closed])
      }
    }
    let findings = try registry.validate(ValidationOptions(today: Day("2026-11-30")!))
      .filter { $0.check == "possible_duplicate_channel" }
    #expect(findings.map(\.subject) == ["x/unknown:e1", "youtube/unknown:e1"])
    #expect(findings.allSatisfy { $0.severity == .warning })
    #expect(findings.first?.message.hasPrefix("e1 also has x/named1 open on this platform") == true)
    // One named channel: the whole command; two: the curator picks one.
    #expect(
      findings.first?.message.contains("`channel merge x/unknown:e1 --into x/named1`)") == true)
    #expect(
      findings.last?.message.hasPrefix("e1 also has youtube/aa, youtube/zz open on this platform")
        == true)
    #expect(
      findings.last?.message.contains(
        "`channel merge youtube/unknown:e1 --into ONE_OF_THEM`)") == true)
  }
}
