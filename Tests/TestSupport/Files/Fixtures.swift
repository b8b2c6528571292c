import Foundation

/// The test fixtures, all under Tests/Fixtures, found from this file's place in the package.
public enum Fixtures {
  /// The package's root directory.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Tests/Fixtures.
  public static let root = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// The path of `name` under Tests/Fixtures.
  public static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  /// A small seed of real-looking zones: every importer's and listing's basic cases.
  public static var miniSeed: String { path("mini-seed") }
  /// The adoption report's seed: a merger, stale and missing counts, hostile names.
  public static var reportSeed: String { path("report-seed") }
  /// The scorecard's seed: peer groups, a placeholder, an ended entity, reference figures.
  public static var compareSeed: String { path("compare-seed") }
  /// The curation commands' seed.
  public static var curationSeed: String { path("curation-seed") }
  /// The collectors' seed: Mastodon and Bluesky channels served by `FakeSocialAPI`.
  public static var collectSeed: String { path("collect-seed") }
  /// The website survey's seed: zones whose sites `FakeZoneSites` serves.
  public static var websitesSeed: String { path("websites-seed") }
  /// Platform exports for `collect convert`.
  public static var exports: String { path("exports") }
  /// A small registry at each earlier schema version (`SchemaFixtureTests` writes them).
  public static var schema: String { path("schema") }
  /// The renderers' expected outputs (`GoldenFile`).
  public static var golden: String { path("golden") }

  /// The shipped seed data set, data/seed (not a fixture: the data the registry is built from).
  public static var dataSeed: String { packageRoot.appendingPathComponent("data/seed").path }
}
