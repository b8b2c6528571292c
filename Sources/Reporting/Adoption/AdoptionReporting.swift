import Registry
import Stats
import Vocabulary

/// What an adoption report is asked for: a scope, and the platforms given a column each.
public struct AdoptionReportRequest: Sendable, Equatable {
  public var scope: ScopeRequest
  /// Platform names or aliases; empty: every social platform with a channel in scope.
  public var platforms: [String]
  /// Whether the report lists each entity's standing, for the zone map (HTML and the web).
  public var listsEntities: Bool

  public init(scope: ScopeRequest, platforms: [String] = [], listsEntities: Bool = true) {
    self.scope = scope
    self.platforms = platforms
    self.listsEntities = listsEntities
  }

  /// Refuses a platform name the registry does not know.
  public func checkPlatforms() throws {
    for p in platforms where Platform(userText: p) == nil {
      throw RequestError(
        "--platform", "unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
  }
}

/// An adoption report and what was read to build it.
public struct AdoptionReportResult: Sendable {
  public var report: AdoptionReport
  public var entitiesRead: Int
  public var channelsRead: Int
  public var snapshotsRead: Int

  /// One line for people: the scope and what was read.
  public var summary: String {
    let f = report.filters
    return "report as of \(report.asOf): country \(f.country), kinds "
      + "\(f.kinds.joined(separator: ",")), regions "
      + "\(f.regions.isEmpty ? "all" : f.regions.joined(separator: ",")), "
      + "\(entitiesRead) entities, \(channelsRead) channels, \(snapshotsRead) snapshots read"
  }
}

/// The national adoption report, from the registry to Stats' `AdoptionReport`.
public enum AdoptionReporting {
  /// From this many channels, the heap's free pages are handed back to the system before and
  /// after Stats prepares (`ProcessMemory.returnFreedMemory`): below, a report's memory is small.
  static let trimAfterChannels = 50_000

  /// The growth windows the report reads snapshots for.
  static let windows = [90, 365]

  /// Builds the report. Everything that needs only entities and channels is prepared while the
  /// snapshot seeks run (`RegistryDatabase.reportData`).
  public static func build(_ registry: RegistryDatabase, _ request: AdoptionReportRequest) throws
    -> AdoptionReportResult
  {
    let scope = request.scope
    try request.checkPlatforms()
    try scope.checkRegions(in: registry)
    PhaseTimings.mark("regions check")
    let data = ReportScope(
      country: scope.country, regions: scope.regions, kinds: scope.kinds, asOf: scope.asOf,
      baselineSeekDays: windows.map(Growth.baselineSeekDays), minConfidence: scope.minConfidence)
    var prepared: AdoptionReportBuilder.Prepared?
    var read = (entities: 0, channels: 0)
    var rows = try registry.reportData(data) { partial in
      // Stats holds its own copies: the registry's rows are freed as they are mapped (this
      // mapping is where a large report's memory peaks: docs/performance-history.md).
      read = (partial.entities.count, partial.channels.count)
      var input = ReportInputMapping.input(
        taking: &partial, asOf: scope.asOf, stalenessDays: scope.stalenessDays,
        filters: ReportFilters(
          country: scope.country, regions: scope.regions, kinds: scope.kinds.map(\.rawValue),
          platforms: []), minConfidence: scope.minConfidence)
      // Their memory lies in the middle of the heap, under the copies: handed back before Stats
      // prepares (whose large arrays are mapped afresh, not taken from it), and again after
      // (what preparing used and freed). Only for large scopes: a trim walks the heap.
      let trim = read.channels >= Self.trimAfterChannels
      if trim { ProcessMemory.returnFreedMemory() }
      // Default columns: the platform set (every social platform with a channel or a counted
      // survey in scope), over which "any" is decided too.
      let platformSet = Presence.platformSet(
        channels: input.channels, surveys: input.surveys, rule: input.rule)
      input.platformSet = platformSet
      input.listsEntities = request.listsEntities
      input.filters.platforms =
        request.platforms.isEmpty
        ? platformSet : request.platforms.compactMap { Platform(userText: $0)?.rawValue }
      prepared = AdoptionReportBuilder.prepare(input)
      if trim { ProcessMemory.returnFreedMemory() }
    }
    guard let prepared else {
      throw RegistryError.invalid("internal error: the report was not prepared")
    }
    // The registry's follower rows are freed once Stats has its own; Stats frees those once
    // it has read them (no other reference is kept here).
    let snapshotsRead = rows.snapshots.count
    let report = AdoptionReportBuilder.build(
      prepared, snapshots: ReportInputMapping.takeSnapshots(&rows),
      sources: ReportInputMapping.sources(rows))
    PhaseTimings.mark("Stats build")
    return AdoptionReportResult(
      report: report, entitiesRead: read.entities, channelsRead: read.channels,
      snapshotsRead: snapshotsRead)
  }

  /// The report as text in `format`. HTML is a standalone file; it draws the zone map when
  /// `html` gives the map of the report's date (`ZoneMapFile.map(of:on:)`: the map file also
  /// holds ceased zones, which overlap the zones that replaced them), and a web page's nonce
  /// and links.
  public static func render(
    _ report: AdoptionReport, as format: ReportFormat, html: HTMLOptions? = nil
  ) -> String {
    defer { PhaseTimings.mark("render") }
    switch format {
    case .markdown: return ReportMarkdown.render(report)
    case .json: return ReportJSON.render(report)
    case .csv: return ReportCSV.render(report)
    case .html:
      return ReportHTML.render(report, options: html ?? HTMLOptions())
    }
  }
}
