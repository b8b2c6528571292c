import ArgumentParser
import Reporting
import Stats
import Vocabulary

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
  @OptionGroup var scope: ScopeOptions

  @Option(help: "Platform column(s) (default: every social platform with a channel in scope).")
  var platform: [String] = []

  @Option(help: "Output format: markdown, html, json or csv.")
  var format: ReportFormat = .markdown

  @OptionGroup var output: OutputFileOptions

  func validate() throws {
    for p in platform where Platform(userText: p) == nil {
      throw ValidationError("unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    // Only the HTML draws the zone map, which needs each entity's standing.
    let request = AdoptionReportRequest(
      scope: try scope.request, platforms: platform, listsEntities: format == .html)
    let result = try asUsageError { try AdoptionReporting.build(registry, request) }
    Terminal.note(result.summary)
    // CSV has no place for a banner: the warning goes to the terminal (JSON has "synthetic").
    if result.report.synthetic && format == .csv { Terminal.note(SyntheticBanner.text) }
    // The HTML's map draws the zones that existed on the report's date.
    let html =
      format == .html
      ? HTMLOptions(zoneMap: try ZoneMapFile.map(of: registry, on: result.report.asOf)) : nil
    let text = AdoptionReporting.render(result.report, as: format, html: html)
    try output.emit(text)
  }
}
