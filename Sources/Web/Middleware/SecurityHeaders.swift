import Foundation
import HTTPTypes
import Hummingbird

/// A fresh nonce for each response's inline style, and the headers every response carries: a
/// Content-Security-Policy that allows nothing but that style, this site's forms and links, and
/// no script, frame or outside resource; no content sniffing; no referrer.
struct SecurityHeaders: RouterMiddleware {
  typealias Context = SiteContext

  func handle(
    _ request: Request, context: SiteContext,
    next: (Request, SiteContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    context.nonce = Self.nonce()
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.policy(nonce: context.nonce)
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.xFrameOptions] = "DENY"
    response.headers[.crossOriginResourcePolicy] = "same-origin"
    return response
  }

  static func policy(nonce: String) -> String {
    "default-src 'none'; style-src 'nonce-\(nonce)'; img-src 'self' data:; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
  }

  /// 16 random bytes, base64 (the system's cryptographic generator).
  static func nonce() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString()
  }
}

extension HTTPField.Name {
  static let xFrameOptions = Self("X-Frame-Options")!
  static let referrerPolicy = Self("Referrer-Policy")!
  static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
}
