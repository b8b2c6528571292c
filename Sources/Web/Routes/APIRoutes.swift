import Foundation
import Hummingbird
import Registry
import Reporting
import Stats
import Vocabulary

/// `/api/v1/...`: the command line's JSON contracts, from the same renderers, and the OpenAPI
/// document that describes them (API/openapi.json).
enum APIRoutes {
  static let prefix = "/api/v1"

  static func add(to router: Router<SiteContext>, site: Site) {
    router.get("\(prefix)/openapi.json") { _, context in
      Reply.body(OpenAPIDocument.text, mediaType: "application/json")
        .response(nonce: context.nonce)
    }

    listing(router, site: site, "accounts", SiteListings.accounts)
    listing(router, site: site, "entities", SiteListings.entities)
    router.get("\(prefix)/summary") { request, context in
      try await site.answer(request, context) { q in
        try PageRequests.summary(&q)
      } respond: { r, _ in
        Reply.json(try Listings.summary(site.registry, r).render(ListingShape(format: .json)))
      }
    }
    listing(router, site: site, "references", SiteListings.references)
    listing(router, site: site, "log", SiteListings.log)

    router.get("\(prefix)/entities/:id") { request, context in
      let id = try Site.pathParameter(context, "id")
      return try await site.answer(request, context) { q in
        try PageRequests.entity(&q)
      } respond: { p, _ in
        let shown = try Profiles.shown(site.registry, id: id, on: p.asOf, rule: p.rule)
        return Reply.json(try Details.json(.entity(shown.detail), statuses: shown.statuses))
      }
    }

    router.get("\(prefix)/channels/:id/history") { request, context in
      let text = try Site.pathParameter(context, "id")
      guard let id = Int64(text), id > 0 else {
        throw PageError.notFound("A channel's history is at /api/v1/channels/{numeric id}/history.")
      }
      return try await site.answer(request, context) { q in
        let from = try q.day("from")
        let to = try q.day("to")
        if let from, let to, to < from {
          throw RequestError("to", "to \(to) is before from \(from)")
        }
        let every = try q.choice("every", HistoryPeriod.self)
        return (from, to, every, try PageRequests.window(&q))
      } respond: { p, _ in
        guard (try? site.registry.resolveChannel(String(id)))?.id == id else {
          throw PageError.notFound("No channel has the id \(id).")
        }
        let rows = try site.registry.history(channelId: id, from: p.0, to: p.1, every: p.2)
        let shape = ListingShape(format: .json, limit: p.3.limit, offset: p.3.offset)
        return counted(try Listings.history(rows).render(shape), total: rows.count)
      }
    }

    router.get("\(prefix)/report") { request, context in
      try await site.answer(request, context) { q in
        AdoptionReportRequest(
          scope: try PageRequests.scope(&q), platforms: try PageRequests.reportPlatforms(&q))
      } respond: { r, _ in
        Reply.json(AdoptionReporting.render(try site.report(r), as: .json))
      }
    }

    router.get("\(prefix)/compare/:id") { request, context in
      let id = try Site.pathParameter(context, "id")
      return try await site.answer(request, context) { q in
        try PageRequests.compare(&q, id: id)
      } respond: {
        r, _ in
        Reply.json(Comparing.render(try Comparing.compare(site.registry, r), as: .json))
      }
    }

    router.get("\(prefix)/rank") { request, context in
      try await site.answer(request, context) { q in
        try PageRequests.rank(&q)
      } respond: { r, _ in
        let table = try Comparing.rank(site.registry, r)
        return Reply.json(Comparing.render(table, scope: r.scope.summary, as: .json))
      }
    }
  }

  /// A listing route: the definition's parameters, then `limit`, `offset`, `sort` and `desc`.
  static func listing<P>(
    _ router: Router<SiteContext>, site: Site, _ name: String,
    _ definition: SiteListings.Definition<P>
  ) {
    router.get(RouterPath("\(prefix)/\(name)")) { request, context in
      try await site.answer(request, context) { q in
        (try definition.parse(&q), try PageRequests.order(&q), try PageRequests.window(&q))
      } respond: { p, _ in
        let listing = try definition.read(site.registry, p.0)
        let shape = ListingShape(
          format: .json, limit: p.2.limit, sort: p.1.sort, desc: p.1.desc, offset: p.2.offset)
        return counted(try listing.render(shape), total: listing.count)
      }
    }
  }

  static func counted(_ json: String, total: Int) -> Reply {
    Reply.json(json).with(.xTotalCount, String(total))
  }
}
