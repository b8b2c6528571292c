import Vocabulary

/// How a peer group is chosen.
public enum PeerBasis: String, Sendable, CaseIterable, Codable {
  /// Same region and same kind.
  case region
  /// Same kind, population between half and double the entity's.
  case size
  /// Same kind in the same country.
  case kind
  /// Every entity of the same country.
  case all
}

/// Why a peer group cannot be formed.
public enum PeerGroupError: Error, Equatable, Sendable {
  /// `size` needs the entity's population.
  case noPopulation(entityId: String)
  /// `region` needs the entity's region.
  case noRegion(entityId: String)

  public var message: String {
    switch self {
    case .noPopulation(let id):
      return "\(id) has no population, so a size peer group (half to double its population) "
        + "cannot be formed; set it with `registry-cli entity edit \(id) --population N` or "
        + "use --peers region|kind|all"
    case .noRegion(let id):
      return "\(id) has no region, so a region peer group cannot be formed; "
        + "use --peers kind|size|all"
    }
  }
}

/// The entities an entity is compared with, and how they were chosen.
public struct PeerGroup: Sendable, Equatable {
  public var basis: PeerBasis
  /// The peers, sorted by id: existing on the date, not placeholders, not the entity itself.
  public var members: [StatsEntity]
  /// A sentence saying how the group was chosen.
  public var description: String
  /// Placeholder entities that matched the rule and were left out.
  public var placeholdersExcluded: Int
  /// For `size`: the inclusive population band.
  public var populationBand: ClosedRange<Int>?

  /// Chooses the peers of `target` among `candidates` on `day`.
  ///
  /// region: same country, region and kind · size: same country and kind, population in
  /// [⌈p/2⌉, 2p] · kind: same country and kind · all: same country. Peers exist on `day`, are
  /// not placeholders and are not the entity itself.
  public static func select(
    for target: CompareEntity, among candidates: [CompareEntity], basis: PeerBasis, on day: Day
  ) -> Result<PeerGroup, PeerGroupError> {
    let e = target.entity
    var band: ClosedRange<Int>?
    var rule: String
    switch basis {
    case .region:
      guard !e.region.isEmpty, e.region != "(none)" else {
        return .failure(.noRegion(entityId: e.id))
      }
      rule = "same region (\(e.region)) and kind (\(e.kind))"
    case .size:
      guard let p = e.population, p > 0 else { return .failure(.noPopulation(entityId: e.id)) }
      // Half (rounded up) to double, without overflow for any stored population.
      band = (p / 2 + p % 2)...(p > Int.max / 2 ? Int.max : p * 2)
      rule =
        "same kind (\(e.kind)) and population between half and double \(p) "
        + "(\(band!.lowerBound) to \(band!.upperBound) inhabitants)"
    case .kind:
      rule = "same kind (\(e.kind)) in \(target.country)"
    case .all:
      rule = "every kind of entity in \(target.country)"
    }
    var members: [StatsEntity] = []
    var placeholders = 0
    for c in candidates
    where c.id != e.id && c.country == target.country && c.entity.exists(on: day) {
      let p = c.entity
      let fits: Bool
      switch basis {
      case .region: fits = p.region == e.region && p.kind == e.kind
      case .size: fits = p.kind == e.kind && p.population.map { band!.contains($0) } == true
      case .kind: fits = p.kind == e.kind
      case .all: fits = true
      }
      guard fits else { continue }
      if c.placeholder {
        placeholders += 1
      } else {
        members.append(p)
      }
    }
    members.sort { $0.id < $1.id }
    var text =
      "\(members.count) peer\(members.count == 1 ? "" : "s"): \(rule), existing on "
      + "\(day.description), \(e.id) itself not included"
    if placeholders > 0 {
      text += ", \(placeholders) placeholder entit\(placeholders == 1 ? "y" : "ies") left out"
    }
    return .success(
      PeerGroup(
        basis: basis, members: members, description: text, placeholdersExcluded: placeholders,
        populationBand: band))
  }
}
