import Foundation
import TestSupport
import Testing

/// `export DIR` then `init --seed DIR` rebuilds the same registry: every table, ids included
/// (the full-text index is rebuilt from the tables, so it is left out of the comparison).
@Suite(.serialized) struct ExportRoundTripTests {
  /// Every table's rows in primary-key-independent order, as SQL literals.
  static func tables(_ db: String) throws -> [String: String] {
    let names = try SQLiteShell.run(
      db,
      """
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND name NOT LIKE 'search_index%' ORDER BY name
      """
    ).split(separator: "\n").map(String.init)
    var out: [String: String] = [:]
    for t in names {
      let n = Int(try SQLiteShell.run(db, "SELECT count(*) FROM pragma_table_info('\(t)')")) ?? 1
      let order = (1...n).map(String.init).joined(separator: ",")
      out[t] = try SQLiteShell.run(
        db, "SELECT * FROM \"\(t)\" ORDER BY \(order)", mode: "quote")
    }
    return out
  }

  @Test func exportThenInitRebuildsEveryTable() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    #expect(try cli.run(["init"]).status == 0)
    // Curation (change log, handle history, verified_on), imported snapshots with awkward text.
    let steps: [[String]] = [
      ["channel", "rename", "x/zp5327", "zp5327_new", "--on", "2021-03-01", "--source", "doc-001"],
      ["channel", "verify", "x/policecomines", "--on", "2025-03-01", "--source", "doc-001"],
      // Ownership periods (channel_owner), moved twice.
      [
        "channel", "move", "x/zp5327", "--to", "be-pz-namur", "--on", "2019-01-01", "--source",
        "doc-001",
      ],
      [
        "channel", "move", "x/zp5327", "--to", "be-pz-lermes", "--on", "2022-01-01", "--source",
        "doc-001",
      ],
      ["snapshot", "import", "counts.csv", "--source-url", "https://example.org/a,b"],
      // A corrected snapshot: the old row is kept in snapshot_retraction.
      [
        "snapshot", "correct", "x/policecomines", "--at", "2024-05-02", "--followers", "31",
        "--reason", "typo, \"13\"", "--by", "tester",
      ],
    ]
    try """
    platform,handle,observed_at,followers,note
    x,zp5327_new,2024-05-01T10:00:00Z,12,"=cmd|' /C calc'!A0"
    x,policecomines,2024-05-02,13,"line one
    line two, with ""quotes"" and ; semicolon"
    """.write(to: cli.dir.appendingPathComponent("counts.csv"), atomically: true, encoding: .utf8)
    for s in steps {
      let r = try cli.run(s)
      #expect(r.status == 0, "\(s): \(r.stderr)")
    }
    let exported = cli.dir.appendingPathComponent("export").path
    let e = try cli.run(["export", exported])
    #expect(e.status == 0, "\(e.stderr)")
    // rename 1 + verify 1 + first move 5 (be-pz-lermes's period: entity_id, valid_to; be-pz-namur's:
    // entity_id, valid_from; channel.entity_id) + second move 4 (valid_to; entity_id, valid_from;
    // channel.entity_id) + correction 2 (followers, reason)
    #expect(e.stdout.contains("change_log.csv: 13 rows"), "\(e.stdout)")
    #expect(e.stdout.contains("snapshot_retractions.csv: 1 rows"), "\(e.stdout)")
    #expect(e.stdout.contains("channel_handle_history.csv: 1 rows"), "\(e.stdout)")
    #expect(e.stdout.contains("channel_owners.csv: 3 rows"), "\(e.stdout)")

    let copy = cli.dir.appendingPathComponent("copy.sqlite").path
    let i = try cli.run(["init", "--seed", exported, "--db", copy], useDB: false)
    #expect(i.status == 0, "\(i.stderr)")
    let original = try Self.tables(cli.db)
    let rebuilt = try Self.tables(copy)
    #expect(original.keys.sorted() == rebuilt.keys.sorted())
    for (t, rows) in original {
      #expect(rebuilt[t] == rows, "table \(t) differs after export and init")
    }
    #expect(original["change_log"]?.isEmpty == false)
    #expect(original["channel_owner"]?.split(separator: "\n").count == 3)
    #expect(original["snapshot_retraction"]?.contains("'tester'") == true)
    #expect(original["snapshot"]?.hasPrefix("1,") == true, "\(original["snapshot"] ?? "")")
    #expect(original["snapshot"]?.contains("=cmd|'' /C calc''!A0") == true)
  }
}
