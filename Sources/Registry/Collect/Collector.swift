import Foundation
import GRDB
import Synchronization
import Vocabulary

/// What `collect` should fetch and where from.
public struct CollectOptions: Sendable {
  /// The platforms with a public API the collectors know.
  public static let supported: [Platform] = [.mastodon, .bluesky]

  public var platforms: [Platform] = CollectOptions.supported
  /// Channel keys, ids, handles or URLs; empty means every open channel of the platforms.
  public var channels: [String] = []
  /// ISO 3166-2 region codes of the channels' entities; empty means all.
  public var regions: [String] = []
  public var dryRun = false
  public var mastodonBaseURL: String?
  public var blueskyAppview = BlueskyCollector.defaultAppview
  public var concurrency = 4

  public init() {}
}

/// The result for one channel.
public struct ChannelOutcome: Sendable {
  public var target: ChannelTarget
  /// The plan stored (or, with `--dry-run`, that would be stored); nil when the channel failed.
  public var plan: CollectPlan?
  public var failure: FetchFailure?
}

/// The end-of-run report.
public struct CollectSummary: Sendable {
  public var outcomes: [ChannelOutcome]
  public var dryRun: Bool

  public var fetched: [ChannelOutcome] { outcomes.filter { $0.plan != nil } }
  public var unchanged: [ChannelOutcome] { outcomes.filter { $0.plan?.unchanged == true } }
  public var failed: [ChannelOutcome] { outcomes.filter { $0.failure != nil } }
  public var renames: [ChannelOutcome] { outcomes.filter { $0.plan?.rename != nil } }
  public var moves: [ChannelOutcome] { outcomes.filter { $0.plan?.move != nil } }
  public var disclaimers: [ChannelOutcome] { outcomes.filter { $0.plan?.disclaimer == true } }
  public var warnings: [ChannelOutcome] { outcomes.filter { !($0.plan?.warnings.isEmpty ?? true) } }
}

/// Runs the collectors: selects channels, fetches with bounded concurrency, stores each channel's
/// result in its own transaction as it arrives.
public struct Collector: Sendable {
  public let registry: RegistryDatabase
  public let fetcher: PoliteFetcher
  public let options: CollectOptions
  public let store: CollectStore

  public init(
    registry: RegistryDatabase, fetcher: PoliteFetcher, options: CollectOptions, today: Day,
    observedAt: Int64
  ) {
    self.registry = registry
    self.fetcher = fetcher
    self.options = options
    self.store = CollectStore(registry: registry, today: today, observedAt: observedAt)
  }

  /// The channels to fetch: those named, or every channel not closed on the chosen platforms
  /// (and regions).
  public func targets() throws -> [ChannelTarget] {
    var channels: [Channel] = []
    if options.channels.isEmpty {
      channels = try registry.writer.read { db in
        var sql = """
          SELECT c.* FROM channel c JOIN entity e ON e.id = c.entity_id
          WHERE c.status <> 'closed' AND c.platform IN (\(placeholders(options.platforms.count)))
          """
        var args = StatementArguments(options.platforms.map(\.rawValue))
        if !options.regions.isEmpty {
          sql += " AND e.region IN (\(placeholders(options.regions.count)))"
          args += StatementArguments(options.regions)
        }
        return try Channel.fetchAll(db, sql: sql + " ORDER BY c.key", arguments: args)
      }
    } else {
      for text in options.channels {
        let c = try registry.resolveChannel(text)
        guard Self.isSupported(c.platform) else {
          throw RegistryError.invalid(
            "\(c.key): \(c.platform.rawValue) has no public API the collectors can use; export "
              + "the counts and convert them (registry-cli collect presets, docs/collect.md)")
        }
        if options.platforms.contains(c.platform), !channels.contains(where: { $0.id == c.id }) {
          channels.append(c)
        }
      }
    }
    // A channel without a handle cannot be looked up on its platform: nothing to collect.
    return channels.compactMap { c in
      guard let id = c.id, let handle = c.handle else { return nil }
      return ChannelTarget(
        channelId: id, key: c.key, entityId: c.entityId, platform: c.platform, handle: handle,
        platformId: c.platformId)
    }
  }

  public static func isSupported(_ platform: Platform) -> Bool {
    CollectOptions.supported.contains(platform)
  }

