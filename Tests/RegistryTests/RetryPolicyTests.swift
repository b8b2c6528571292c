import Foundation
import Synchronization
import Testing

@testable import Registry

@Test func retryAfterReadsSecondsAndHTTPDates() {
  let now = Date(timeIntervalSince1970: 1_715_000_000)  // 2024-05-06T12:53:20Z
  #expect(RetryPolicy.retryAfter("120", now: now) == 120)
  // 2024-05-06 12:55:00 GMT is 100 s after 12:53:20.
  #expect(RetryPolicy.retryAfter("Mon, 06 May 2024 12:55:00 GMT", now: now) == 100)
  #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
}

@Test func rateLimitWaitOnlyWhenNothingRemains() {
  let now = Date(timeIntervalSince1970: 1_715_000_000)
  #expect(
    RetryPolicy.rateLimitWait(
      headers: ["x-ratelimit-remaining": "3", "x-ratelimit-reset": "1715000060"], now: now) == nil)
  // Bluesky style: epoch seconds, 60 s from now.
  #expect(
    RetryPolicy.rateLimitWait(
      headers: ["ratelimit-remaining": "0", "ratelimit-reset": "1715000060"], now: now) == 60)
  // Mastodon style: an ISO 8601 time, 2024-05-06T12:54:00Z is 40 s from now.
  #expect(
    RetryPolicy.rateLimitWait(
      headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "2024-05-06T12:54:00.000Z"],
      now: now) == 40)
}

@Test func backoffDoublesWithJitterAndIsCapped() {
  var p = RetryPolicy()
  p.baseDelay = 1
  p.maxDelay = 5
  p.random = { 0.5 }
  // retry 1: 1 s -> 0.5 + 0.5*0.5 = 0.75; retry 2: 2 s -> 1.5; retry 3: 4 s -> 3; retry 4: 8 capped to 5 -> 3.75
  #expect(p.backoff(retry: 1) == 0.75)
  #expect(p.backoff(retry: 2) == 1.5)
  #expect(p.backoff(retry: 3) == 3)
  #expect(p.backoff(retry: 4) == 3.75)
}

@Test func onlyTooManyRequestsAndServerErrorsAreRetried() {
  #expect(RetryPolicy.isRetryable(status: 429))
  #expect(RetryPolicy.isRetryable(status: 503))
  #expect(!RetryPolicy.isRetryable(status: 404))
  #expect(!RetryPolicy.isRetryable(status: 400))
  #expect(!RetryPolicy.isRetryable(status: 200))
}

/// A clock that only moves when the code under test sleeps.
final class FakeClock: Sendable {
  private let state = Mutex<(now: Double, sleeps: [Double])>((1000, []))
  var now: Double { state.withLock { $0.now } }
  var sleeps: [Double] { state.withLock { $0.sleeps } }
  func sleep(_ seconds: Double) {
    state.withLock {
      $0.now += seconds
      $0.sleeps.append(seconds)
    }
  }
}

@Test func rateLimiterSpacesRequestsToOneHost() {
  let clock = FakeClock()
  let limiter = RateLimiter(
    minInterval: 2, now: { clock.now }, sleep: { clock.sleep($0) })
  limiter.acquire(host: "a")
  limiter.acquire(host: "b")  // another host: no wait
  limiter.acquire(host: "a")  // 2 s after the first
  limiter.pause(host: "b", seconds: 10)
  limiter.acquire(host: "b")  // asked to wait 10 s from t=1002
  #expect(clock.sleeps == [2, 10])
}
