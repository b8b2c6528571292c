import Registry
import Reporting
import TestSupport
import Testing
import Vocabulary

/// The listings in each format, from the report fixture seed with the command line's defaults
/// (`registry-cli accounts|entities --format F`, `summary --as-of 2021-06-30 --format F`: its
/// statuses need a day, and today's would make the file depend on the clock), against
/// Tests/Fixtures/golden/{accounts,entities,summary}.*.
@Suite struct GoldenListingTests {
  @Test(arguments: ListingFormat.allCases)
  func accountsMatchTheirGoldenFile(format: ListingFormat) throws {
    let text = try withFixtureRegistry(seed: Fixtures.reportSeed) { registry in
      try Listings.accounts(registry, RegistryFilter()).render(ListingShape(format: format))
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
      var filter = RegistryFilter()
      filter.asOf = Day(year: 2021, month: 6, day: 30)
      return try Listings.summary(registry, filter).render(ListingShape(format: format))
    }
    GoldenFile.check(text, against: "summary.\(format.fileExtension)")
  }
}
