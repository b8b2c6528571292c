import Reporting
import Stats
import TestSupport
import Testing
import Vocabulary

/// Scorecards, side-by-side comparisons and league tables in each format, from the compare
/// fixture seed as of 2024-01-01 with the command line's defaults, against
/// Tests/Fixtures/golden/{scorecard-zp-a,side-by-side,league-followers-per-1000}.*.
@Suite struct GoldenCompareTests {
  static func comparison(_ ids: [String]) throws -> Comparison {
    let asOf = try #require(Day("2024-01-01"))
    return try withFixtureRegistry(seed: Fixtures.compareSeed) { registry in
      try Comparing.compare(registry, CompareRequest(entityIds: ids, asOf: asOf))
    }
  }

  /// `registry-cli compare zp-a --as-of 2024-01-01 --format F`.
  @Test(arguments: ScorecardFormat.allCases)
  func scorecardMatchesItsGoldenFile(format: ScorecardFormat) throws {
    let comparison = try Self.comparison(["zp-a"])
    guard case .scorecard = comparison else {
      Issue.record("one entity gave no scorecard")
      return
    }
    GoldenFile.check(
      Comparing.render(comparison, as: format), against: "scorecard-zp-a.\(format.fileExtension)")
  }

  /// `registry-cli compare zp-a zp-b zp-d --as-of 2024-01-01 --format F` (html is refused there).
  @Test(arguments: [ScorecardFormat.table, .markdown, .json])
  func sideBySideMatchesItsGoldenFile(format: ScorecardFormat) throws {
    let comparison = try Self.comparison(["zp-a", "zp-b", "zp-d"])
    guard case .sideBySide = comparison else {
      Issue.record("three entities were not put side by side")
      return
    }
    GoldenFile.check(
      Comparing.render(comparison, as: format), against: "side-by-side.\(format.fileExtension)")
  }

  /// `registry-cli rank --metric followers_per_1000 --as-of 2024-01-01 --format F`.
  @Test(arguments: ListingFormat.allCases)
  func leagueTableMatchesItsGoldenFile(format: ListingFormat) throws {
    let asOf = try #require(Day("2024-01-01"))
    let text = try withFixtureRegistry(seed: Fixtures.compareSeed) { registry in
      let request = RankRequest(scope: ScopeRequest(asOf: asOf), metric: .followersPer1000)
      let table = try Comparing.rank(registry, request)
      return Comparing.render(table, scope: request.scope.summary, as: format)
    }
    GoldenFile.check(text, against: "league-followers-per-1000.\(format.fileExtension)")
  }
}
