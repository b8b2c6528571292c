import Foundation
import Vocabulary

/// When to try a request again and how long to wait first: exponential backoff with jitter for
/// timeouts, connection errors, 429 and 5xx; never for other 4xx.
public struct RetryPolicy: Sendable {
  /// Total attempts, including the first.
  public var maxAttempts = 4
  /// Wait before the first retry; doubles on each further one.
  public var baseDelay: Double = 1
  /// Upper bound of one backoff wait.
  public var maxDelay: Double = 30
  /// A server asking to wait longer than this (Retry-After, rate-limit reset) makes the request
  /// fail now instead of stalling the whole run.
  public var maxServerWait: Double = 300
  /// Returns a number in 0..<1; injectable so tests get known delays.
  public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

  public init() {}

  /// Whether an HTTP status is worth another try.
  public static func isRetryable(status: Int) -> Bool {
    status == 429 || (500...599).contains(status)
  }

  /// Backoff before retry number `retry` (1 for the first retry): base * 2^(retry-1), capped,
  /// with "equal jitter" (half fixed, half random) so parallel clients do not retry in step.
  public func backoff(retry: Int) -> Double {
    let exp = min(maxDelay, baseDelay * pow(2, Double(max(0, retry - 1))))
    return exp / 2 + exp / 2 * random()
  }

  /// Parses a Retry-After value: delay-seconds or an HTTP date (RFC 9110), as seconds from `now`.
  public static func retryAfter(_ value: String, now: Date) -> Double? {
    let v = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(v), seconds >= 0 { return seconds }
    guard let date = httpDate(v) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }

  /// Seconds until the rate-limit window resets when the server says no request is left
  /// (`X-RateLimit-Remaining: 0` or `RateLimit-Remaining: 0`), else nil. The reset may be epoch
  /// seconds (Bluesky), seconds from now, or an ISO 8601 time (Mastodon).
  public static func rateLimitWait(headers: [String: String], now: Date) -> Double? {
    let remaining = headers["x-ratelimit-remaining"] ?? headers["ratelimit-remaining"]
    guard let remaining, let left = Int(remaining.trimmingCharacters(in: .whitespaces)), left <= 0
    else { return nil }
    guard let reset = headers["x-ratelimit-reset"] ?? headers["ratelimit-reset"] else { return nil }
    let r = reset.trimmingCharacters(in: .whitespaces)
    if let number = Double(r) {
      // Values this large are epoch seconds, smaller ones a delay.
      return number > 1_000_000_000 ? max(0, number - now.timeIntervalSince1970) : max(0, number)
    }
    if case .success(let epoch) = Timestamp.parse(r) {
      return max(0, Double(epoch) - now.timeIntervalSince1970)
    }
    return httpDate(r).map { max(0, $0.timeIntervalSince(now)) }
  }

  static func httpDate(_ text: String) -> Date? {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "GMT")
    for format in [
      "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ] {
      f.dateFormat = format
      if let d = f.date(from: text) { return d }
    }
    return nil
  }
}
