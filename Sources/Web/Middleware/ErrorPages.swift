import Hummingbird
import Reporting

/// Turns whatever a route throws into an answer with the right status and one clear sentence:
/// an HTML page, or for the API a JSON object. Never a stack trace.
struct ErrorPages: RouterMiddleware {
  typealias Context = SiteContext

  func handle(
    _ request: Request, context: SiteContext,
    next: (Request, SiteContext) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      let e = PageError.from(error)
      if request.uri.path.hasPrefix("/api/") {
        return Reply.apiError(e).response(nonce: context.nonce)
      }
      return Reply.html(ErrorPage.render(e, nonce: Reply.nonce), status: e.status)
        .response(nonce: context.nonce)
    }
  }
}
