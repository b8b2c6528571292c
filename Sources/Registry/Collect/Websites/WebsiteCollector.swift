import Foundation
import GRDB
import Synchronization
import Vocabulary

/// What `collect websites` should read.
public struct WebsiteOptions: Sendable {
  /// ISO 3166-2 region codes; empty means all.
  public var regions: [String] = []
  /// Entities by id, code or name; empty means every entity with a website.
  public var entities: [String] = []
  public var dryRun = false
  public var concurrency = 4
  /// Same-site pages (contact, about, social media) read besides the home page, at most.
  public var maxExtraPages = 3

  public init() {}
}

/// `collect websites`: reads each entity's website (and a few same-site pages it links as
/// contact, about or social media), classifies every link and records surveys: present with
/// the handle for each platform the site links an account of, absent (confidence low) for the
/// other social platforms when the site links at least one account. Each site is stored in its
/// own transaction as soon as it is read.
public struct WebsiteCollector: Sendable {
  public let registry: RegistryDatabase
  public let fetcher: SiteFetcher
  public let options: WebsiteOptions
  public let today: Day
  public let context: ChangeContext

  public init(
    registry: RegistryDatabase, fetcher: SiteFetcher, options: WebsiteOptions,
    context: ChangeContext
  ) {
    self.registry = registry
    self.fetcher = fetcher
    self.options = options
    self.today = context.day
    self.context = context
  }

  /// Method, confidence and source key of the surveys this collector records.
  public static let method = SurveyMethod.website
  public func sourceKey(_ entityId: String) -> String { "website-\(entityId)-\(today)" }

  /// Words of the addresses of pages worth reading besides the home page (nl, fr, de, en).
  static let extraPageWords = [
    "contact", "over-ons", "overons", "about", "a-propos", "apropos", "qui-sommes", "social",
    "sociale-media", "reseaux-sociaux", "volg-ons", "suivez", "kontakt", "uber-uns", "ueber-uns",
  ]

  /// The entities to read: those named (each needs a website), or every entity with an open
  /// website channel (in the regions), one site per entity (its first website channel by key).
  public func targets() throws -> [WebsiteTarget] {
    var ids: [String]? = nil
    if !options.entities.isEmpty {
      ids = try options.entities.map { try registry.resolveEntity($0).id }
    }
    let rows = try registry.writer.read { db in
      var sql = """
        SELECT c.entity_id, c.key, c.handle, c.url FROM channel c JOIN entity e ON e.id = c.entity_id
        WHERE c.platform = 'website' AND c.status <> 'closed' AND c.closed_on IS NULL
        """
      var args = StatementArguments()
      if !options.regions.isEmpty {
        sql += " AND e.region IN (\(placeholders(options.regions.count)))"
        args += StatementArguments(options.regions)
      }
      if let ids {
        sql += " AND e.id IN (\(placeholders(ids.count)))"
        args += StatementArguments(ids)
      }
      return try Row.fetchAll(db, sql: sql + " ORDER BY c.entity_id, c.key", arguments: args)
    }
    var out: [WebsiteTarget] = []
    for row in rows {
      let entity: String = row["entity_id"]
      if out.last?.entityId == entity { continue }
      // A website channel without a handle (none recorded) is fetched by its URL, else skipped.
      let handle: String? = row["handle"]
      let stored: String? = row["url"]
      guard
        let url = stored.flatMap({
          $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil
        }) ?? handle.map({ "https://" + $0 })
      else { continue }
      out.append(WebsiteTarget(entityId: entity, channelKey: row["key"], url: url))
    }
    if let ids {
      let found = Set(out.map(\.entityId))
      if let missing = ids.first(where: { !found.contains($0) }) {
        throw RegistryError.invalid(
          "\(missing) has no open website channel; add one: registry-cli channel add URL "
            + "--platform website --entity \(missing) --source-url URL")
      }
    }
    return out
  }

