import Foundation
import Registry
import Reporting
import Stats
import TestSupport
import Testing
import Vocabulary

/// What Reporting gives the web pages beyond the command line's outputs: the zone map file, a
/// listing's later pages, an entity's profile.
struct WebUseCaseTests {
  @Test func theShippedZoneMapIsReadWithItsLicence() throws {
    let map = try ZoneMapFile.load(
      path: Fixtures.packageRoot.appendingPathComponent("data/map/be-zones.json").path
    ).get()
    // data/map/README.md: 213 zones (the 176 of today and the 37 that ceased since 2013), 581
    // municipalities, one viewBox.
    #expect(map.zones.count == 176 + 37)
    #expect(map.municipalities.count == 581)
    #expect(map.size == (1000, 821))
    #expect(map.licence.contains("MIT License") && map.licence.contains("Arne Hoefkens"))
  }

  @Test func aMissingOrBadMapFileSaysWhichAndWhy() throws {
    let dir = try TemporaryDirectory(prefix: "zonemap")
    defer { dir.remove() }
    let missing = dir.path("none.json")
    guard case .failure(let why) = ZoneMapFile.load(path: missing) else {
      Issue.record("a missing file was read")
      return
    }
    #expect(why.reason.hasPrefix("\(missing) cannot be read; set REGISTRY_MAP_DIR"))
    let bad = dir.path("bad.json")
    try Data("{\"zones\": 3}".utf8).write(to: URL(fileURLWithPath: bad))
    guard case .failure(let why2) = ZoneMapFile.load(path: bad) else {
      Issue.record("a bad file was read")
      return
    }
    #expect(why2.reason.hasPrefix("\(bad) is not a zone map file"))
  }

  struct Row: Encodable {
    var n: Int
  }

  @Test func anOffsetSkipsRowsAfterSorting() throws {
    let listing = Listing(
      columns: ["n"], rows: [3, 1, 4, 1, 5, 9, 2, 6].map(Row.init), cells: { ["n": String($0.n)] })
    // Sorted descending: 9 6 5 4 3 2 1 1; skip 2, take 3: 5 4 3.
    let page = try listing.selected(ListingShape(limit: 3, sort: "-n", offset: 2))
    #expect(page.map(\.n) == [5, 4, 3])
    #expect(try listing.selected(ListingShape(offset: 100)).isEmpty)
    // Unsorted, the 8th row (offset 7) is 6; CSV for people ends lines with CRLF.
    #expect(try listing.render(ListingShape(format: .csv, limit: 1, offset: 7)) == "n\r\n6\r\n")
  }

  @Test func anEntityProfileHasItsChannelsHistoryAndChanges() throws {
    try withFixtureRegistry(seed: Fixtures.compareSeed) { registry in
      let day = try #require(Day("2024-01-01"))
      let profile = try Profiles.entity(registry, id: "zp-a", on: day, rule: PresenceRule())
      #expect(profile.detail.entity.id == "zp-a")
      // Its statuses as `show` has them: "any" first, on the day asked for.
      #expect(profile.statuses.asOf == "2024-01-01")
      #expect(profile.statuses.statuses.first?.platform == "any")
      for c in profile.detail.channels where c.snapshotCount > 0 {
        let rows = try #require(profile.histories[c.channel.id!])
        // One row per day, oldest first; at most as many as snapshots.
        #expect(!rows.isEmpty && rows.count <= c.snapshotCount)
        #expect(rows.map(\.period) == rows.map(\.period).sorted())
      }
      #expect(profile.changes.count == profile.changeCount)
      #expect(throws: RegistryError.notFound("no entity has the id 'nobody'")) {
        try Profiles.entity(registry, id: "nobody", on: day, rule: PresenceRule())
      }
    }
  }

  /// The API's document lists the values the code writes: every missing reason, platform,
  /// entity kind and channel status, no more, so that a value added in Swift cannot slip past
  /// the contract tests (a response with it would fail them only when a fixture happens to
  /// hold it).
  @Test func theOpenAPIDocumentsEnumsAreTheCodes() throws {
    let url = Fixtures.packageRoot.appendingPathComponent("Sources/Web/API/openapi.json")
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let components = try #require(doc["components"] as? [String: [String: Any]])
    func enumValues(_ node: Any?) -> [String]? {
      guard let node = node as? [String: Any] else { return nil }
      if let values = node["enum"] as? [String] { return values }
      return enumValues(node["items"]) ?? enumValues(node["schema"])
    }
    let schemas = try #require(components["schemas"])
    let parameters = try #require(components["parameters"])
    #expect(enumValues(schemas["MissingReason"]) == MissingReason.allCases.map(\.rawValue))
    #expect(enumValues(parameters["platform"]) == Platform.allCases.map(\.rawValue))
    #expect(enumValues(parameters["kind"]) == EntityKind.allCases.map(\.rawValue))
    #expect(enumValues(parameters["status"]) == ChannelStatus.allCases.map(\.rawValue))
    #expect(enumValues(parameters["min_confidence"]) == Confidence.allCases.map(\.rawValue))
    let account = try #require(
      (schemas["Account"] as? [String: Any])?["properties"] as? [String: Any])
    #expect(enumValues(account["platform"]) == Platform.allCases.map(\.rawValue))
    #expect(enumValues(account["status"]) == ChannelStatus.allCases.map(\.rawValue))
  }
}
