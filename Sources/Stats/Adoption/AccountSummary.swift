/// One entity as the per-region summary sees it: its group and the platforms it is on.
public struct SummaryEntity: Sendable, Hashable {
  public var group: String
  public var platforms: Set<String>
  public init(group: String, platforms: Set<String>) {
    self.group = group
    self.platforms = platforms
  }
}

/// Per-group counts of entities and of entities present on each platform.
public struct AccountSummary: Sendable, Equatable {
  public struct Line: Sendable, Equatable {
    public var group: String
    public var entities: Int
    /// Entities with at least one channel on any of the counted platforms.
    public var withAny: Int
    public var perPlatform: [String: Int]
  }
  public var lines: [Line]
  public var platforms: [String]

  /// Groups entities and counts, per group, those present on each platform; groups sorted by name.
  public static func compute(_ entities: [SummaryEntity], platforms: [String]) -> AccountSummary {
    var byGroup: [String: Line] = [:]
    for e in entities {
      var line = byGroup[e.group] ?? Line(group: e.group, entities: 0, withAny: 0, perPlatform: [:])
      line.entities += 1
      let on = e.platforms.intersection(platforms)
      if !on.isEmpty { line.withAny += 1 }
      for p in on { line.perPlatform[p, default: 0] += 1 }
      byGroup[e.group] = line
    }
    return AccountSummary(
      lines: byGroup.values.sorted { $0.group < $1.group }, platforms: platforms)
  }
}
