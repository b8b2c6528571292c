import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Registry

@Suite(.serialized) struct PoliteFetcherTests {
  /// A fetcher whose sleeps are recorded, not slept.
  func fetcher(_ clock: FakeClock, attempts: Int = 4) -> PoliteFetcher {
    var retry = RetryPolicy()
    retry.maxAttempts = attempts
    retry.random = { 0 }
    var http = HTTPClientConfiguration()
    http.totalTimeout = 5
    return PoliteFetcher(
      client: HTTPClient(configuration: http),
      limiter: RateLimiter(minInterval: 0, sleep: { clock.sleep($0) }), retry: retry,
      sleep: { clock.sleep($0) })
  }

  @Test func tooManyRequestsWaitsForRetryAfterThenSucceeds() throws {
    let count = Mutex(0)
    let server = try StubHTTPServer { _ in
      let n = count.withLock { c -> Int in
        c += 1
        return c
      }
      return n == 1 ? .json("{}", status: 429, headers: ["Retry-After": "7"]) : .json("{}")
    }
    defer { server.stop() }
    let clock = FakeClock()
    let result = fetcher(clock).get(server.baseURL + "/x")
    #expect((try? result.get())?.status == 200)
    #expect(clock.sleeps.first == 7)
    #expect(server.requests.count == 2)
  }

  @Test func serverErrorIsRetriedWithBackoff() throws {
    let count = Mutex(0)
    let server = try StubHTTPServer { _ in
      let n = count.withLock { c -> Int in
        c += 1
        return c
      }
      return n == 1 ? .json("{}", status: 500) : .json("{}")
    }
    defer { server.stop() }
    let clock = FakeClock()
    #expect((try? fetcher(clock).get(server.baseURL + "/x").get())?.status == 200)
    // base 1 s, random 0: backoff = 1/2 + 0 = 0.5 s.
    #expect(clock.sleeps == [0.5])
  }

  @Test func notFoundIsNotRetried() throws {
    let server = try StubHTTPServer { _ in .json("{}", status: 404) }
    defer { server.stop() }
    let clock = FakeClock()
    #expect((try? fetcher(clock).get(server.baseURL + "/x").get())?.status == 404)
    #expect(server.requests.count == 1)
    #expect(clock.sleeps.isEmpty)
  }

  @Test func persistentServerErrorFailsAfterMaxAttempts() throws {
    let server = try StubHTTPServer { _ in .json("{}", status: 503) }
    defer { server.stop() }
    let clock = FakeClock()
    let result = fetcher(clock, attempts: 3).get(server.baseURL + "/x")
    guard case .failure(let f) = result else {
      Issue.record("expected a failure")
      return
    }
    #expect(f.status == 503)
    #expect(f.attempts == 3)
    #expect(server.requests.count == 3)
    // backoffs 0.5 then 1 (base 1 s doubled, halved by jitter 0).
    #expect(clock.sleeps == [0.5, 1])
  }

  @Test func connectionRefusedIsRetriedThenReported() {
    let clock = FakeClock()
    let result = fetcher(clock, attempts: 2).get("http://127.0.0.1:\(StubHTTPServer.closedPort())/")
    guard case .failure(let f) = result else {
      Issue.record("expected a failure")
      return
    }
    #expect(f.reason.hasPrefix("connection failed"))
    #expect(f.attempts == 2)
  }
}
