import Foundation

/// Why a fetch failed in the end, after any retries.
public struct FetchFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The last HTTP status, when a response arrived.
  public var status: Int?
  public var reason: String
  public var attempts: Int
  public var description: String {
    attempts > 1 ? "\(reason) (after \(attempts) attempts)" : reason
  }
}

/// GET with politeness: per-host rate limit, Retry-After and rate-limit headers honoured, retries
/// with backoff for transient failures. Sleeping is injectable so tests do not wait.
public struct PoliteFetcher: Sendable {
  public let client: HTTPClient
  public let limiter: RateLimiter
  public let retry: RetryPolicy
  public let sleep: @Sendable (Double) -> Void
  public let now: @Sendable () -> Date

  public init(
    client: HTTPClient, limiter: RateLimiter, retry: RetryPolicy = RetryPolicy(),
    sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.client = client
    self.limiter = limiter
    self.retry = retry
    self.sleep = sleep
    self.now = now
  }

  /// The response (any status) when one arrived and needs no retry; a failure otherwise.
  /// 429 and 5xx are retried; when retries run out they come back as a failure with the status.
  public func get(_ url: String, headers: [String: String] = [:]) -> Result<
    HTTPResponse, FetchFailure
  > {
    let host =
      URLComponents(string: url).flatMap { c in c.host.map { h in "\(h):\(c.port ?? 0)" } } ?? url
    var attempt = 0
    while true {
      attempt += 1
      limiter.acquire(host: host)
      let wait: Double
      let failure: FetchFailure
      do {
        let response = try client.get(url, headers: headers)
        if let reset = RetryPolicy.rateLimitWait(headers: response.headers, now: now()) {
          limiter.pause(host: host, seconds: min(reset, retry.maxServerWait))
        }
        guard RetryPolicy.isRetryable(status: response.status) else { return .success(response) }
        failure = FetchFailure(
          status: response.status, reason: "HTTP \(response.status)", attempts: attempt)
        let asked = response.headers["retry-after"].flatMap {
          RetryPolicy.retryAfter($0, now: now())
        }
        if let asked, asked > retry.maxServerWait {
          var f = failure
          f.reason += ", server asks to retry after \(Int(asked)) s"
          return .failure(f)
        }
        wait = asked ?? retry.backoff(retry: attempt)
        if let asked { limiter.pause(host: host, seconds: asked) }
      } catch {
        failure = FetchFailure(status: nil, reason: error.description, attempts: attempt)
        guard error.isTransient else { return .failure(failure) }
        wait = retry.backoff(retry: attempt)
      }
      if attempt >= retry.maxAttempts { return .failure(failure) }
      sleep(wait)
    }
  }
}
