import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

/// The collectors against the stub server and an in-memory registry: every fault ends with the
/// right snapshots stored and the right errors reported.
@Suite(.serialized) struct CollectorTests {
  static let today = Day(year: 2024, month: 5, day: 6)!
  static let observedAt: Int64 = 1_715_000_000

  /// A registry with one entity and the given channels (platform, handle, platform id).
  func registry(_ channels: [(Platform, String, String?)], entity: String = "be-pz-test") throws
    -> RegistryDatabase
  {
    let r = try RegistryDatabase(inMemory: ())
    try r.writer.write { db in
      var s = Source(key: "seed", title: "Test seed")
      try s.insert(db)
      for e in [entity, "be-pz-other"] {
        try Entity(id: e, kind: .localPolice, country: "BE", sourceId: s.id!).insert(db)
      }
      for (p, h, id) in channels {
        var c = Channel(
          key: "\(p.rawValue)/\(h)", entityId: entity, platform: p, handle: h,
          url: p == .bluesky ? "https://bsky.app/profile/\(h)" : nil, platformId: id,
          sourceId: s.id!)
        try c.insert(db)
      }
    }
    return r
  }

  func collector(
    _ r: RegistryDatabase, _ server: StubHTTPServer, dryRun: Bool = false, attempts: Int = 3
  ) -> Collector {
    var o = CollectOptions()
    o.mastodonBaseURL = server.baseURL
    o.blueskyAppview = server.baseURL
    o.dryRun = dryRun
    var retry = RetryPolicy()
    retry.maxAttempts = attempts
    var http = HTTPClientConfiguration()
    http.totalTimeout = 1
    http.maxBodyBytes = 64 * 1024
    let fetcher = PoliteFetcher(
      client: HTTPClient(configuration: http),
      limiter: RateLimiter(minInterval: 0, sleep: { _ in }),
      retry: retry, sleep: { _ in })
    return Collector(
      registry: r, fetcher: fetcher, options: o, today: Self.today, observedAt: Self.observedAt)
  }

