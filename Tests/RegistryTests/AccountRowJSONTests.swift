import Testing
import Vocabulary

@testable import Registry

/// `AccountRow.writeJSON` (the fast path of `accounts --format json`) writes the same object as
/// the general path through `Encodable` with the listing's columns as key order.
@Suite struct AccountRowJSONTests {
  static func row(followers: Int64?, name: String?) -> AccountRow {
    AccountRow(
      channelKey: "x/zp5327", entityId: "be-pz-leuven", entityCode: "5388", entityName: name,
      entityKind: "local_police", entityValidTo: nil, country: "BE", region: "BE-VLG",
      platform: "x", handle: "zp5327", url: "https://x.com/zp5327", openedOn: "2014-03-01",
      firstSeenOn: nil, closedOn: nil, status: "active", confidence: "high",
      followers: followers, followersObservedAt: followers == nil ? nil : "2025-01-01T06:00:00Z",
      source: "seed", sourceUrl: nil)
  }

  @Test(arguments: [
    (Int64(12_345), "Leuven \"zone\"\n"), (nil, nil), (Int64.max, "Zürich – ñ"),
  ])
  func fastPathEqualsTheEncodablePath(followers: Int64?, name: String?) throws {
    let r = Self.row(followers: followers, name: name)
    for style in [JSONWriter.Style.pretty, .compact] {
      var fast = JSONWriter(style: style)
      r.writeJSON(into: &fast)
      var general = JSONWriter(style: style)
      try general.encode(r, keys: AccountRow.columns)
      #expect(fast.text == general.text)
    }
  }

  @Test func keysFollowTheColumnsWithNullForUnsetValues() {
    var w = JSONWriter(style: .compact)
    Self.row(followers: nil, name: nil).writeJSON(into: &w)
    // The first keys by hand: entity_code, entity_name (null), region, ...; followers null.
    #expect(
      w.text.hasPrefix("{\"entity_code\":\"5388\",\"entity_name\":null,\"region\":\"BE-VLG\","))
    #expect(w.text.contains("\"followers\":null,\"followers_observed_at\":null,"))
    #expect(w.text.hasSuffix(",\"source_url\":null,\"entity_valid_to\":null}"))
  }

  @Test func orderedCellsAreTheValuesInColumnOrder() {
    for r in [Self.row(followers: 7, name: "a"), Self.row(followers: nil, name: nil)] {
      let v = r.values
      #expect(r.cellsInColumnOrder == AccountRow.columns.map { v[$0] ?? nil })
    }
  }
}
