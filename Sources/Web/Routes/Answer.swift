import Hummingbird
import Vocabulary

extension Site {
  /// Answers a request: from the response cache when the same address was answered on the same
  /// day from the same state of the database; else on the work pool, in two steps: `parse` reads
  /// the query (and the refusal of a parameter nobody read follows), then `respond` reads the
  /// registry and builds the reply. Both run within the pool's time limit.
  func answer<P: Sendable>(
    _ request: Request, _ context: SiteContext,
    parse: @escaping @Sendable (inout Query) throws -> P,
    respond: @escaping @Sendable (P, Query) throws -> Reply
  ) async throws -> Response {
    let key = "\(Day.today()) \(request.uri.string)"
    let stamp = WebDatabase.stamp(path: databasePath)
    if let kept = responses.reply(for: key, stamp: stamp) {
      return kept.response(nonce: context.nonce)
    }
    let raw = request.uri.query
    let reply = try await work.run {
      var query = try Query(raw)
      let parsed = try parse(&query)
      try query.finish()
      return try respond(parsed, query)
    }
    if reply.status == .ok { responses.keep(reply, for: key, stamp: stamp) }
    return reply.response(nonce: context.nonce)
  }

  /// A path parameter, at most 200 characters.
  static func pathParameter(_ context: SiteContext, _ name: String) throws -> String {
    guard let value = context.parameters.get(name), !value.isEmpty, value.count <= 200 else {
      throw PageError.notFound("There is no page at this address.")
    }
    return value
  }
}
