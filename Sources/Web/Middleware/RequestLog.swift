import Hummingbird
import Logging

/// One log line per request, when it is answered: method, path and query, status, bytes and
/// milliseconds.
struct RequestLog: RouterMiddleware {
  typealias Context = SiteContext
  let logger: Logger

  func handle(
    _ request: Request, context: SiteContext,
    next: (Request, SiteContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    let status: Int
    let bytes: String
    defer {
      let ms = (ContinuousClock.now - start) / .milliseconds(1)
      logger.info(
        "\(request.method) \(request.uri.string) \(status) \(bytes) \(Int(ms.rounded())) ms")
    }
    do {
      let response = try await next(request, context)
      status = response.status.code
      bytes = response.headers[.contentLength] ?? "-"
      return response
    } catch {
      status = PageError.from(error).status.code
      bytes = "-"
      throw error
    }
  }
}
