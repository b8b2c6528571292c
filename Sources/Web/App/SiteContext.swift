import Hummingbird

/// The request context of every route: Hummingbird's core storage and the nonce this response's
/// Content-Security-Policy allows its inline style with (set by `SecurityHeaders`).
struct SiteContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  var nonce = ""

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }
}
