import ArgumentParser
import Foundation
import Registry
import Vocabulary

struct CollectWebsitesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "websites",
    abstract: "Survey each entity's accounts from the links of its own website.",
    discussion: """
      Example: registry-cli collect websites --region BE-WAL
      Reads each entity's website channel (and at most a few same-site pages it links as \
      contact, about or social media), runs every link through the handle parser and records \
      surveys (method website): present with the handle (confidence medium; a channel the \
      registry does not know is added as unverified), absent (confidence low) for the other \
      social platforms when the site links at least one of the entity's accounts. Links to \
      another entity's channel, share buttons, redirects and posts are listed to check, not \
      attributed. robots.txt is honoured. Each site is stored as soon as it is read; exit code \
      3 means some sites failed. See docs/collect.md.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Only entities in this region, ISO 3166-2 (repeatable).")
  var region: [String] = []

  @Option(help: "Only this entity: id, official code or name (repeatable).")
  var entity: [String] = []

  @Flag(help: "Read the sites and print what would be recorded; write nothing.")
  var dryRun = false

  @Option(help: "Sites read at once.")
  var concurrency = 4

  @Option(help: "Seconds before one request gives up (connecting: at most 10).")
  var timeout: Double = 30

  @Option(help: "Minimum seconds between two requests to one host.")
  var minInterval: Double = 1

  @Option(help: "Upper bound of one retry backoff wait, in seconds.")
  var maxBackoff: Double = 30

  @Option(help: "Attempts per request, including the first.")
  var attempts = 3

  @Option(help: "Largest page read, in bytes; a larger page fails the site.")
  var maxPageBytes = 5 * 1024 * 1024

  @Option(help: "Redirects followed per page.")
  var maxRedirects = 5

  @Option(help: "Same-site pages (contact, about, social media) read besides the home page.")
  var extraPages = 3

  @Option(help: "The URL the User-Agent names so that site operators can reach you.")
  var contact: String?

  @Option(help: "Send every request to this base URL, the site's host as the first path segment.")
  var baseURL: String?

  @Option(help: "Who records the surveys (default: the login name, $USER or $LOGNAME).")
  var by: String?

  func validate() throws {
    guard (1...32).contains(concurrency) else {
      throw ValidationError("--concurrency takes 1 to 32")
    }
    guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
    guard minInterval >= 0, maxBackoff >= 0 else {
      throw ValidationError("--min-interval and --max-backoff cannot be negative")
    }
    guard (1...10).contains(attempts) else { throw ValidationError("--attempts takes 1 to 10") }
    guard maxPageBytes >= 1024 else { throw ValidationError("--max-page-bytes takes 1024 or more") }
    guard (0...20).contains(maxRedirects) else {
      throw ValidationError("--max-redirects takes 0 to 20")
    }
    guard (0...10).contains(extraPages) else {
      throw ValidationError("--extra-pages takes 0 to 10")
    }
    for url in [baseURL, contact].compactMap({ $0 }) {
      guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme ?? ""),
        c.host != nil, !url.contains(where: { $0.isWhitespace || $0 == ")" })
      else { throw ValidationError("'\(url)' is not an http(s) URL") }
    }
  }

  func run() throws {
    let registry = try database.open()
    var options = WebsiteOptions()
    options.regions = region.map { $0.uppercased() }
    options.entities = entity
    options.dryRun = dryRun
    options.concurrency = concurrency
    options.maxExtraPages = extraPages

    var http = HTTPClientConfiguration()
    http.totalTimeout = timeout
    http.connectTimeout = min(10, timeout)
    http.maxBodyBytes = maxPageBytes
    http.followRedirects = false
    http.userAgent =
      contact.map { "registry-cli/\(RegistryCLI.version) (+\($0))" }
      ?? HTTPClient.defaultUserAgent(version: RegistryCLI.version)
    var retry = RetryPolicy()
    retry.maxDelay = maxBackoff
    retry.baseDelay = min(1, maxBackoff)
    retry.maxAttempts = attempts
    let fetcher = SiteFetcher(
      fetcher: PoliteFetcher(
        client: HTTPClient(configuration: http), limiter: RateLimiter(minInterval: minInterval),
        retry: retry),
      agent: "registry-cli", maxRedirects: maxRedirects, baseURL: baseURL)
    let collector = WebsiteCollector(
      registry: registry, fetcher: fetcher, options: options,
      context: ChangeContext(source: nil, by: by ?? ChangeContext.loginName()))
    let targets = try collector.targets()
    if targets.isEmpty {
      Terminal.note("no entity with a website channel to read")
      return
    }
    // Without libcurl every site would fail with the same reason: stop before the first.
    try HTTPClient.loadLibcurl()
    let summary = collector.run(targets) { outcome, done, total in
      Terminal.progress(
        done: done, total: total, item: outcome.target.entityId, failed: outcome.failure != nil)
    }
    print(WebsiteReport.render(summary), terminator: "")
    if !summary.failed.isEmpty {
      Terminal.note(
        "\(summary.failed.count) of \(summary.outcomes.count) sites failed (see the summary); "
          + "the others were \(dryRun ? "read" : "stored"). Run again later for the failed ones.")
      throw ExitCode(CollectRunCommand.someFailedExitCode)
    }
  }
}
