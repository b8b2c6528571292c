import ArgumentParser
import Registry
import Reporting
import Vocabulary

/// Filters shared by `accounts` and `entities`. Each may be repeated to allow several values.
struct FilterOptions: ParsableArguments {
  @Option(help: "Country, ISO 3166-1 alpha-2 (e.g. BE).")
  var country: [String] = []

  @Option(help: "Region, ISO 3166-2 (e.g. BE-WAL, BE-VLG, BE-BRU, FR-44).")
  var region: [String] = []

  @Option(help: "Platform: \(Platform.namesList).")
  var platform: [String] = []

  @Option(help: "Entity kind: \(EntityKind.namesList).")
  var kind: [String] = []

  @Option(help: "Official language of the entity (BCP 47, e.g. nl, fr, de).")
  var language: [String] = []

  @Option(help: "Channel status: \(ChannelStatus.namesList).")
  var status: [String] = []

  @Option(help: "Entity id.")
  var entity: [String] = []

  @Option(help: "Full-text search in names, codes, municipalities and handles.")
  var search: String?

  @Option(help: "Only entities existing and channels open on this day (YYYY-MM-DD).")
  var asOf: String?

  func validate() throws {
    for p in platform where Platform(userText: p) == nil {
      throw ValidationError("unknown platform '\(p)'; use one of: \(Platform.namesList)")
    }
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
    for s in status where ChannelStatus(rawValue: s) == nil {
      throw ValidationError("unknown status '\(s)'; use one of: \(ChannelStatus.namesList)")
    }
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
  }

  /// Builds the filter, checking region codes against the registry's list.
  func filter(in registry: RegistryDatabase) throws -> RegistryFilter {
    var f = RegistryFilter()
    f.countries = country.map { $0.uppercased() }
    f.regions = region.map { $0.uppercased() }
    try asUsageError { try f.checkRegions(in: registry) }
    f.platforms = platform.compactMap { Platform(userText: $0) }
    f.kinds = kind.compactMap { EntityKind(rawValue: $0) }
    f.languages = language.map { $0.lowercased() }
    f.statuses = status.compactMap { ChannelStatus(rawValue: $0) }
    f.entityIds = entity
    f.search = search
    f.asOf = try asOf.map { try parseDay($0, option: "--as-of") }
    return f
  }
}
