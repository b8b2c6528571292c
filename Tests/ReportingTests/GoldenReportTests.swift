import Reporting
import TestSupport
import Testing
import Vocabulary

/// The adoption report in each format, from the report fixture seed as of 2021-06-30 with the
/// command line's defaults (`registry-cli report adoption --as-of 2021-06-30 --format F`),
/// against Tests/Fixtures/golden/adoption-report.*.
@Suite struct GoldenReportTests {
  @Test(arguments: ReportFormat.allCases)
  func adoptionReportMatchesItsGoldenFile(format: ReportFormat) throws {
    let asOf = try #require(Day("2021-06-30"))
    let text = try withFixtureRegistry(seed: Fixtures.reportSeed) { registry in
      let result = try AdoptionReporting.build(
        registry, AdoptionReportRequest(scope: ScopeRequest(asOf: asOf)))
      return AdoptionReporting.render(result.report, as: format)
    }
    GoldenFile.check(text, against: "adoption-report.\(format.fileExtension)")
  }
}