  /// Reads and stores every site with `options.concurrency` workers; `progress` is called once
  /// per finished site, from worker threads, with the number done so far and the total.
  public func run(
    _ targets: [WebsiteTarget],
    progress: @escaping @Sendable (SiteOutcome, Int, Int) -> Void = { _, _, _ in }
  ) -> WebsiteSummary {
    let state = Mutex<(next: Int, outcomes: [SiteOutcome])>((0, []))
    let group = DispatchGroup()
    for _ in 0..<max(1, min(options.concurrency, targets.count)) {
      group.enter()
      let thread = Thread {
        while true {
          let index = state.withLock { s -> Int? in
            guard s.next < targets.count else { return nil }
            s.next += 1
            return s.next - 1
          }
          guard let index else { break }
          let outcome = self.survey(targets[index])
          let done = state.withLock { s -> Int in
            s.outcomes.append(outcome)
            return s.outcomes.count
          }
          progress(outcome, done, targets.count)
        }
        group.leave()
      }
      thread.start()
    }
    group.wait()
    let outcomes = state.withLock { $0.outcomes }.sorted { $0.target.entityId < $1.target.entityId }
    return WebsiteSummary(outcomes: outcomes, dryRun: options.dryRun)
  }

  /// Reads one site and stores what it says.
  public func survey(_ target: WebsiteTarget) -> SiteOutcome {
    var outcome = SiteOutcome(target: target)
    let home: FetchedPage
    switch fetcher.page(target.url) {
    case .failure(let f):
      outcome.failure = f
      return outcome
    case .success(let p): home = p
    }
    var pages = [home]
    var unread: [SiteFinding] = []
    for url in extraPages(home, site: target.url) {
      switch fetcher.page(url) {
      case .success(let p): pages.append(p)
      case .failure(let f):
        unread.append(SiteFinding(url: url, page: home.url, reason: "page not read: \(f)"))
      }
    }
    outcome.pages = pages.map(\.url)
    var links: [(url: String, page: String, link: SiteLink)] = []
    var seen = Set<String>()
    for page in pages {
      for url in page.links where seen.insert(url).inserted {
        links.append((url, page.url, SiteLink.classify(url)))
      }
    }
    do {
      try write(target, links, allPagesRead: unread.isEmpty, into: &outcome)
      outcome.toCheck += unread
      outcome.stored = true
    } catch {
      outcome.failure = .fetch(
        FetchFailure(status: nil, reason: "not stored: \(error)", attempts: 1))
      outcome.present = []
      outcome.absent = []
      outcome.newChannels = []
    }
    return outcome
  }

  /// Same-site pages the home page links whose address names contact, about or social media,
  /// at most `maxExtraPages`, in page order. Same site: the same host (with or without `www.`)
  /// and, when the site's address has a path (`police.be/5340`), under that path.
  func extraPages(_ home: FetchedPage, site: String) -> [String] {
    guard options.maxExtraPages > 0 else { return [] }
    var out: [String] = []
    for (index, base) in [site, home.url].enumerated() {
      guard let b = URLComponents(string: base), let host = b.host else { continue }
      // The site's own address is a folder (`police.be/5340` holds `/5340/contact`); the page
      // read after redirects is a file in one (`/5343/home` sits in `/5343/`).
      var prefix = b.path
      if index == 1, !prefix.hasSuffix("/"), let slash = prefix.lastIndex(of: "/") {
        prefix = String(prefix[...slash])
      }
      if !prefix.hasSuffix("/") { prefix += "/" }
      for url in home.links where !out.contains(url) && url != home.url {
        guard let c = URLComponents(string: url), let h = c.host,
          Self.bare(h) == Self.bare(host), c.path.hasPrefix(prefix) || prefix == "/"
        else { continue }
        let path = c.path.lowercased()
        if Self.extraPageWords.contains(where: { path.contains($0) }) { out.append(url) }
        if out.count == options.maxExtraPages { return out }
      }
      if !out.isEmpty { break }
    }
    return out
  }

  static func bare(_ host: String) -> String {
    let h = host.lowercased()
    return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
  }

  /// Records the site's surveys in one transaction (rolled back with `--dry-run`).
  func write(
    _ target: WebsiteTarget, _ links: [(url: String, page: String, link: SiteLink)],
    allPagesRead: Bool, into outcome: inout SiteOutcome
  ) throws {
    let result = try registry.writer.writeWithoutTransaction { db in
      var planned = outcome
      try db.inTransaction {
        try record(db, target, links, allPagesRead: allPagesRead, into: &planned)
        if !options.dryRun { try SearchIndex.rebuild(db) }
        return options.dryRun ? .rollback : .commit
      }
      return planned
    }
    outcome = result
  }

