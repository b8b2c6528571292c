import GRDB

/// The full-text index (SQLite FTS5) over entity names, codes and channel handles.
enum SearchIndex {
  /// Rebuilds the whole index from the tables; cheap at registry sizes (thousands of rows).
  static func rebuild(_ db: Database) throws {
    try db.execute(sql: "DELETE FROM search_index")
    try db.execute(
      sql: """
        INSERT INTO search_index (kind, ref, text)
        SELECT 'entity', e.id,
               e.id || ' ' || coalesce(e.code, '') || ' ' ||
               coalesce((SELECT group_concat(name, ' ') FROM entity_name WHERE entity_id = e.id), '') ||
               ' ' || coalesce((SELECT group_concat(coalesce(name, ''), ' ')
                                FROM entity_municipality WHERE entity_id = e.id), '')
        FROM entity e;
        INSERT INTO search_index (kind, ref, text)
        SELECT 'channel', c.id, coalesce(c.handle, '') || ' ' || c.key || ' ' || coalesce(c.url, '') || ' ' ||
               coalesce((SELECT group_concat(handle, ' ') FROM channel_handle_history
                         WHERE channel_id = c.id), '')
        FROM channel c;
        """)
  }

  /// Turns user text into an FTS5 query of quoted prefix terms, so no user text is FTS syntax.
  static func ftsQuery(_ text: String) -> String? {
    let terms = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
      .map { "\"" + $0.replacingOccurrences(of: "\"", with: "") + "\"*" }
    return terms.isEmpty ? nil : terms.joined(separator: " ")
  }
}
