/// One entity's standing on the report date, per platform selector: whether it has an open
/// channel there, and its audience. The zone map colours each entity by these; the group
/// figures of the report are sums over them.
public struct EntityAdoption: Sendable, Equatable {
  public var id: String
  public var name: String
  public var region: String
  public var population: Int?
  /// One cell per selector, in the report's selector order (`AdoptionReport.selectors`).
  public var cells: [Cell]

  /// The entity on one selector.
  public struct Cell: Sendable, Equatable {
    /// It has an open channel matching the selector on the date.
    public var adopted: Bool
    /// The followers of those channels with a fresh count; nil when not adopted.
    public var followers: Metric<Double>?
    /// Followers per 1,000 inhabitants; nil when not adopted.
    public var perThousand: Metric<Double>?

    public init(adopted: Bool, followers: Metric<Double>?, perThousand: Metric<Double>?) {
      self.adopted = adopted
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
