import Hummingbird

extension Site {
  /// Answers a request on the work pool, in two steps: `parse` reads the query (and the
  /// refusal of a parameter nobody read follows), then `respond` reads the registry and builds
  /// the response. Both run within the pool's time limit.
  func answer<P: Sendable>(
    _ request: Request, parse: @escaping @Sendable (inout Query) throws -> P,
    respond: @escaping @Sendable (P, Query) throws -> Response
  ) async throws -> Response {
    let raw = request.uri.query
    return try await work.run {
      var query = try Query(raw)
      let parsed = try parse(&query)
      try query.finish()
      return try respond(parsed, query)
    }
  }

  /// A path parameter, at most 200 characters.
  static func pathParameter(_ context: SiteContext, _ name: String) throws -> String {
    guard let value = context.parameters.get(name), !value.isEmpty, value.count <= 200 else {
      throw PageError.notFound("There is no page at this address.")
    }
    return value
  }
}
