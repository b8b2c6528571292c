import HTTPTypes
import Hummingbird
import Registry
import Reporting
import Stats
import Vocabulary

/// The pages and their downloads: `/`, `/accounts`, `/entities`, `/entities/{id}`, `/report`,
/// `/compare/{id}`, `/rank`.
enum PageRoutes {
  static func add(to router: Router<SiteContext>, site: Site) {
    router.get("/") { request, context in
      return try await site.answer(request, context) { q in
        (
          asOf: try q.day("as_of"), selector: try PageRequests.selector(&q),
          colouring: try q.choice("colour", ZoneMapChart.Colouring.self) ?? .status,
          minConfidence: try q.choice("min_confidence", Confidence.self)
        )
      } respond: { p, _ in
        let scope = ScopeRequest(
          asOf: p.asOf ?? Day.today(),
          minConfidence: p.minConfidence ?? PresenceRule.defaultMinConfidence)
        var request = AdoptionReportRequest(scope: scope)
        var report = try site.report(request)
        if report.selectorIndex(p.selector.name) == nil {
          // A platform without channels in scope still gets its (empty) map and column.
          request.platforms = report.filters.platforms + [p.selector.name]
          report = try site.report(request)
        }
        let choice = HomePage.Choice(
          asOfGiven: p.asOf, selector: report.selectorIndex(p.selector.name) ?? 0,
          colouring: p.colouring, minConfidenceGiven: p.minConfidence)
        return Reply.html(
          HomePage.render(
            report, choice: choice,
            map: try ZoneMapFile.map(site.map, of: site.registry, on: report.asOf),
            nonce: Reply.nonce))
      }
    }

    addListing(
      router, site: site, path: "/accounts",
      spec: ListingPage.Spec(
        title: "Accounts", path: "/accounts",
        linkColumns: [
          "entity_name": "entity_id", "entity_code": "entity_id", "entity_id": "entity_id",
        ],
        fields: [.search, .region, .platform, .kind, .status, .asOf, .ceased, .statuses]),
      SiteListings.accounts)
    addListing(
      router, site: site, path: "/entities",
      spec: ListingPage.Spec(
        title: "Entities", path: "/entities", linkColumns: ["name": "id", "id": "id"],
        fields: [.search, .region, .platform, .kind, .asOf, .presence]),
      SiteListings.entities)

    router.get("/entities/:id") { request, context in
      let id = try Site.pathParameter(context, "id")
      return try await site.answer(request, context) { q in
        try PageRequests.entity(&q)
      } respond: { p, _ in
        let profile = try Profiles.entity(site.registry, id: id, on: p.asOf, rule: p.rule)
        return Reply.html(
          EntityPage.render(
            profile, map: site.map, nonce: Reply.nonce, synthetic: try site.synthetic()))
      }
    }

    for (suffix, format) in [("", ReportFormat.html)]
      + ReportFormat.allCases.map({ (".\($0.fileExtension)", $0) })
    {
      router.get("/report\(suffix)") { request, context in
        return try await site.answer(request, context) { q in
          AdoptionReportRequest(
            scope: try PageRequests.scope(&q), platforms: try PageRequests.reportPlatforms(&q))
        } respond: { r, _ in
          let report = try site.report(r)
          // Only the HTML draws the map (the zones of the report's date: a query).
          let options =
            format == .html
            ? HTMLOptions(
              zoneMap: try ZoneMapFile.map(site.map, of: site.registry, on: report.asOf),
              styleNonce: Reply.nonce, entityLink: { "/entities/\($0)" },
              header: (Layout.navigation("/report"), Layout.navigationStyle)) : nil
          let text = AdoptionReporting.render(report, as: format, html: options)
          return Reply.format(
            text, format,
            filename: format == .csv || format == .markdown
              ? "adoption-report-\(report.asOf)" : nil)
        }
      }
    }

    router.get("/compare/:id") { request, context in
      let id = try Site.pathParameter(context, "id")
      return try await site.answer(request, context) { q in
        try PageRequests.compare(&q, id: id)
      } respond: {
        r, _ in
        let comparison = try Comparing.compare(site.registry, r)
        return Reply.html(
          Comparing.render(
            comparison, as: .html,
            html: HTMLOptions(
              styleNonce: Reply.nonce, entityLink: { "/entities/\($0)" },
              header: (Layout.navigation(nil), Layout.navigationStyle))))
      }
    }

    router.get("/rank") { request, context in
      return try await site.answer(request, context) { q in
        try PageRequests.rank(&q)
      } respond: { r, q in
        let table = try Comparing.rank(site.registry, r)
        return Reply.html(
          RankPage.render(
            table, request: r, query: q, regions: try site.regions(), nonce: Reply.nonce))
      }
    }
    for format in [ListingFormat.csv, .json, .ndjson] {
      router.get("/rank.\(format.fileExtension)") { request, context in
        try await site.answer(request, context) { q in
          try PageRequests.rank(&q)
        } respond: { r, _ in
          let table = try Comparing.rank(site.registry, r)
          return Reply.format(
            Comparing.render(table, scope: r.scope.summary, as: format), format,
            filename: format == .csv ? "rank-\(r.metric.rawValue)" : nil)
        }
      }
    }
  }

  /// A listing's page and its downloads (`.csv`, `.json`, `.ndjson`).
  static func addListing(
    _ router: Router<SiteContext>, site: Site, path: String, spec: ListingPage.Spec,
    _ definition: SiteListings.Definition<ListingQuery>
  ) {
    router.get(RouterPath(path)) { request, context in
      return try await site.answer(request, context) { q in
        (try definition.parse(&q), try PageRequests.order(&q), try PageRequests.page(&q))
      } respond: { p, q in
        let rows = try definition.read(site.registry, p.0)
        let page = ListingPage.Page(
          page: p.2.page, perPage: p.2.perPage, sort: p.1.sort, desc: p.1.desc)
        return Reply.html(
          try ListingPage.render(
            rows, spec: spec, query: q, page: page, regions: try site.regions(),
            nonce: Reply.nonce, synthetic: try site.synthetic()))
      }
    }
    for format in [ListingFormat.csv, .json, .ndjson] {
      router.get(RouterPath(path + "." + format.fileExtension)) { request, context in
        try await site.answer(request, context) { q in
          (try definition.parse(&q), try PageRequests.order(&q), try PageRequests.window(&q))
        } respond: { p, _ in
          let rows = try definition.read(site.registry, p.0)
          let shape = ListingShape(
            format: format, limit: p.2.limit, sort: p.1.sort, desc: p.1.desc, offset: p.2.offset)
          return Reply.format(
            try rows.render(shape), format,
            filename: format == .csv ? String(path.dropFirst()) : nil
          ).with(.xTotalCount, String(rows.count))
        }
      }
    }
  }
}

extension HTTPField.Name {
  /// How many rows match a listing's filter (a download or an API page may hold fewer).
  static let xTotalCount = Self("X-Total-Count")!
}