  private func record(
    _ db: Database, _ target: WebsiteTarget,
    _ links: [(url: String, page: String, link: SiteLink)], allPagesRead: Bool,
    into outcome: inout SiteOutcome
  ) throws {
    let sourceId = try source(db, target)
    var store = SurveyStore(
      db: db, recorder: ChangeRecorder(db: db, context: context, sourceId: sourceId))
    store.newChannelStatus = .unverified
    var mentioned = Set<Platform>()
    var recorded = Set<Platform>()
    for (url, page, link) in links {
      switch link {
      case .other: continue
      case .toCheck(let reason, let platforms):
        mentioned.formUnion(platforms)
        outcome.toCheck.append(SiteFinding(url: url, page: page, reason: reason))
      case .account(let h):
        mentioned.insert(h.platform)
        if h.platform == .facebookPage || h.platform == .facebookGroup {
          mentioned.formUnion([.facebookPage, .facebookGroup])
        }
        if let other = try Row.fetchOne(
          db, sql: "SELECT key, entity_id FROM channel WHERE platform = ? AND handle = ?",
          arguments: [h.platform.rawValue, h.canonical]),
          (other["entity_id"] as String) != target.entityId
        {
          let key: String = other["key"]
          let owner: String = other["entity_id"]
          outcome.toCheck.append(
            SiteFinding(
              url: url, page: page,
              reason: "\(key) is a channel of \(owner), not attributed to \(target.entityId)"))
          continue
        }
        if recorded.contains(h.platform) {
          outcome.toCheck.append(
            SiteFinding(
              url: url, page: page,
              reason: "a further \(h.platform.rawValue) account; the survey names the first"))
          continue
        }
        do {
          let saved = try store.save(
            ColumnValues([
              "entity_id": target.entityId, "platform": h.platform.rawValue,
              "observed_on": today.description, "result": "present", "handle": h.canonical,
              "method": Self.method.rawValue, "confidence": Confidence.medium.rawValue,
              "note": "linked from \(page)",
            ]))
          recorded.insert(h.platform)
          outcome.present.append(
            SiteSurvey(platform: h.platform, handle: h.canonical, outcome: saved.outcome))
          if saved.channelCreated, let key = saved.channelKey { outcome.newChannels.append(key) }
        } catch let e as ColumnError {
          // Refused before anything was written (another answer of this source today).
          outcome.toCheck.append(SiteFinding(url: url, page: page, reason: e.reason))
        }
      }
    }
    // A site that links none of the entity's accounts says nothing about absence: it may be a
    // template whose social block is empty. Nor does a site one of whose pages could not be
    // read: the missing page may link the account.
    guard !recorded.isEmpty, allPagesRead else { return }
    let pages = outcome.pages.joined(separator: " ")
    for platform in Platform.allCases where platform.isSocial && !mentioned.contains(platform) {
      if let open = try String.fetchOne(
        db,
        sql: """
          SELECT key FROM channel WHERE entity_id = ? AND platform = ? AND status <> 'closed'
          AND closed_on IS NULL ORDER BY key LIMIT 1
          """, arguments: [target.entityId, platform.rawValue])
      {
        outcome.toCheck.append(
          SiteFinding(
            url: target.url, page: target.url,
            reason: "\(open) is in the registry but not linked by the site; no absence recorded"))
        continue
      }
      let saved = try store.save(
        ColumnValues([
          "entity_id": target.entityId, "platform": platform.rawValue,
          "observed_on": today.description, "result": "absent",
          "method": Self.method.rawValue, "confidence": Confidence.low.rawValue,
          "note": "not linked from \(pages)",
        ]))
      outcome.absent.append(SiteSurvey(platform: platform, handle: nil, outcome: saved.outcome))
    }
  }

  /// The site's source of the day (created, with its change-log row, on first use).
  private func source(_ db: Database, _ target: WebsiteTarget) throws -> Int64 {
    let key = sourceKey(target.entityId)
    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [key])
    {
      return id
    }
    var s = Source(
      key: key, title: "Website of \(target.entityId), links read by registry-cli collect websites",
      url: target.url, retrievedOn: today.description,
      note: "Each survey's note names the page the link was on.")
    try s.insert(db)
    guard let id = s.id else { throw RegistryError.database("no source id for \(key)") }
    try ChangeRecorder(db: db, context: context, sourceId: id).diff(
      action: "add", table: "source", key: key, entityId: nil, old: nil,
      new: try s.databaseDictionary, skip: ["id"])
    return id
  }
}

private func placeholders(_ n: Int) -> String {
  Array(repeating: "?", count: n).joined(separator: ", ")
}
