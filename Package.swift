// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "police-social-registry",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "registry-cli", targets: ["registry-cli"]),
    .library(name: "Registry", targets: ["Registry"]),
    .library(name: "Stats", targets: ["Stats"]),
    .library(name: "Reporting", targets: ["Reporting"]),
    .library(name: "Web", targets: ["Web"]),
    .executable(name: "registry-web", targets: ["registry-web"]),
  ],
  // The web server's stack (Hummingbird, SwiftNIO and what they pull in, about 20 packages) is
  // behind a trait: on by default (`swift build`, `swift test`, `make test`), off for the release
  // build of registry-cli (`make report`: `--disable-default-traits`), which then neither fetches
  // nor checks out those packages. `make web` builds the server with it, in a build folder of its
  // own (.build-web), so the two release builds never rebuild each other.
  traits: [
    .trait(name: "Web", description: "The web server, registry-web, and its stack."),
    .default(enabledTraits: ["Web"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    // The web server. Hummingbird 2.28 needs swift-tools-version 6.2. No traits: the server
    // reads no swift-configuration and decodes no URL-encoded forms, so neither is built.
    .package(
      url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    // NIOThreadPool: the server's database reads run on threads of their own.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    // libcurl is dlopened on first use, not linked (start-up time); the C shim needs only its
    // header, <curl/curl.h>, from libcurl4-openssl-dev.
    .target(name: "CCurlShim"),
    // sqlite3_config, variadic, for Swift: SQLite's memory statistics turned off before the first
    // connection opens (their process-wide mutex serialized the report's two reading threads).
    .target(name: "CSQLiteShim", linkerSettings: [.linkedLibrary("sqlite3")]),
    // The words Registry and Stats share: days and timestamps, platform and kind names, the CSV
    // writer.
    .target(name: "Vocabulary"),
    .target(
      name: "Registry",
      dependencies: [
        "CCurlShim", "CSQLiteShim", "Vocabulary",
        .product(name: "GRDB", package: "GRDB.swift"),
        // Raw sqlite3 binding for the bulk snapshot importer's hot loop.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .target(name: "Stats", dependencies: ["Vocabulary"]),
    // The use cases the command line and the web server share: reports, comparisons, listings.
    .target(name: "Reporting", dependencies: ["Registry", "Stats", "Vocabulary"]),
    .executableTarget(
      name: "registry-cli",
      dependencies: [
        "Registry", "Stats", "Vocabulary", "Reporting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The web server: pages, downloads and the JSON API over the same Reporting functions.
    .target(
      name: "Web",
      dependencies: [
        "Registry", "Stats", "Vocabulary", "Reporting",
        .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Web"])),
        .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Web"])),
        .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Web"])),
        .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Web"])),
      ],
      resources: [.embedInCode("API/openapi.json")]
    ),
    .executableTarget(
      name: "registry-web",
      dependencies: [
        "Web", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What the test targets share: the CLI runner, the stub HTTP server and fake social APIs,
    // temporary directories, fixture paths and golden files (docs/testing.md).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "RegistryTests", dependencies: ["Registry", "Vocabulary", "TestSupport"]),
    .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"]),
    .testTarget(name: "StatsTests", dependencies: ["Stats", "Vocabulary"]),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Reporting", "Registry", "Stats", "Vocabulary", "TestSupport"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["registry-cli", "Registry", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
