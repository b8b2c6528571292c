import Hummingbird
import Registry
import Reporting

/// What a request can fail with, as a status and one sentence for the reader.
enum PageError: Error, Sendable {
  /// A parameter the page cannot use (400), named.
  case badParameter(name: String, message: String)
  /// No such page or record (404).
  case notFound(String)
  /// The request took longer than the server allows (503).
  case timeout(seconds: Double)
  /// The server is shutting down (503).
  case unavailable
  /// Anything else (500): the sentence says what failed, never how (no stack trace).
  case failed(String)

  var status: HTTPResponse.Status {
    switch self {
    case .badParameter: return .badRequest
    case .notFound: return .notFound
    case .timeout, .unavailable: return .serviceUnavailable
    case .failed: return .internalServerError
    }
  }

  var title: String {
    switch self {
    case .badParameter: return "Bad parameter"
    case .notFound: return "Not found"
    case .timeout: return "Took too long"
    case .unavailable: return "Unavailable"
    case .failed: return "Server error"
    }
  }

  var parameter: String? {
    if case .badParameter(let name, _) = self { return name }
    return nil
  }

  var message: String {
    switch self {
    case .badParameter(_, let m), .notFound(let m), .failed(let m): return m
    case .timeout(let s):
      return "The answer took longer than \(Int(s)) seconds and was abandoned; "
        + "narrow the query (fewer rows, one region) or try again."
    case .unavailable: return "The server is shutting down; try again in a moment."
    }
  }

  /// Any error a route throws, as a page error. A `RequestError` names its parameter as the
  /// web spells it (`--as-of` becomes `as_of`, in the message too).
  static func from(_ error: any Error) -> PageError {
    switch error {
    case let e as PageError: return e
    case let e as RequestError:
      let name = webName(e.parameter)
      let message = e.message.replacingOccurrences(of: e.parameter, with: name)
      return .badParameter(name: name, message: message)
    case let e as RegistryError:
      switch e {
      case .notFound(let m): return .notFound(m)
      case .invalid(let m): return .badParameter(name: "query", message: m)
      default: return .failed("The registry could not answer: \(e.description)")
      }
    case let e as Hummingbird.HTTPError where e.status == .notFound:
      return .notFound("There is no page at this address.")
    case let e as Hummingbird.HTTPError:
      return .failed("The request could not be answered (\(e.status.code)).")
    default:
      return .failed("The server could not answer this request.")
    }
  }

  /// `--staleness-days` → `staleness_days`.
  static func webName(_ parameter: String) -> String {
    var name = parameter
    while name.hasPrefix("-") { name.removeFirst() }
    return name.replacingOccurrences(of: "-", with: "_")
  }
}
