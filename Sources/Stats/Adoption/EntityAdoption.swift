/// One entity's standing on the report date, per platform selector: its status there
/// (present, absent or unknown, as the report counts it) and the audience of its open channels.
/// The zone map colours each entity by these; the group figures of the report are sums over
/// them.
public struct EntityAdoption: Sendable, Equatable {
  public var id: String
  public var name: String
  public var region: String
  public var population: Int?
  /// One cell per selector, in the report's selector order (`AdoptionReport.selectors`).
  public var cells: [Cell]

  /// The entity on one selector.
  public struct Cell: Sendable, Equatable {
    /// Its status on the date (`Presence`): what the report's counts, bounds and estimate
    /// are made of.
    public var status: PlatformPresence
    /// The followers of its open channels matching the selector with a fresh count; nil when
    /// it has no such channel open (a status can be present through a survey alone).
    public var followers: Metric<Double>?
    /// Followers per 1,000 inhabitants; nil when it has no such channel open.
    public var perThousand: Metric<Double>?

    public init(
      status: PlatformPresence, followers: Metric<Double>?, perThousand: Metric<Double>?
    ) {
      self.status = status
      self.followers = followers
      self.perThousand = perThousand
    }
  }

  public init(id: String, name: String, region: String, population: Int?, cells: [Cell]) {
    self.id = id
    self.name = name
    self.region = region
    self.population = population
    self.cells = cells
  }
}
