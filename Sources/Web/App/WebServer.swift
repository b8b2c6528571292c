import Foundation
import Hummingbird
import Logging
import Registry
import Reporting
import Vocabulary

/// How the server is started.
public struct WebServerConfiguration: Sendable {
  /// The registry database; it must exist.
  public var databasePath: String
  public var host: String
  public var port: Int
  /// Longest time a request may take, in seconds, before it is answered 503.
  public var requestTimeout: Double
  /// Threads that read the database and build pages.
  public var threads: Int

  public init(
    databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
    requestTimeout: Double = 20, threads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
  ) {
    self.databasePath = databasePath
    self.host = host
    self.port = port
    self.requestTimeout = requestTimeout
    self.threads = threads
  }
}

/// The registry on the web: pages, downloads and the JSON API, read-only, over the same
/// Reporting functions as the command line.
public enum WebServer {
  /// Opens the database and serves until SIGINT or SIGTERM. `onRunning` is told the port
  /// (useful when `port` is 0: the system chose one).
  public static func run(
    _ config: WebServerConfiguration, onRunning: @escaping @Sendable (Int) -> Void = { _ in }
  ) async throws {
    let logger = {
      var l = Logger(label: "registry-web")
      l.logLevel = .info
      return l
    }()
    ProcessMemory.limitArenas(2)
    let registry = try WebDatabase.open(path: config.databasePath)
    let work = WorkPool(threads: config.threads, timeout: config.requestTimeout)
    let site = Site(
      registry: registry, databasePath: config.databasePath, work: work,
      map: ZoneMapFile.belgium, logger: logger)
    let router = Router(context: SiteContext.self)
    router.addMiddleware {
      RequestLog(logger: logger)
      SecurityHeaders()
      ErrorPages()
    }
    PageRoutes.add(to: router, site: site)
    APIRoutes.add(to: router, site: site)
    let app = Application(
      router: router,
      configuration: .init(
        address: .hostname(config.host, port: config.port), serverName: "registry-web"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? config.port
        logger.info("serving \(config.databasePath) on http://\(config.host):\(port)")
        onRunning(port)
        // The overview's report of today is built now, so the first visitor does not wait.
        Task {
          _ = try? await work.run {
            try site.report(AdoptionReportRequest(scope: ScopeRequest(asOf: Day.today())))
          }
        }
      },
      logger: logger)
    // Once no work runs, the database is closed here (its side files removed), not whenever
    // the last reference goes: the start-up task may still hold the site when the process ends.
    do {
      try await app.runService()
    } catch {
      try? await work.shutdown()
      registry.close()
      throw error
    }
    try await work.shutdown()
    registry.close()
  }
}
