import ArgumentParser
import Foundation
import Registry
import Reporting
import Stats
import Vocabulary

/// `--as-of`, `--staleness-days` and `--min-confidence`: the date figures are computed for, how
/// old a snapshot (and presence evidence) may be, and which surveys count. Shared by `report`,
/// `compare` and `rank`.
struct AsOfOptions: ParsableArguments {
  @Option(help: "Date, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  // Unconditional, so `--staleness-days -5` reaches validate() instead of reading as an option.
  @Option(
    parsing: .unconditional,
    help: "Snapshots older than this many days before a date are stale (not used).")
  var stalenessDays = SnapshotSelection.defaultStalenessDays

  @OptionGroup var presence: PresenceOptions

  func validate() throws {
    if let asOf { _ = try parseDay(asOf, option: "--as-of") }
    if stalenessDays < 0 { throw ValidationError("--staleness-days must be 0 or more") }
  }

  /// The date asked for, or today (UTC).
  var day: Day {
    get throws { try asOf.map { try parseDay($0, option: "--as-of") } ?? Day.today() }
  }
}

/// Which entities a report or a league table covers: `--country`, `--region`, `--kind`, and the
/// date. Shared by `report` and `rank`.
struct ScopeOptions: ParsableArguments {
  @Option(help: "Country, ISO 3166-1 alpha-2.")
  var country = "BE"

  @Option(help: "Region code(s), ISO 3166-2 (default: every region of the country).")
  var region: [String] = []

  @Option(help: "Entity kind(s): \(EntityKind.namesList).")
  var kind: [String] = []

  @OptionGroup var date: AsOfOptions

  func validate() throws {
    guard country.count == 2 else {
      throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as BE")
    }
    for k in kind where EntityKind(rawValue: k) == nil {
      throw ValidationError("unknown kind '\(k)'; use one of: \(EntityKind.namesList)")
    }
  }

  var request: ScopeRequest {
    get throws {
      ScopeRequest(
        country: country, regions: region, kinds: kind.compactMap { EntityKind(rawValue: $0) },
        asOf: try date.day, stalenessDays: date.stalenessDays,
        minConfidence: date.presence.minConfidence)
    }
  }
}

/// `--out FILE`: writes `text` there (atomically), else to stdout.
struct OutputFileOptions: ParsableArguments {
  @Option(help: "Write to this file instead of stdout.")
  var out: String?

  func emit(_ text: String) throws {
    defer { PhaseTimings.mark("write") }
    guard let out else {
      print(text, terminator: "")
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
    } catch {
      throw RegistryError.invalid("cannot write \(out): \(error.localizedDescription)")
    }
    Terminal.note("wrote \(out)")
  }
}
