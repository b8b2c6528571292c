import Foundation
import Registry

/// One record in full, as `show` prints it for programs and the API serves it.
public enum Details {
  /// An entity with its statuses, as `show --format json` prints it.
  struct ShownEntity: Encodable {
    var entity: EntityDetail
    var presence: EntityStatuses
  }

  /// `{"entity": ..., "presence": ...}` or `{"channel": ...}`, pretty-printed (`JSONOutput`),
  /// ending in a newline. `statuses` are the entity's (`PresenceListing.entity`).
  public static func json(_ result: LookupResult, statuses: EntityStatuses?) throws -> String {
    switch result {
    case .entity(let e):
      guard let statuses else {
        throw RegistryError.invalid("an entity is shown with its statuses")
      }
      return try JSONOutput.pretty(ShownEntity(entity: e, presence: statuses)) + "\n"
    case .channel(let c): return try JSONOutput.pretty(["channel": c]) + "\n"
    }
  }

  /// An ownership period in words: `until D`, `from D`, `from D until E` (E exclusive).
  public static func ownership(_ from: String?, _ to: String?) -> String {
    switch (from, to) {
    case (nil, nil): return "for its whole life"
    case (let f?, nil): return "from \(f)"
    case (nil, let t?): return "until \(t)"
    case (let f?, let t?): return "from \(f) until \(t)"
    }
  }

  /// An entity's lifespan in words (`valid_to` is the day it ceased); nil when unbounded.
  public static func validity(_ from: String?, _ to: String?) -> String? {
    switch (from, to) {
    case (nil, nil): return nil
    case (let f?, nil): return "from \(f)"
    case (nil, let t?): return "until \(t) (ceased that day)"
    case (let f?, let t?): return "from \(f) until \(t) (ceased that day)"
    }
  }
}
