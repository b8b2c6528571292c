import ArgumentParser
import Foundation
import Registry
import Stats
import Vocabulary

#if canImport(Glibc)
  import Glibc
#endif

struct AdoptionReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adoption",
    abstract: "National adoption report: adoption, audience, growth, diffusion, data quality.",
    discussion: """
      Example: registry-cli report adoption --as-of 2024-01-01 --format html --out report.html
      Default kinds: local_police for BE; for other countries every police kind \
      (local_police, federal_police, national_police, foreign_police). The filter used is printed \
      in the report. Definitions: docs/report.md.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Report date, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @Option(help: "Country, ISO 3166-1 alpha-2.")
  var country = "BE"

  @Option(help: "Region code(s), ISO 3166-2 (default: all regions of the country).")
  var region: [String] = []

  @Option(help: "Entity kind(s): \(EntityKind.namesList).")
  var kind: [String] = []

  @Option(help: "Platform column(s) (default: every social platform with a channel in scope).")
  var platform: [String] = []

  // Unconditional, so `--staleness-days -5` reaches validate() instead of reading as an option.
  @Option(
    parsing: .unconditional,
    help: "Snapshots older than this many days before a date are stale (not used).")
  var stalenessDays = SnapshotSelection.defaultStalenessDays

  @Option(help: "Output format: markdown, html, json or csv.")
  var format: ReportFormat = .markdown

  @Option(help: "Write to this file instead of stdout.")
  var out: String?

  func validate() throws {
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
    guard country.count == 2 else {
      throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as BE")
    }
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
    for p in platform where Platform(userText: p) == nil {
      throw ValidationError("unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
    if stalenessDays < 0 { throw ValidationError("--staleness-days must be 0 or more") }
  }

  /// The report allocates and frees arrays of several MiB. glibc maps each one and unmaps it on
  /// free, so every new one starts on fresh pages, a page fault per 4 KiB; served from the heap
  /// (up to 32 MiB), freed memory is reused: 30k accounts, 2,700 fewer page faults, ≈ 4% of the
  /// report. `mallopt` is looked up at run time: malloc.h is not in the Glibc module, and other
  /// C libraries lack it (nothing happens then).
  static func reuseFreedMemory() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in glibc's malloc.h
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else {
        return
      }
      _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 32 << 20)
    #endif
  }

  /// The kinds counted when --kind is not given.
  var kinds: [EntityKind] {
    if !kind.isEmpty { return kind.compactMap { EntityKind(rawValue: $0) } }
    if country.uppercased() == "BE" { return [.localPolice] }
    return [.localPolice, .federalPolice, .nationalPolice, .foreignPolice]
  }

  func run() throws {
    PhaseTimings.mark("start")
    Self.reuseFreedMemory()
    let registry = try database.open()
    PhaseTimings.mark("open")
    let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today()
    let regions = region.map { $0.uppercased() }
    let known = try registry.regions(country: country.uppercased())
    for r in regions where !known.contains(where: { $0.code == r }) {
      throw ValidationError(
        "unknown region '\(r)' for \(country.uppercased()); valid codes are: "
          + known.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))
    }
    let scope = ReportScope(
      country: country.uppercased(), regions: regions, kinds: kinds, asOf: day, windows: [90, 365])
    PhaseTimings.mark("regions check")
    // Everything that needs only entities and channels is done while the seeks run.
    var prepared: AdoptionReportBuilder.Prepared?
    let data = try registry.reportData(scope) { partial in
      let platforms: [String]
      if platform.isEmpty {
        let used = Set(partial.channels.map(\.platform))
        platforms = Platform.allCases.filter { $0.isSocial && used.contains($0.rawValue) }
          .map(\.rawValue)
      } else {
        platforms = platform.compactMap { Platform(userText: $0)?.rawValue }
      }
      let filters = ReportFilters(
        country: scope.country, regions: regions, kinds: kinds.map(\.rawValue),
        platforms: platforms)
      prepared = AdoptionReportBuilder.prepare(
        ReportInputMapping.input(
          partial, asOf: day, stalenessDays: stalenessDays, filters: filters))
    }
    guard let prepared else {
      throw RegistryError.invalid("internal error: the report was not prepared")
    }
    Terminal.note(
      "report as of \(day): country \(scope.country), kinds "
        + "\(kinds.map(\.rawValue).joined(separator: ",")), regions "
        + "\(regions.isEmpty ? "all" : regions.joined(separator: ",")), "
        + "\(data.entities.count) entities, \(data.channels.count) channels, "
        + "\(data.snapshots.count) snapshots read")
    let report = AdoptionReportBuilder.build(
      prepared, snapshots: ReportInputMapping.snapshots(data),
      sources: ReportInputMapping.sources(data))
    PhaseTimings.mark("Stats build")
    let text: String
    switch format {
    case .markdown: text = ReportMarkdown.render(report)
    case .json: text = ReportJSON.render(report)
    case .csv: text = ReportCSV.render(report)
    case .html: text = ReportHTML.render(report)
    }
    PhaseTimings.mark("render")
    if let out {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
      } catch {
        throw RegistryError.invalid("cannot write \(out): \(error.localizedDescription)")
      }
      Terminal.note("wrote \(out)")
    } else {
      print(text, terminator: "")
    }
    PhaseTimings.mark("write")
  }
}
