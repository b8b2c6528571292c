import Foundation
import TestSupport
import Testing

@testable import Registry

@Suite(.serialized) struct HTTPClientTests {
  func client(timeout: Double = 5, maxBody: Int = 2 * 1024 * 1024) -> HTTPClient {
    var c = HTTPClientConfiguration()
    c.totalTimeout = timeout
    c.connectTimeout = 2
    c.maxBodyBytes = maxBody
    c.userAgent = HTTPClient.defaultUserAgent(version: "9.9.9")
    return HTTPClient(configuration: c)
  }

  @Test func getReturnsStatusBodyAndHeadersAndSendsUserAgent() throws {
    let server = try StubHTTPServer { _ in
      .json(#"{"ok":true}"#, headers: ["X-RateLimit-Remaining": "299"])
    }
    defer { server.stop() }
    let r = try client().get(server.baseURL + "/hello?x=1")
    #expect(r.status == 200)
    #expect(String(decoding: r.body, as: UTF8.self) == #"{"ok":true}"#)
    #expect(r.headers["x-ratelimit-remaining"] == "299")
    let ua = server.requests.first?.headers["user-agent"] ?? ""
    #expect(ua.hasPrefix("registry-cli/9.9.9 (+https://"))
    #expect(server.requests.first?.headers["accept-encoding"]?.contains("gzip") == true)
  }

  @Test func connectionRefusedIsATransientConnectionError() {
    let port = StubHTTPServer.closedPort()
    #expect {
      _ = try client().get("http://127.0.0.1:\(port)/")
    } throws: { e in
      guard case .connection = e as? HTTPError else { return false }
      return (e as? HTTPError)?.isTransient == true
    }
  }

  @Test func slowResponsePastTheTimeoutTimesOut() throws {
    let server = try StubHTTPServer { _ in
      var r = StubResponse.json("{}")
      r.delay = 3
      return r
    }
    defer { server.stop() }
    #expect {
      _ = try client(timeout: 0.5).get(server.baseURL + "/")
    } throws: { e in
      if case .timeout = e as? HTTPError { return true }
      return false
    }
  }

  @Test func bodyOverTheCapAbortsTheTransfer() throws {
    let server = try StubHTTPServer { _ in
      StubResponse(status: 200, body: Data(repeating: 65, count: 300_000))
    }
    defer { server.stop() }
    #expect(throws: HTTPError.tooLarge(limit: 100_000)) {
      _ = try client(maxBody: 100_000).get(server.baseURL + "/")
    }
  }

  @Test func redirectLoopStopsAtTheCap() throws {
    let server = try StubHTTPServer { _ in
      StubResponse(status: 302, headers: ["Location": "/again"])
    }
    defer { server.stop() }
    #expect(throws: HTTPError.tooManyRedirects(limit: 5)) {
      _ = try client().get(server.baseURL + "/start")
    }
    // The first request plus 5 followed redirects.
    #expect(server.requests.count == 6)
  }

  @Test func aFollowedRedirectGivesTheAddressTheResponseCameFrom() throws {
    let server = try StubHTTPServer { request in
      request.path == "/old"
        ? StubResponse(status: 301, headers: ["Location": "/new?x=1"]) : .json("{}")
    }
    defer { server.stop() }
    let moved = try client().get(server.baseURL + "/old")
    #expect(moved.status == 200)
    #expect(moved.url == server.baseURL + "/old")
    #expect(moved.finalURL == server.baseURL + "/new?x=1")
    #expect(moved.redirectedTo == server.baseURL + "/new?x=1")
    // No redirect: the address asked for, even when curl would write it otherwise.
    let direct = try client().get(server.baseURL)
    #expect(direct.finalURL == server.baseURL && direct.redirectedTo == nil)
  }
}
