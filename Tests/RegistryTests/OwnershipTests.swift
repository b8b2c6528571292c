import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Registry

private let context = ChangeContext(source: .key("doc-001"), by: "tester")

private func day(_ s: String) -> Day { Day(s)! }

/// Who owned a channel when: the tenures every loader reads, and the periods curation writes.
@Suite struct OwnershipTests {
  /// A channel opened 2012-03-01, still open, A's until 2026-01-01 and AB's from then.
  let moved = [
    OwnershipPeriod(entityId: "a", from: nil, to: day("2026-01-01")),
    OwnershipPeriod(entityId: "ab", from: day("2026-01-01"), to: nil),
  ]

  @Test func beforeTheMoveTheChannelIsTheFirstOwnersAsIfNeverMoved() {
    // As of 2014-06-30: only A's period has begun; its end (2026) is after the day, so the
    // tenure is the channel itself, as it was before the move was recorded.
    let t = Ownership.tenures(
      openedOn: day("2012-03-01"), closedOn: nil, periods: moved, on: day("2014-06-30"))
    #expect(t == [Ownership.Tenure(entityId: "a", openedOn: day("2012-03-01"), closedOn: nil)])
  }

  @Test func afterTheMoveEachOwnerHoldsItsPart() {
    // As of 2026-06-30: A held it 2012-03-01 to 2026-01-01 (closed for A then), AB from
    // 2026-01-01 (the later of the opening and the period's start).
    let t = Ownership.tenures(
      openedOn: day("2012-03-01"), closedOn: nil, periods: moved, on: day("2026-06-30"))
    #expect(
      t == [
        Ownership.Tenure(entityId: "a", openedOn: day("2012-03-01"), closedOn: day("2026-01-01")),
        Ownership.Tenure(entityId: "ab", openedOn: day("2026-01-01"), closedOn: nil),
      ])
    // On the day of the move exactly AB holds it open (A's end is exclusive).
    let onMove = Ownership.tenures(
      openedOn: day("2012-03-01"), closedOn: nil, periods: moved, on: day("2026-01-01"))
    #expect(
      onMove == [
        Ownership.Tenure(entityId: "a", openedOn: day("2012-03-01"), closedOn: day("2026-01-01")),
        Ownership.Tenure(entityId: "ab", openedOn: day("2026-01-01"), closedOn: nil),
      ])
  }

  @Test func aPeriodThatHeldNothingGivesNoTenure() {
    // Moved on 2010-01-01, before it opened (2012): A never held it.
    let early = [
      OwnershipPeriod(entityId: "a", from: nil, to: day("2010-01-01")),
      OwnershipPeriod(entityId: "b", from: day("2010-01-01"), to: nil),
    ]
    let t = Ownership.tenures(
      openedOn: day("2012-03-01"), closedOn: nil, periods: early, on: day("2020-01-01"))
    #expect(t == [Ownership.Tenure(entityId: "b", openedOn: day("2012-03-01"), closedOn: nil)])
    // Closed 2015-01-01, a period from 2016 held nothing either.
    let late = [
      OwnershipPeriod(entityId: "a", from: nil, to: day("2016-01-01")),
      OwnershipPeriod(entityId: "b", from: day("2016-01-01"), to: nil),
    ]
    let u = Ownership.tenures(
      openedOn: day("2012-03-01"), closedOn: day("2015-01-01"), periods: late, on: day("2020-01-01")
    )
    #expect(
      u == [
        Ownership.Tenure(entityId: "a", openedOn: day("2012-03-01"), closedOn: day("2015-01-01"))
      ])
  }

  @Test func theOwnerOnADay() {
    #expect(Ownership.owner(on: day("2025-12-31"), periods: moved, current: "ab") == "a")
    #expect(Ownership.owner(on: day("2026-01-01"), periods: moved, current: "ab") == "ab")
    #expect(Ownership.owner(on: day("2026-01-01"), periods: [], current: "x") == "x")
  }

  @Test func aMoveWritesThePeriodsAndRefusesWhatTheyCannotHold() throws {
    let r = try Fixtures.miniRegistry()
    // x/zp5327 belongs to be-pz-lermes for its whole life; moved to be-pz-namur on 2019-01-01,
    // then back on 2022-01-01.
    try r.moveChannel("x/zp5327", to: "be-pz-namur", on: day("2019-01-01"), context: context)
    try r.moveChannel("x/zp5327", to: "be-pz-lermes", on: day("2022-01-01"), context: context)
    let periods = try r.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT entity_id, valid_from, valid_to FROM channel_owner
          ORDER BY valid_from IS NOT NULL, valid_from
          """
      ).map {
        "\($0["entity_id"] as String) \($0["valid_from"] as String? ?? "…")-\($0["valid_to"] as String? ?? "…")"
      }
    }
    #expect(
      periods == [
        "be-pz-lermes …-2019-01-01", "be-pz-namur 2019-01-01-2022-01-01",
        "be-pz-lermes 2022-01-01-…",
      ])
    #expect(try r.resolveChannel("x/zp5327").entityId == "be-pz-lermes")
    // On or before the current period's start: refused, nothing written.
    #expect {
      try r.moveChannel("x/zp5327", to: "be-pz-namur", on: day("2022-01-01"), context: context)
    } throws: { "\($0)".contains("has belonged to be-pz-lermes since 2022-01-01") }
    // To an entity that does not exist on the day (be-pz-new-ab begins 2017-01-01).
    #expect {
      try r.moveChannel(
        "x/policecomines", to: "be-pz-new-ab", on: day("2016-06-01"), context: context)
    } throws: { "\($0)".contains("does not exist on 2016-06-01") }
    #expect(try r.writer.read { db in try ChannelOwner.fetchCount(db) } == 3)
    #expect(
      try r.validate(ValidationOptions(today: day("2025-01-01"))).filter { $0.check == "ownership" }
        .isEmpty)
  }

  @Test func validateFindsPeriodsThatDoNotFollowEachOther() throws {
    let r = try Fixtures.miniRegistry()
    try r.moveChannel("x/zp5327", to: "be-pz-namur", on: day("2019-01-01"), context: context)
    try r.writer.write { db in
      try db.execute(
        sql: "UPDATE channel_owner SET valid_from = '2019-02-01' WHERE valid_from IS NOT NULL")
    }
    let found = try r.validate(ValidationOptions(today: day("2025-01-01")))
      .filter { $0.check == "ownership" }
    #expect(found.count == 1 && found[0].subject == "x/zp5327", "\(found)")
    #expect(found.first?.message.contains("do not follow each other") == true)
  }

  /// Migration v8-ownership: stored Facebook page names lose their periods (Facebook's rule),
  /// unless two would become one: those stay, and `validate` lists them.
  @Test func migrationCanonicalisesFacebookPageNamesUnlessTheyCollide() throws {
    let queue = try DatabaseQueue()
    try Schema.migrator().migrate(queue, upTo: "v5-entity-names")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, key, title) VALUES (1, 's', 'S');
          INSERT INTO entity (id, kind, country, source_id) VALUES ('e', 'local_police', 'BE', 1);
          INSERT INTO channel (id, key, entity_id, platform, handle, source_id) VALUES
            (1, 'facebook_page/politie.leuven', 'e', 'facebook_page', 'politie.leuven', 1),
            (2, 'facebook_page/politie.lier.', 'e', 'facebook_page', 'politie.lier.', 1),
            (3, 'facebook_page/politielier', 'e', 'facebook_page', 'politielier', 1),
            (4, 'facebook_group/buurt.lier', 'e', 'facebook_group', 'buurt.lier', 1);
          INSERT INTO channel_handle_history (channel_id, handle, valid_until)
            VALUES (1, 'oud.leuven', '2020-01-01');
          """)
    }
    try Schema.migrator().migrate(queue)
    let handles = try queue.read { db in
      try String.fetchAll(db, sql: "SELECT handle FROM channel ORDER BY id")
    }
    #expect(handles == ["politieleuven", "politie.lier.", "politielier", "buurt.lier"])
    #expect(
      try queue.read { db in
        try String.fetchOne(db, sql: "SELECT handle FROM channel_handle_history")
      }
        == "oudleuven")
  }
}
