import Logging
import Registry
import Reporting
import Stats
import Synchronization

/// What every route reads: the registry, the thread pool its reads run on, the zone map and the
/// reports built lately.
final class Site: Sendable {
  let registry: RegistryDatabase
  let databasePath: String
  let work: WorkPool
  let map: Result<ZoneMap, ZoneMapUnavailable>
  let reports = ReportCache()
  let responses = ResponseCache()
  let logger: Logger

  init(
    registry: RegistryDatabase, databasePath: String, work: WorkPool,
    map: Result<ZoneMap, ZoneMapUnavailable>, logger: Logger
  ) {
    self.registry = registry
    self.databasePath = databasePath
    self.work = work
    self.map = map
    self.logger = logger
  }

  /// The adoption report of `request`, from the cache while the database is unchanged.
  func report(_ request: AdoptionReportRequest) throws -> AdoptionReport {
    try reports.report(request, stamp: WebDatabase.stamp(path: databasePath)) {
      let start = ContinuousClock.now
      let report = try AdoptionReporting.build(registry, request).report
      // What the build read (every snapshot in scope) is freed; give it back.
      ProcessMemory.returnFreedMemory()
      let ms = (ContinuousClock.now - start) / .milliseconds(1)
      logger.info(
        "built the adoption report \(ReportCache.key(request)) in \(Int(ms.rounded())) ms")
      return report
    }
  }

  private let syntheticState = Mutex<(stamp: String, synthetic: Bool)?>(nil)

  /// Whether the registry holds generated data (`registry-cli generate`): the pages then say so
  /// at the top. Read once per state of the database.
  func synthetic() throws -> Bool {
    let stamp = WebDatabase.stamp(path: databasePath)
    if let kept = syntheticState.withLock({ $0 }), kept.stamp == stamp { return kept.synthetic }
    let synthetic = try registry.holdsSyntheticData()
    syntheticState.withLock { $0 = (stamp, synthetic) }
    return synthetic
  }

  /// The regions of the registry, for the forms.
  func regions() throws -> [(code: String, name: String)] { try registry.regions() }
}
