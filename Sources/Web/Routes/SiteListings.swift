import Registry
import Reporting
import Stats
import Vocabulary

/// The listings the site serves as pages, downloads and API answers: what each reads from the
/// query (the command's options, spelt as parameters) and how it reads the registry. The pages
/// and the API share these, so they take the same parameters.
enum SiteListings {
  /// What a listing reads from the query (`P`), and how it lists the registry's rows for it.
  struct Definition<P: Sendable>: Sendable {
    let parse: @Sendable (inout Query) throws -> P
    let read: @Sendable (RegistryDatabase, P) throws -> AnyListing
  }

  /// `registry-cli accounts`: the channels, or with `presence` each entity's status per platform.
  static let accounts = Definition<ListingQuery>(
    parse: { q in
      var p = ListingQuery(filter: try PageRequests.filter(&q))
      p.includeCeased = try q.flag("include_ceased")
      if try q.flag("presence") {
        if p.includeCeased {
          throw RequestError(
            "include_ceased",
            "presence gives the statuses of the entities existing on as_of; include_ceased "
              + "lists channels")
        }
        p.statuses = PresenceRule(minConfidence: try PageRequests.minConfidence(&q))
      } else {
        // Read so that it is not refused as unknown; it only matters with presence.
        _ = try PageRequests.minConfidence(&q)
      }
      return p
    },
    read: { registry, p in
      try p.filter.checkRegions(in: registry)
      if let rule = p.statuses {
        return AnyListing(try PresenceListing.accounts(registry, p.filter, rule: rule))
      }
      return AnyListing(
        try Listings.accounts(registry, p.filter, includeCeased: p.includeCeased))
    })

  /// `registry-cli entities`.
  static let entities = Definition<ListingQuery>(
    parse: { q in
      var p = ListingQuery(filter: try PageRequests.filter(&q))
      p.presence = try PageRequests.presence(&q)
      return p
    },
    read: { registry, p in
      try p.filter.checkRegions(in: registry)
      return AnyListing(try Listings.entities(registry, p.filter, presence: p.presence))
    })
}

extension SiteListings {
  /// `registry-cli reference list`: the published figures.
  static let references = Definition<ReferenceFilter>(
    parse: { q in
      ReferenceFilter(
        country: try q.text("country")?.uppercased(),
        platform: try q.text("platform").map { p in
          guard let platform = Platform(userText: p) else {
            throw RequestError(
              "platform", "unknown platform '\(p)'; use one of: \(Platform.namesList)")
          }
          return platform.rawValue
        },
        kind: try q.choice("kind", EntityKind.self)?.rawValue)
    },
    read: { registry, filter in
      AnyListing(Listings.references(try registry.referenceFigures(filter)))
    })

  /// `registry-cli log`: the change log.
  static let log = Definition<ChangeLogFilter>(
    parse: { q in ChangeLogFilter(entityId: try q.text("entity"), since: try q.day("since")) },
    read: { registry, filter in AnyListing(Listings.changeLog(try registry.changeLog(filter))) })
}

/// What a listing is asked for.
struct ListingQuery: Sendable {
  var filter: RegistryFilter
  /// Entities: with or without channels.
  var presence: ChannelPresence = .any
  /// Accounts: the entities that no longer exist too (`--include-ceased`).
  var includeCeased = false
  /// Accounts: each entity's status per platform instead (`--presence`), counting the surveys
  /// this rule counts.
  var statuses: PresenceRule?
}
