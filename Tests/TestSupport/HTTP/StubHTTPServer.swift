import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A request the stub server received.
public struct StubRequest: Sendable {
  public var method: String
  /// Path and query, as sent.
  public var target: String
  /// Header names lowercased.
  public var headers: [String: String]

  public var path: String { String(target.prefix { $0 != "?" }) }

  /// Values of a query parameter, percent-decoded, in order.
  public func query(_ name: String) -> [String] {
    URLComponents(string: "http://stub" + target)?.queryItems?
      .filter { $0.name == name }.compactMap(\.value) ?? []
  }
}

/// What the stub answers.
public struct StubResponse: Sendable {
  public var status = 200
  public var headers: [String: String] = ["Content-Type": "application/json"]
  public var body = Data()
  /// Seconds to wait before answering (a slow server).
  public var delay: Double = 0
  /// Close the connection without answering.
  public var hangUp = false

  public init(
    status: Int = 200, headers: [String: String] = ["Content-Type": "application/json"],
    body: Data = Data(), delay: Double = 0, hangUp: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
    self.hangUp = hangUp
  }

  public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:])
    -> StubResponse
  {
    var r = StubResponse(status: status, body: Data(text.utf8))
    r.headers.merge(headers) { _, new in new }
    return r
  }
}

/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests: one thread accepts, one
/// thread per connection answers with `handler`, then closes the connection.
public final class StubHTTPServer: Sendable {
  public let port: Int
  private let listener: Int32
  private let handler: @Sendable (StubRequest) -> StubResponse
  private let received = Mutex<[StubRequest]>([])
  private let stopped = Mutex(false)

  public var baseURL: String { "http://127.0.0.1:\(port)" }
  public var requests: [StubRequest] { received.withLock { $0 } }

  public init(handler: @escaping @Sendable (StubRequest) -> StubResponse) throws {
    self.handler = handler
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw StubError("socket failed") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw StubError("bind/listen failed")
    }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    port = Int(UInt16(bigEndian: addr.sin_port))
    listener = fd
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit { stop() }

  public func stop() {
    let already = stopped.withLock { s -> Bool in
      defer { s = true }
      return s
    }
    if already { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  /// A port on 127.0.0.1 where nothing listens (connection refused).
  public static func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = loopback(port: 0)
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    close(fd)
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = port.bigEndian
    addr.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
    return addr
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      if client < 0 {
        if errno == EINTR { continue }
        return
      }
      let thread = Thread { [self] in serve(client) }
      thread.start()
    }
  }

  private func serve(_ fd: Int32) {
    defer { close(fd) }
    var buffer = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    let end = Array("\r\n\r\n".utf8)
    while !buffer.containsSequence(end) {
      let n = recv(fd, &chunk, chunk.count, 0)
      if n <= 0 { return }
      buffer.append(contentsOf: chunk[0..<n])
      if buffer.count > 65_536 { return }
    }
    let text = String(decoding: buffer, as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ")
    guard parts.count >= 2 else { return }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let request = StubRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
    received.withLock { $0.append(request) }
    let response = handler(request)
    if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
    if response.hangUp { return }
    var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
    var all = response.headers
    all["Content-Length"] = String(response.body.count)
    all["Connection"] = "close"
    for (name, value) in all.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    head += "\r\n"
    sendAll(fd, Data(head.utf8) + response.body)
  }

  private func sendAll(_ fd: Int32, _ data: Data) {
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        if n <= 0 { return }  // the client went away (e.g. it aborted an oversized body)
        offset += n
      }
    }
  }

  private static func reason(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 301: return "Moved Permanently"
    case 302: return "Found"
    case 400: return "Bad Request"
    case 404: return "Not Found"
    case 410: return "Gone"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 503: return "Service Unavailable"
    default: return "Status"
    }
  }
}

public struct StubError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension Array where Element == UInt8 {
  fileprivate func containsSequence(_ needle: [UInt8]) -> Bool {
    guard count >= needle.count else { return false }
    for i in 0...(count - needle.count) where self[i..<(i + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }
}
