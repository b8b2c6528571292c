import ArgumentParser
import Foundation
import Registry
import Vocabulary

struct CollectRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Fetch counts (the default when no subcommand is given).")

  /// Exit code when some channels failed and the others were stored.
  static let someFailedExitCode: Int32 = 3

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Only this platform: mastodon or bluesky (repeatable).")
  var platform: [String] = []

  @Option(help: "Only this channel: key, id, handle or URL (repeatable).")
  var channel: [String] = []

  @Option(help: "Only channels of entities in this region, ISO 3166-2 (repeatable).")
  var region: [String] = []

  @Flag(help: "Fetch and print what would be stored; write nothing.")
  var dryRun = false

  @Option(help: "Send every Mastodon request to this base URL instead of each account's server.")
  var mastodonBaseURL: String?

  @Option(help: "Bluesky AppView base URL.")
  var blueskyAppview: String = BlueskyCollector.defaultAppview

  @Option(help: "Requests in flight at once.")
  var concurrency = 4

  @Option(help: "Seconds before one request gives up (connecting: at most 10).")
  var timeout: Double = 30

  @Option(help: "Minimum seconds between two requests to one host.")
  var minInterval: Double = 1

  @Option(help: "Upper bound of one retry backoff wait, in seconds.")
  var maxBackoff: Double = 30

  @Option(help: "Attempts per request, including the first.")
  var attempts = 4

  func validate() throws {
    for p in platform {
      guard let parsed = Platform(userText: p) else {
        throw ValidationError("unknown platform '\(p)'; collect supports: mastodon, bluesky")
      }
      guard Collector.isSupported(parsed) else {
        throw ValidationError(
          "\(parsed.rawValue) has no public API the collectors can use; export its counts and "
            + "convert them: registry-cli collect presets")
      }
    }
    guard (1...32).contains(concurrency) else {
      throw ValidationError("--concurrency takes 1 to 32")
    }
    guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
    guard minInterval >= 0, maxBackoff >= 0 else {
      throw ValidationError("--min-interval and --max-backoff cannot be negative")
    }
    guard (1...10).contains(attempts) else { throw ValidationError("--attempts takes 1 to 10") }
    for url in [mastodonBaseURL, blueskyAppview].compactMap({ $0 }) {
      guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme ?? ""),
        c.host != nil
      else { throw ValidationError("'\(url)' is not an http(s) base URL") }
    }
  }

  func run() throws {
    let registry = try database.open()
    var options = CollectOptions()
    if !platform.isEmpty { options.platforms = platform.compactMap { Platform(userText: $0) } }
    options.channels = channel
    options.regions = region.map { $0.uppercased() }
    options.dryRun = dryRun
    options.mastodonBaseURL = mastodonBaseURL
    options.blueskyAppview = blueskyAppview
    options.concurrency = concurrency

    var http = HTTPClientConfiguration()
    http.totalTimeout = timeout
    http.connectTimeout = min(10, timeout)
    http.userAgent = HTTPClient.defaultUserAgent(version: RegistryCLI.version)
    var retry = RetryPolicy()
    retry.maxDelay = maxBackoff
    retry.baseDelay = min(1, maxBackoff)
    retry.maxAttempts = attempts
    let fetcher = PoliteFetcher(
      client: HTTPClient(configuration: http), limiter: RateLimiter(minInterval: minInterval),
      retry: retry)
    let now = Int64(Date().timeIntervalSince1970)
    let collector = Collector(
      registry: registry, fetcher: fetcher, options: options, today: Day(epochSeconds: now),
      observedAt: now)
    let targets = try collector.targets()
    if targets.isEmpty {
      Terminal.note(
        "no channel to collect (platforms: "
          + options.platforms.map(\.rawValue).joined(separator: ", ") + ")")
      return
    }
    // Without libcurl every channel would fail with the same reason: stop before the first.
    try HTTPClient.loadLibcurl()
    let summary = collector.run(targets) { outcome, done, total in
      Terminal.progress(
        done: done, total: total, item: outcome.target.key, failed: outcome.failure != nil)
    }
    print(CollectReport.render(summary), terminator: "")
    if !summary.failed.isEmpty {
      Terminal.note(
        "\(summary.failed.count) of \(summary.outcomes.count) channels failed (see the summary); "
          + "the others were \(dryRun ? "fetched" : "stored"). Run again later for the failed ones."
      )
      throw ExitCode(Self.someFailedExitCode)
    }
  }
}
