import Registry
import Reporting
import TestSupport
import Testing

/// The listings in each format, from the report fixture seed with the command line's defaults
/// (`registry-cli accounts|entities|summary --format F`), against
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
      try Listings.summary(registry, RegistryFilter()).render(ListingShape(format: format))
    }
    GoldenFile.check(text, against: "summary.\(format.fileExtension)")
  }
}
