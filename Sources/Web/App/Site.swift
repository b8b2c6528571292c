import Registry
import Reporting
import Stats

/// What every route reads: the registry, the thread pool its reads run on, the zone map and the
/// reports built lately.
final class Site: Sendable {
  let registry: RegistryDatabase
  let databasePath: String
  let work: WorkPool
  let map: Result<ZoneMap, ZoneMapUnavailable>
  let reports = ReportCache()
  let responses = ResponseCache()

  init(
    registry: RegistryDatabase, databasePath: String, work: WorkPool,
    map: Result<ZoneMap, ZoneMapUnavailable>
  ) {
    self.registry = registry
    self.databasePath = databasePath
    self.work = work
    self.map = map
  }

  /// The adoption report of `request`, from the cache while the database is unchanged.
  func report(_ request: AdoptionReportRequest) throws -> AdoptionReport {
    try reports.report(request, stamp: WebDatabase.stamp(path: databasePath)) {
      try AdoptionReporting.build(registry, request).report
    }
  }

  /// The regions of the registry, for the forms.
  func regions() throws -> [(code: String, name: String)] { try registry.regions() }
}