  func snapshots(_ r: RegistryDatabase, _ key: String) throws -> [Row] {
    try r.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.followers, s.following, s.posts, s.note, src.key AS source
          FROM snapshot s JOIN channel c ON c.id = s.channel_id JOIN source src ON src.id = s.source_id
          WHERE c.key = ?
          """, arguments: [key])
    }
  }

  func channel(_ r: RegistryDatabase, _ key: String) throws -> Channel {
    try r.writer.read { db in try Channel.filter(Channel.Columns.key == key).fetchOne(db)! }
  }

  static let api = FakeSocialAPI(
    mastodon: [
      .init(
        id: "1", username: "police_fr", server: "social.example",
        note: "<p>Pas d&#39;appels urgents ici : formez le 17 ou le 112.</p>", followers: 1200,
        following: 12, statuses: 340),
      .init(
        id: "2", username: "old", server: "social.example", note: "<p>We moved.</p>",
        followers: 0, following: 0, statuses: 50,
        movedTo: (acct: "new@other.example", followers: 900)),
      .init(
        id: "3", username: "busy", server: "social.example", note: "", followers: 10, following: 1,
        statuses: 2),
      .init(
        id: "4", username: "limited", server: "social.example", note: "", followers: 20,
        following: 2, statuses: 3),
      .init(
        id: "5", username: "slow", server: "social.example", note: "", followers: 30, following: 3,
        statuses: 4),
    ],
    bluesky: [
      .init(
        did: "did:plc:renamed", handle: "polizei-ostbelgien.bsky.social",
        description: "Nicht für Notfälle! Im Notfall 110 oder 112.", followers: 500, follows: 20,
        posts: 80),
      .init(
        did: "did:plc:byhandle", handle: "examplepolice.bsky.social",
        description: "Not monitored 24/7. In an emergency dial 999.", followers: 42, follows: 4,
        posts: 9),
    ],
    faults: [
      "gone@social.example": .notFound, "broken@social.example": .malformedJSON,
      "busy@social.example": .failOnce(status: 500),
      "limited@social.example": .rateLimitOnce(retryAfter: "1"),
      "slow@social.example": .slow(seconds: 2), "huge@social.example": .huge,
      "loop@social.example": .redirectLoop,
    ])

  @Test func aRedirectedLookupRecordsWhereTheCountsCameFrom() throws {
    // The lookup of hopped@ answers 301 to the same lookup under /moved, which answers: the
    // snapshot's note names the request and the address the counts came from; an answer without
    // a redirect names the request alone.
    let api = FakeSocialAPI(
      mastodon: [
        .init(
          id: "7", username: "hopped", server: "social.example", note: "", followers: 77,
          following: 7, statuses: 70),
        .init(
          id: "8", username: "direct", server: "social.example", note: "", followers: 88,
          following: 8, statuses: 80),
      ], bluesky: [], faults: ["hopped@social.example": .redirected])
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([
      (.mastodon, "hopped@social.example", nil), (.mastodon, "direct@social.example", nil),
    ])
    let c = collector(r, server)
    let summary = c.run(try c.targets())
    #expect(summary.failed.isEmpty)
    let hopped = try snapshots(r, "mastodon/hopped@social.example")
    #expect(hopped.map { $0["followers"] as Int64? } == [77])
    let lookup = "/api/v1/accounts/lookup?acct=hopped@social.example"
    #expect(
      hopped.first?["note"] as String?
        == "GET \(server.baseURL)\(lookup), redirected to \(server.baseURL)/moved\(lookup)")
    let direct = try snapshots(r, "mastodon/direct@social.example")
    #expect(
      direct.first?["note"] as String?
        == "GET \(server.baseURL)/api/v1/accounts/lookup?acct=direct@social.example")
  }

  @Test func everyCaseStoresOrReportsAndNeverCrashes() throws {
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([
      (.mastodon, "police_fr@social.example", nil), (.mastodon, "old@social.example", nil),
      (.mastodon, "busy@social.example", nil), (.mastodon, "limited@social.example", nil),
      (.mastodon, "slow@social.example", nil), (.mastodon, "gone@social.example", nil),
      (.mastodon, "broken@social.example", nil), (.mastodon, "huge@social.example", nil),
      (.mastodon, "loop@social.example", nil),
      (.bluesky, "polizei-eupen.bsky.social", "did:plc:renamed"),
      (.bluesky, "examplepolice.bsky.social", nil),
    ])
    let c = collector(r, server)
    let summary = c.run(try c.targets())

    #expect(summary.outcomes.count == 11)
    let failed = Dictionary(
      uniqueKeysWithValues: summary.failed.map { ($0.target.key, $0.failure!.reason) })
    #expect(
      Set(failed.keys) == [
        "mastodon/gone@social.example", "mastodon/broken@social.example",
        "mastodon/huge@social.example", "mastodon/loop@social.example",
        "mastodon/slow@social.example",
      ])
    #expect(failed["mastodon/gone@social.example"]!.contains("HTTP 404"))
    #expect(failed["mastodon/broken@social.example"]!.hasPrefix("malformed response"))
    #expect(failed["mastodon/huge@social.example"]!.contains("larger than 65536 bytes"))
    #expect(failed["mastodon/loop@social.example"]!.contains("redirects"))
    #expect(failed["mastodon/slow@social.example"]!.hasPrefix("timed out"))
    // 404 is not retried; the timeout is (3 attempts).
    #expect(api.hitCount("gone@social.example") == 1)
    #expect(api.hitCount("slow@social.example") == 3)

    // 500 then success, 429 then success: stored after a retry.
    #expect(
      try snapshots(r, "mastodon/busy@social.example").map { $0["followers"] as Int64? } == [10])
    #expect(
      try snapshots(r, "mastodon/limited@social.example").map { $0["followers"] as Int64? } == [20])

    // Mastodon: counts, platform id from `uri`, French disclaimer, source row of the day.
    let fr = try snapshots(r, "mastodon/police_fr@social.example")
    #expect(fr.count == 1)
    #expect(fr[0]["followers"] as Int64? == 1200)
    #expect(fr[0]["following"] as Int64? == 12)
    #expect(fr[0]["posts"] as Int64? == 340)
    #expect(fr[0]["source"] as String == "collector-mastodon-2024-05-06")
    #expect(
      (fr[0]["note"] as String).contains("/api/v1/accounts/lookup?acct=police_fr@social.example"))
    let frChannel = try channel(r, "mastodon/police_fr@social.example")
    #expect(frChannel.platformId == "https://social.example/users/police_fr")
    #expect(frChannel.emergencyDisclaimer == true)
    #expect(frChannel.disclaimerSeenOn == "2024-05-06")

    // Bluesky by DID: renamed account (same DID, new handle) -> history row and new handle.
    let renamed = try channel(r, "bluesky/polizei-eupen.bsky.social")
    #expect(renamed.handle == "polizei-ostbelgien.bsky.social")
    #expect(renamed.url == "https://bsky.app/profile/polizei-ostbelgien.bsky.social")
    #expect(renamed.emergencyDisclaimer == true)
    let history = try r.writer.read { db in try ChannelHandleHistory.fetchAll(db) }
    // The Bluesky rename and the Mastodon move each leave the former handle in the history.
    #expect(Set(history.map(\.handle)) == ["polizei-eupen.bsky.social", "old@social.example"])
    #expect(history.allSatisfy { $0.validUntil == "2024-05-06" })
    #expect(
      try snapshots(r, "bluesky/polizei-eupen.bsky.social").map { $0["followers"] as Int64? } == [
        500
      ])

    // Bluesky by handle: the DID is filled the first time.
    let byHandle = try channel(r, "bluesky/examplepolice.bsky.social")
    #expect(byHandle.platformId == "did:plc:byhandle")
    #expect(byHandle.emergencyDisclaimer == true)
    // One getProfiles call for both Bluesky channels.
    #expect(server.requests.filter { $0.path == "/xrpc/app.bsky.actor.getProfiles" }.count == 1)

    // Moved Mastodon account: renamed to the new account, counts of the new one, note recorded.
    let moved = try channel(r, "mastodon/old@social.example")
    #expect(moved.handle == "new@other.example")
    #expect(moved.platformId == "https://other.example/users/new")
    #expect(moved.note?.contains("moved from old@social.example to new@other.example") == true)
    #expect(
      try snapshots(r, "mastodon/old@social.example").map { $0["followers"] as Int64? } == [900])
    #expect(summary.moves.map(\.target.key) == ["mastodon/old@social.example"])
    #expect(
      Set(summary.renames.map(\.target.key)) == [
        "mastodon/old@social.example", "bluesky/polizei-eupen.bsky.social",
      ])
  }

  @Test func secondRunReportsUnchangedCounts() throws {
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([(.mastodon, "police_fr@social.example", nil)])
    let first = collector(r, server)
    _ = first.run(try first.targets())
    let second = Collector(
      registry: r, fetcher: first.fetcher, options: first.options, today: Self.today,
      observedAt: Self.observedAt + 3600)
    let summary = second.run(try second.targets())
    #expect(summary.unchanged.count == 1)
    #expect(try snapshots(r, "mastodon/police_fr@social.example").count == 2)
  }

  @Test func dryRunWritesNothing() throws {
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([
      (.mastodon, "police_fr@social.example", nil),
      (.bluesky, "polizei-eupen.bsky.social", "did:plc:renamed"),
    ])
    let c = collector(r, server, dryRun: true)
    let summary = c.run(try c.targets())
    #expect(summary.fetched.count == 2)
    #expect(summary.renames.count == 1)
    let counts = try r.writer.read { db in
      (
        try Snapshot.fetchCount(db), try ChannelHandleHistory.fetchCount(db),
        try Source.fetchCount(db)
      )
    }
    #expect(counts == (0, 0, 1))
    #expect(
      try channel(r, "bluesky/polizei-eupen.bsky.social").handle == "polizei-eupen.bsky.social")
    #expect(try channel(r, "mastodon/police_fr@social.example").platformId == nil)
  }

  @Test func handleNowOwnedByAnotherAccountIsRefused() throws {
    let api = Self.api
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([
      (.mastodon, "police_fr@social.example", "https://social.example/users/someone-else")
    ])
    let c = collector(r, server)
    let summary = c.run(try c.targets())
    #expect(
      summary.failed.first?.failure?.reason.contains("now belongs to another account") == true)
    #expect(try snapshots(r, "mastodon/police_fr@social.example").isEmpty)
  }

  /// A count beyond the plausibility limit (SnapshotLimits) is not stored: the channel fails
  /// with the reason, the others are stored.
  @Test func anImplausibleAnsweredCountIsNotStored() throws {
    let api = FakeSocialAPI(
      mastodon: [
        .init(
          id: "1", username: "typo", server: "social.example", note: "",
          followers: 61_640_000_000_000, following: 1, statuses: 2),
        .init(
          id: "2", username: "fine", server: "social.example", note: "", followers: 6164,
          following: 1, statuses: 2),
      ], bluesky: [], faults: [:])
    let server = try StubHTTPServer { api.handle($0) }
    defer { server.stop() }
    let r = try registry([
      (.mastodon, "typo@social.example", nil), (.mastodon, "fine@social.example", nil),
    ])
    let c = collector(r, server)
    let summary = c.run(try c.targets())
    #expect(summary.failed.count == 1)
    #expect(
      summary.failed.first?.failure?.reason
        == "the platform answered a followers count out of range: 61,640,000,000,000 is above the "
        + "plausibility limit "
        + "of 1,000,000,000 (no account on any platform has a billion followers): check the "
        + "number; nothing stored")
    #expect(try snapshots(r, "mastodon/typo@social.example").isEmpty)
    #expect(try snapshots(r, "mastodon/fine@social.example").first?["followers"] == 6164)
  }

  @Test func unreachableAppviewFailsEveryChannelOfTheBatchWithTheReason() throws {
    let r = try registry([
      (.bluesky, "a.bsky.social", nil), (.bluesky, "b.bsky.social", nil),
    ])
    var o = CollectOptions()
    o.blueskyAppview = "http://127.0.0.1:\(StubHTTPServer.closedPort())"
    var retry = RetryPolicy()
    retry.maxAttempts = 1
    let c = Collector(
      registry: r,
      fetcher: PoliteFetcher(
        client: HTTPClient(), limiter: RateLimiter(minInterval: 0), retry: retry, sleep: { _ in }),
      options: o, today: Self.today, observedAt: Self.observedAt)
    let summary = c.run(try c.targets())
    #expect(summary.failed.count == 2)
    #expect(summary.failed.allSatisfy { $0.failure!.reason.hasPrefix("connection failed") })
  }

  @Test func blueskyBatchesHoldAtMost25Actors() {
    let targets = (0..<30).map {
      ChannelTarget(
        channelId: Int64($0), key: "k\($0)", entityId: "e", platform: .bluesky,
        handle: "h\($0).bsky.social", platformId: nil)
    }
    let url = try? BlueskyCollector.profilesURL(
      appview: "https://public.api.bsky.app",
      actors: targets.prefix(2).map(BlueskyCollector.actor(for:))
    ).get()
    #expect(
      url
        == "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfiles?actors=h0.bsky.social&actors=h1.bsky.social"
    )
    #expect(BlueskyCollector.batchSize == 25)
  }

  @Test func mastodonLookupGoesToTheAccountsOwnServer() throws {
    #expect(
      try MastodonCollector.lookupURL(handle: "police@mastodon.example", baseURL: nil).get()
        == "https://mastodon.example/api/v1/accounts/lookup?acct=police")
    #expect(throws: FetchFailure.self) {
      try MastodonCollector.lookupURL(handle: "nodomain", baseURL: nil).get()
    }
  }
}
