import Foundation
import GRDB
import Vocabulary

/// What happens to the open channels of merged entities.
public enum MergeChannelPolicy: String, Sendable, CaseIterable {
  /// The channels now belong to the new entity.
  case move
  /// The channels close on the merge date.
  case close
}

/// What a merge did, for the user.
public struct MergeResult: Sendable, Equatable {
  public var created: Bool
  public var population: Int64?
  public var movedChannels: [String]
  public var closedChannels: [String]
}

extension RegistryDatabase {
  /// Merges entities into `into.id` on `day`: closes each old entity (valid_to = day), creates or
  /// opens the new one (valid_from = day; population = the sum unless given; municipalities = the
  /// union), records lineage, and moves or closes the old entities' open channels. A moved
  /// channel changes hands on `day`: before it, it stays the old entity's (`channel_owner`).
  public func mergeEntities(
    _ ids: [String], into: EntityInput, on day: Day, channels policy: MergeChannelPolicy?,
    context: ChangeContext
  ) throws -> MergeResult {
    let newId = into.id
    guard !ids.isEmpty else { throw RegistryError.invalid("name at least one entity to merge") }
    guard Set(ids).count == ids.count else {
      throw RegistryError.invalid("an entity is named twice in the merge")
    }
    guard !ids.contains(newId) else {
      throw RegistryError.invalid(
        "\(newId) cannot be merged into itself; --into names a new entity")
    }
    let d = day.description
    return try curate(context, subject: newId) { db, recorder in
      var olds: [Entity] = []
      for id in ids {
        guard let e = try Entity.fetchOne(db, key: id) else {
          throw RegistryError.notFound("no entity '\(id)'; see `registry-cli entities`")
        }
        guard e.exists(on: day) else {
          throw RegistryError.invalid(
            "\(id) does not exist on \(d) (valid \(e.validFrom ?? "…") to \(e.validTo ?? "…"))")
        }
        olds.append(e)
      }
      let openChannels = try Channel.fetchAll(
        db,
        sql: """
          SELECT * FROM channel WHERE entity_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
          AND (closed_on IS NULL OR closed_on > ?) ORDER BY key
          """, arguments: StatementArguments(ids + [d]))
      if !openChannels.isEmpty && policy == nil {
        throw RegistryError.invalid(
          "the merged entities have \(openChannels.count) open channel(s) "
            + "(\(openChannels.map(\.key).joined(separator: ", "))): say --channels move or --channels close"
        )
      }
      let store = EntityStore(db: db, recorder: recorder)
      // Close the old entities first, so the new one may reuse their municipalities.
      for e in olds {
        try store.save(
          EntityInput(id: e.id, values: ColumnValues(["valid_to": d])), mode: .edit, action: "merge"
        )
      }
      let exists = try Entity.exists(db, key: newId)
      var input = into
      let first = olds[0]
      if !exists {
        var defaults: [String: String] = [
          "kind": first.kind.rawValue, "country": first.country, "region": first.region ?? "",
          "languages": first.languages,
        ]
        for k in defaults.keys where input.values.has(k) { defaults[k] = nil }
        for (k, v) in defaults { input.values[k] = v }
      }
      var population: Int64? = nil
      if let given = try input.values.int("population") {
        population = given
      } else {
        let pops = olds.compactMap(\.population)
        if pops.count == olds.count {
          population = pops.reduce(0, +)
          input.values["population"] = String(population!)
        }
      }
      input.values["valid_from"] = d
      for e in olds {
        for m in try EntityMunicipality.filter(sql: "entity_id = ?", arguments: [e.id]).fetchAll(db)
        where input.municipalities[m.nisCode] == nil {
          input.municipalities[m.nisCode] = .some(m.name)
        }
      }
      try store.save(input, mode: .upsert, action: "merge")
      for e in olds {
        let lineage = EntityLineage(
          predecessorId: e.id, successorId: newId, onDate: d, sourceId: recorder.sourceId)
        if try EntityLineage.exists(db, key: ["predecessor_id": e.id, "successor_id": newId]) {
          throw RegistryError.invalid("\(e.id) is already recorded as a predecessor of \(newId)")
        }
        try lineage.insert(db)
        try recorder.diff(
          action: "merge", table: "entity_lineage", key: "\(e.id)>\(newId)", entityId: newId,
          old: nil, new: try lineage.databaseDictionary)
      }
      var moved: [String] = []
      var closed: [String] = []
      let channelStore = ChannelStore(db: db, recorder: recorder)
      for c in openChannels {
        switch policy {
        case .move?:
          try channelStore.change(
            c, ColumnValues(["entity_id": newId]), action: "merge", movedOn: day)
          moved.append(c.key)
        case .close?:
          try channelStore.change(
            c, ColumnValues(["closed_on": d, "status": ChannelStatus.closed.rawValue]),
            action: "merge")
          closed.append(c.key)
        case nil: break
        }
      }
      let stored = try Entity.fetchOne(db, key: newId)?.population
      return MergeResult(
        created: !exists, population: population ?? stored,
        movedChannels: moved, closedChannels: closed)
    }
  }
}