  /// Fetches and stores everything; `progress` is called once per finished channel, from worker
  /// threads, with the number done so far and the total.
  public func run(
    _ targets: [ChannelTarget],
    progress: @escaping @Sendable (ChannelOutcome, Int, Int) -> Void = { _, _, _ in }
  ) -> CollectSummary {
    var jobs: [[ChannelTarget]] = targets.filter { $0.platform == .mastodon }.map { [$0] }
    let bluesky = targets.filter { $0.platform == .bluesky }
    for start in stride(from: 0, to: bluesky.count, by: BlueskyCollector.batchSize) {
      jobs.append(Array(bluesky[start..<min(start + BlueskyCollector.batchSize, bluesky.count)]))
    }
    let queue = Mutex<(next: Int, outcomes: [ChannelOutcome])>((0, []))
    let total = targets.count
    let workers = max(1, min(options.concurrency, jobs.count))
    let group = DispatchGroup()
    let allJobs = jobs
    for _ in 0..<workers {
      group.enter()
      let thread = Thread {
        while true {
          let index = queue.withLock { state -> Int? in
            guard state.next < allJobs.count else { return nil }
            state.next += 1
            return state.next - 1
          }
          guard let index else { break }
          for outcome in self.perform(allJobs[index]) {
            let done = queue.withLock { state -> Int in
              state.outcomes.append(outcome)
              return state.outcomes.count
            }
            progress(outcome, done, total)
          }
        }
        group.leave()
      }
      thread.start()
    }
    group.wait()
    let outcomes = queue.withLock { $0.outcomes }.sorted { $0.target.key < $1.target.key }
    return CollectSummary(outcomes: outcomes, dryRun: options.dryRun)
  }

  /// One job: a Mastodon account, or a batch of Bluesky accounts.
  func perform(_ batch: [ChannelTarget]) -> [ChannelOutcome] {
    guard let first = batch.first else { return [] }
    switch first.platform {
    case .mastodon:
      let fetched = MastodonCollector.lookupURL(
        handle: first.handle, baseURL: options.mastodonBaseURL
      )
      .flatMap { fetcher.get($0) }
      .flatMap { MastodonCollector.parse($0, server: MastodonCollector.server(of: first.handle)) }
      return [finish(first, fetched, sourceURL: nil)]
    case .bluesky:
      let url = BlueskyCollector.profilesURL(
        appview: options.blueskyAppview, actors: batch.map(BlueskyCollector.actor(for:)))
      let results: [String: Result<FetchedProfile, FetchFailure>]
      switch url.flatMap({ fetcher.get($0) }) {
      case .success(let response): results = BlueskyCollector.parse(response, targets: batch)
      case .failure(let f):
        results = Dictionary(uniqueKeysWithValues: batch.map { ($0.key, .failure(f)) })
      }
      let endpoint = options.blueskyAppview + "/xrpc/app.bsky.actor.getProfiles"
      return batch.map { t in
        finish(
          t,
          results[t.key] ?? .failure(FetchFailure(status: nil, reason: "no result", attempts: 0)),
          sourceURL: endpoint)
      }
    default:
      return batch.map {
        ChannelOutcome(
          target: $0, plan: nil,
          failure: FetchFailure(
            status: nil, reason: "\($0.platform.rawValue) has no public API collector", attempts: 0)
        )
      }
    }
  }

  private func finish(
    _ target: ChannelTarget, _ fetched: Result<FetchedProfile, FetchFailure>, sourceURL: String?
  ) -> ChannelOutcome {
    let profile: FetchedProfile
    switch fetched {
    case .failure(let f): return ChannelOutcome(target: target, plan: nil, failure: f)
    case .success(let p): profile = p
    }
    do {
      let planned =
        options.dryRun
        ? try store.plan(target, profile) : try store.store(target, profile, sourceURL: sourceURL)
      switch planned {
      case .success(let plan): return ChannelOutcome(target: target, plan: plan, failure: nil)
      case .failure(let f): return ChannelOutcome(target: target, plan: nil, failure: f)
      }
    } catch {
      return ChannelOutcome(
        target: target, plan: nil,
        failure: FetchFailure(status: nil, reason: "not stored: \(error)", attempts: 1))
    }
  }
}

private func placeholders(_ n: Int) -> String {
  Array(repeating: "?", count: n).joined(separator: ", ")
}
