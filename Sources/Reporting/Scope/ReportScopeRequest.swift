import Registry
import Stats
import Vocabulary

/// Which entities a report or a league table covers: one country, some of its regions, some
/// kinds of entity, as of a day. The same rules serve `report`, `rank` and the web pages.
public struct ScopeRequest: Sendable, Equatable {
  /// ISO 3166-1 alpha-2, upper case.
  public var country: String
  /// ISO 3166-2 codes, upper case; empty: every region of the country.
  public var regions: [String]
  /// Empty: the default kinds of the country (see `kinds`).
  public var requestedKinds: [EntityKind]
  public var asOf: Day
  /// The staleness limit of follower counts, also the statuses' window.
  public var stalenessDays: Int
  /// Surveys below this confidence are not counted.
  public var minConfidence: Confidence

  public init(
    country: String = "BE", regions: [String] = [], kinds: [EntityKind] = [], asOf: Day,
    stalenessDays: Int = SnapshotSelection.defaultStalenessDays,
    minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) {
    self.country = country.uppercased()
    self.regions = regions.map { $0.uppercased() }
    self.requestedKinds = kinds
    self.asOf = asOf
    self.stalenessDays = stalenessDays
    self.minConfidence = minConfidence
  }

  /// The status rule: the staleness limit as window, the minimum confidence.
  public var rule: PresenceRule {
    PresenceRule(windowDays: stalenessDays, minConfidence: minConfidence)
  }

  /// The kinds counted: those asked for, else local police for Belgium (its zones) and every
  /// police kind elsewhere.
  public var kinds: [EntityKind] {
    if !requestedKinds.isEmpty { return requestedKinds }
    return Self.defaultKinds(country: country)
  }

  public static func defaultKinds(country: String) -> [EntityKind] {
    if country.uppercased() == "BE" { return [.localPolice] }
    return [.localPolice, .federalPolice, .nationalPolice, .foreignPolice]
  }

  /// Refuses a region the registry does not know for the country, listing the valid ones.
  public func checkRegions(in registry: RegistryDatabase) throws {
    guard !regions.isEmpty else { return }
    let known = try registry.regions(country: country)
    for r in regions where !known.contains(where: { $0.code == r }) {
      throw RequestError(
        "--region",
        "unknown region '\(r)' for \(country); valid codes are: "
          + known.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))
    }
  }

  /// The scope as printed in league tables: `BE, kinds local_police, regions all, existing on D`.
  public var summary: String {
    "\(country), kinds \(kinds.map(\.rawValue).joined(separator: ",")), regions "
      + (regions.isEmpty ? "all" : regions.joined(separator: ",")) + ", existing on \(asOf)"
  }
}

extension PlatformSelector {
  /// `--platform` text: `any` (or nothing) for any social platform, else a platform name or
  /// alias.
  public static func parse(_ text: String?) throws -> PlatformSelector {
    guard let text, text != "any" else { return .anySocial }
    guard let p = Platform(userText: text) else {
      throw RequestError(
        "--platform", "unknown platform '\(text)'; use one of: any, \(Platform.namesList)")
    }
    return .platform(p.rawValue)
  }
}
