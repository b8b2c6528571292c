import Foundation
import GRDB
import Vocabulary

/// What a user's text names: an entity or a channel.
public enum NamedThing: Sendable {
  case entity(Entity)
  case channel(Channel)
}

extension RegistryDatabase {
  /// Finds what a user means by `text`, the one rule of `show`, `compare` and the web pages: an
  /// entity by id, by official code (an existing entity first) or by name (in any language,
  /// ignoring case and accents, when one entity has it), else a channel by key, id, handle in
  /// any pasted form or former handle. Throws `notFound` saying where to look, or `invalid`
  /// listing the candidates when the text is ambiguous.
  public func resolve(_ text: String) throws -> NamedThing {
    try writer.read { db in try Self.resolve(db, text) }
  }

  /// The entity a user means by `text` (`resolve`); a channel names its owner on `day` (its
  /// current owner without a day).
  public func resolveEntity(_ text: String, on day: Day? = nil) throws -> Entity {
    try writer.read { db in
      switch try Self.resolve(db, text) {
      case .entity(let e): return e
      case .channel(let c):
        var owner = c.entityId
        if let day {
          owner =
            try String.fetchOne(
              db,
              sql: "SELECT \(Ownership.ownerOnDaySQL) FROM channel c WHERE c.id = ?",
              arguments: [day.description, day.description, c.id]) ?? c.entityId
        }
        guard let e = try Entity.fetchOne(db, key: owner) else {
          throw RegistryError.notFound("no entity '\(owner)'")
        }
        return e
      }
    }
  }

  static func resolve(_ db: Database, _ text: String) throws -> NamedThing {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let e = try Entity.fetchOne(db, key: t) { return .entity(e) }
    let byCode = try Entity.filter(sql: "code = ?", arguments: [t])
      .order(sql: "valid_to IS NOT NULL, id").fetchAll(db)
    if let e = byCode.first { return .entity(e) }
    let named = try entities(db, named: t)
    if named.count == 1 { return .entity(named[0]) }
    if named.count > 1 {
      throw RegistryError.invalid(
        "'\(text)' is the name of several entities: "
          + named.map(\.id).joined(separator: ", ") + "; give one of these ids")
    }
    do {
      return .channel(try resolveChannel(db, t))
    } catch RegistryError.notFound(let why) {
      // A channel a merge removed: the lookup's message says where it went.
      if try mergedInto(db, key: t) != nil { throw RegistryError.notFound(why) }
      throw RegistryError.notFound(
        "no entity or channel matches '\(text)' (an id, official code, name, channel key, "
          + "handle or URL); see `registry-cli entities --search \(text)` or "
          + "`registry-cli accounts --search \(text)`")
    }
  }

  /// The entities with a name equal to `text`, ignoring case and accents, in id order.
  static func entities(_ db: Database, named text: String) throws -> [Entity] {
    let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
    guard !text.isEmpty else { return [] }
    var ids: [String] = []
    let rows = try Row.fetchCursor(
      db, sql: "SELECT DISTINCT entity_id, name FROM entity_name ORDER BY entity_id")
    while let r = try rows.next() {
      let name: String = r["name"]
      let id: String = r["entity_id"]
      if name.compare(text, options: options) == .orderedSame, ids.last != id { ids.append(id) }
    }
    return try Entity.fetchAll(db, keys: ids).sorted { $0.id < $1.id }
  }
}
