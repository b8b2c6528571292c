import Registry
import Reporting
import TestSupport
import Testing
import Vocabulary

/// The listings in each format, from the report fixture seed with the command line's defaults
/// (`registry-cli accounts|entities|summary --format F`) on a fixed "today" (2021-06-30, the
/// report's golden date), against Tests/Fixtures/golden/{accounts,entities,summary}.*.
@Suite struct GoldenListingTests {
  static let today = Day("2021-06-30")!

  @Test(arguments: ListingFormat.allCases)
  func accountsMatchTheirGoldenFile(format: ListingFormat) throws {
    let text = try withFixtureRegistry(seed: Fixtures.reportSeed) { registry in
      var filter = RegistryFilter()
      filter.existingOn = Self.today
      return try Listings.accounts(registry, filter).render(ListingShape(format: format))
    }
    GoldenFile.check(text, against: "accounts.\(format.fileExtension)")
  }

  @Test(arguments: ListingFormat.allCases)
  func entitiesMatchTheirGoldenFile(format: ListingFormat) throws {
    let text = try withFixtureRegistry(seed: Fixtures.reportSeed) { registry in
      try Listings.entities(registry, RegistryFilter()).render(ListingShape(format: format))
    }
    GoldenFile.check(text, against: "entities.\(format.fileExtension)")
  }

  @Test(arguments: ListingFormat.allCases)
  func summaryMatchesItsGoldenFile(format: ListingFormat) throws {
    let text = try withFixtureRegistry(seed: Fixtures.reportSeed) { registry in
      try Listings.summary(registry, SummaryRequest(asOf: Self.today))
        .render(ListingShape(format: format))
    }
    GoldenFile.check(text, against: "summary.\(format.fileExtension)")
  }
}
