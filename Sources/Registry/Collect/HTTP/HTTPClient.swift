import CCurlShim
import Foundation

/// An HTTP response: status, headers (names lowercased, last value wins) and body.
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: [String: String]
  public var body: Data
  /// The URL that was asked for (before any redirect).
  public var url: String
  /// The URL the response came from: `url`, or where the redirects that were followed led.
  public var finalURL: String

  public init(
    status: Int, headers: [String: String], body: Data, url: String, finalURL: String? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.url = url
    self.finalURL = finalURL ?? url
  }

  /// Where the redirects led, when any was followed; nil otherwise.
  public var redirectedTo: String? { finalURL == url ? nil : finalURL }
}

/// Why a transfer did not produce a response.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
  case timeout(String)
  case connection(String)
  case tooLarge(limit: Int)
  case tooManyRedirects(limit: Int)
  case tls(String)
  case other(String)

  /// Timeouts and connection failures are worth another try; the others are not.
  public var isTransient: Bool {
    switch self {
    case .timeout, .connection: return true
    default: return false
    }
  }

  public var description: String {
    switch self {
    case .timeout(let m): return "timed out (\(m))"
    case .connection(let m): return "connection failed (\(m))"
    case .tooLarge(let limit): return "response larger than \(limit) bytes, transfer aborted"
    case .tooManyRedirects(let limit): return "more than \(limit) redirects"
    case .tls(let m): return "TLS verification failed (\(m))"
    case .other(let m): return m
    }
  }
}

/// Settings of one HTTP client.
public struct HTTPClientConfiguration: Sendable {
  public var connectTimeout: Double = 10
  /// Whole transfer, including redirects.
  public var totalTimeout: Double = 30
  public var maxRedirects = 5
  /// When false, a 3xx answer is returned as it is (with its `location` header), so that the
  /// caller can check each hop (the website surveyor asks robots.txt before following one).
  public var followRedirects = true
  public var maxBodyBytes = 2 * 1024 * 1024
  public var userAgent = HTTPClient.defaultUserAgent(version: "0.0.0")

  public init() {}
}

/// Blocking HTTP GET over libcurl: timeouts, capped redirects and body, gzip, TLS verification.
/// Each call uses its own easy handle, so one client may be used from several threads.
/// libcurl is loaded on first use (`loadLibcurl()`), not linked: the commands that make no HTTP
/// request do not pay for loading it and its ~30 shared libraries at every start.
public struct HTTPClient: Sendable {
  public let configuration: HTTPClientConfiguration

  public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
    self.configuration = configuration
  }

  /// `registry-cli/<version> (+https://...)`: names the program so server operators can reach us.
  public static func defaultUserAgent(version: String) -> String {
    "registry-cli/\(version) (+https://github.com/police-social-registry/registry-cli)"
  }

  /// Loads libcurl (once per process) if not done yet; throws `.other` with the reason and the
  /// package to install when it cannot be loaded.
  public static func loadLibcurl() throws(HTTPError) {
    if let message = ccurl_load() { throw .other(String(cString: message)) }
  }

  /// GETs `url` and returns whatever status the server answered; throws `HTTPError` when no
  /// complete response arrived.
  public func get(_ url: String, headers: [String: String] = [:]) throws(HTTPError) -> HTTPResponse
  {
    try Self.loadLibcurl()
    guard let handle = ccurl_easy_init() else { throw .other("libcurl could not create a handle") }
    defer { ccurl_easy_cleanup(handle) }

    let sink = TransferSink(limit: configuration.maxBodyBytes)
    let sinkPointer = Unmanaged.passRetained(sink)
    defer { sinkPointer.release() }

    var list: UnsafeMutablePointer<curl_slist>? = nil
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      list = ccurl_slist_append(list, "\(name): \(value)")
    }
    defer { ccurl_slist_free_all(list) }

    let c = configuration
    ccurl_setopt_string(handle, CURLOPT_URL, url)
    ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
    ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
    ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, c.followRedirects ? 1 : 0)
    ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, c.maxRedirects)
    ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(c.connectTimeout * 1000))
    ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(c.totalTimeout * 1000))
    ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
    ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
    ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
    ccurl_setopt_string(handle, CURLOPT_USERAGENT, c.userAgent)
    ccurl_setopt_long(handle, CURLOPT_MAXFILESIZE, c.maxBodyBytes)
    if let list { ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list) }
    ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
    ccurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
      let sink = Unmanaged<TransferSink>.fromOpaque(user!).takeUnretainedValue()
      let n = size * count
      if sink.body.count + n > sink.limit {
        sink.exceeded = true
        return 0  // makes curl abort with CURLE_WRITE_ERROR
      }
      if let data {
        sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: n)
      }
      return n
    }
    ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer.toOpaque())
    ccurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, user in
      let sink = Unmanaged<TransferSink>.fromOpaque(user!).takeUnretainedValue()
      let n = size * count
      if let data {
        let bytes = UnsafeRawBufferPointer(start: data, count: n)
        sink.header(line: String(decoding: bytes, as: UTF8.self))
      }
      return n
    }

    let code = ccurl_easy_perform(handle)
    if sink.exceeded || code == CURLE_FILESIZE_EXCEEDED { throw .tooLarge(limit: c.maxBodyBytes) }
    guard code == CURLE_OK else { throw Self.error(for: code, maxRedirects: c.maxRedirects) }
    var status = 0
    ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
    // The last address only when a redirect was followed: curl may write the one asked for
    // differently (a `/` added to a bare host), which is no redirect.
    var redirects = 0
    ccurl_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
    var effective: UnsafePointer<CChar>?
    if redirects > 0 { ccurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective) }
    return HTTPResponse(
      status: status, headers: sink.headers, body: sink.body, url: url,
      finalURL: effective.map { String(cString: $0) })
  }

  static func error(for code: CURLcode, maxRedirects: Int) -> HTTPError {
    let message = String(cString: ccurl_easy_strerror(code))
    switch code {
    case CURLE_OPERATION_TIMEDOUT: return .timeout(message)
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
      CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
      return .connection(message)
    case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects(limit: maxRedirects)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE:
      return .tls(message)
    default: return .other(message)
    }
  }
}

/// Collects one transfer's body and headers; only touched by the thread running the transfer.
private final class TransferSink {
  let limit: Int
  var body = Data()
  var headers: [String: String] = [:]
  var exceeded = false

  init(limit: Int) { self.limit = limit }

  func header(line: String) {
    // A redirect delivers several header blocks: keep only the last response's.
    if line.hasPrefix("HTTP/") {
      headers = [:]
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    headers[name] = value
  }
}
