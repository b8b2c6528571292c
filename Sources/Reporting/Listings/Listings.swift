import Registry
import Stats
import Vocabulary

/// The registry's listings, each with its columns: the command line and the web pages list the
/// same rows under the same names.
public enum Listings {
  /// Channels with their entity, region and latest follower count. Without a day (`asOf` or
  /// `existingOn`), the channels of the entities existing today, each under its owner today;
  /// `includeCeased` lists the entities that no longer exist too (then `asOf` cannot be given).
  public static func accounts(
    _ registry: RegistryDatabase, _ filter: RegistryFilter, includeCeased: Bool = false
  ) throws -> Listing<AccountRow> {
    var filter = filter
    if includeCeased && filter.asOf != nil {
      throw RequestError(
        "--include-ceased",
        "--as-of lists the entities existing on that day; --include-ceased is for today's list")
    }
    if filter.asOf == nil && filter.existingOn == nil && !includeCeased {
      filter.existingOn = Day.today()
    }
    return Listing(
      columns: AccountRow.columns, rows: try registry.accounts(filter), cells: { $0.values },
      tableColumns: [
        "entity_code", "entity_name", "entity_valid_to", "region", "platform", "handle", "status",
        "followers", "followers_observed_at", "source",
      ], writeJSON: { $0.writeJSON(into: &$1) }, orderedCells: \.cellsInColumnOrder)
  }

  /// Entities with their channel counts.
  public static func entities(
    _ registry: RegistryDatabase, _ filter: RegistryFilter, presence: ChannelPresence = .any
  ) throws -> Listing<EntityRow> {
    Listing(
      columns: EntityRow.columns, rows: try registry.entities(filter, presence: presence),
      cells: { $0.values },
      tableColumns: ["id", "code", "name", "kind", "region", "population", "channels", "platforms"])
  }

  /// A channel's snapshots over time.
  public static func history(_ rows: [HistoryRow]) -> Listing<HistoryRow> {
    Listing(columns: HistoryRow.columns, rows: rows, cells: { $0.values })
  }

  /// A channel's retracted snapshots.
  public static func retractions(_ rows: [RetractionView]) -> Listing<RetractionView> {
    Listing(columns: RetractionView.columns, rows: rows, cells: { $0.values })
  }

  /// The change log.
  public static func changeLog(_ rows: [ChangeLogEntry]) -> Listing<ChangeLogEntry> {
    Listing(columns: ChangeLogEntry.columns, rows: rows, cells: { $0.values })
  }

  /// What `validate` found.
  public static func findings(_ rows: [Finding]) -> Listing<Finding> {
    // A finding's message says what to do: never cut.
    Listing(columns: Finding.columns, rows: rows, cells: { $0.values }, uncutColumns: ["message"])
  }

  /// Reference figures with their sources.
  public static func references(_ rows: [ReferenceListing]) -> Listing<ReferenceRow> {
    Listing(
      columns: ReferenceRow.columns, rows: rows.map(ReferenceRow.init), cells: { $0.cells },
      tableColumns: [
        "id", "metric", "value", "denominator", "unit", "platform", "region", "as_of",
        "as_of_precision", "source",
      ])
  }
}

extension RegistryFilter {
  /// Refuses a region code the registry does not know, listing the valid codes of its country.
  public func checkRegions(in registry: RegistryDatabase) throws {
    guard !regions.isEmpty else { return }
    let known = try registry.regions()
    let codes = Set(known.map(\.code))
    for r in regions where !codes.contains(r) {
      let country = r.split(separator: "-").first.map(String.init)
      let list = known.filter { country == nil || $0.code.hasPrefix(country! + "-") }
      let shown = (list.isEmpty ? known : list).map { "\($0.code) (\($0.name))" }
      throw RequestError(
        "--region",
        "unknown region '\(r)'; valid codes\(list.isEmpty ? "" : " for \(country!)") are: "
          + shown.joined(separator: ", "))
    }
  }
}
