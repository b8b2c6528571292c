import Vocabulary

/// A published adoption figure of the same scope as a group's, printed beside the group's
/// estimate so that the report checks itself against the literature.
public struct PublishedFigure: Sendable, Equatable {
  public var reference: StatsReference
  /// The share it gives: value / denominator (`entities_with_channel`), value / 100
  /// (`share_of_agencies` in percent); nil for a count without a denominator.
  public var share: Double?

  /// The metrics that say how many entities of a group are on a platform.
  public static let metrics: Set<String> = ["entities_with_channel", "share_of_agencies"]
  /// How far from D a figure may be dated and still be printed.
  public static let maxDaysFromDate = 365

  /// "51 of 195 zones (26.2%), 2013-01-01 (circa)": the figure as a reader checks it.
  public var text: String {
    let r = reference
    let date = r.precision == "day" ? r.asOf : "\(r.asOf) (\(r.precision))"
    if r.unit == "percent" { return "\(Self.number(r.value))%, \(date)" }
    var out = Self.number(r.value)
    if let d = r.denominator { out += " of \(Self.number(d))" }
    out += " \(r.unit)"
    if let share { out += " (\(ReportText.percent(.value(share))))" }
    return out + ", \(date)"
  }

  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }

  /// The figures of `references` whose scope is the group's: an adoption metric; the report's
  /// country; the group's region (`ALL`: no region, or the report's only region); a kind the
  /// report covers, or none; the selector's platform (`any`: none); no single entity; dated at
  /// most `maxDaysFromDate` days from `asOf`. By date, then id.
  public static func matching(
    _ references: [StatsReference], region: String, selector: PlatformSelector,
    filters: ReportFilters, asOf: Day
  ) -> [PublishedFigure] {
    var out: [PublishedFigure] = []
    for r in references where metrics.contains(r.metric) && r.entityId == nil {
      guard let country = r.country, country.uppercased() == filters.country.uppercased() else {
        continue
      }
      if region == "ALL" {
        let only = filters.regions.count == 1 ? filters.regions[0] : nil
        guard r.region == nil ? filters.regions.isEmpty : r.region == only else { continue }
      } else {
        guard r.region == region else { continue }
      }
      if let kind = r.kind, !filters.kinds.contains(kind) { continue }
      switch selector {
      case .anySocial: if r.platform != nil { continue }
      case .platform(let p): if r.platform != p { continue }
      }
      guard let day = Day(r.asOf), abs(day.number - asOf.number) <= maxDaysFromDate else {
        continue
      }
      let share: Double?
      if r.metric == "share_of_agencies" {
        share = r.unit == "percent" ? r.value / 100 : nil
      } else {
        share = r.denominator.flatMap { $0 > 0 ? r.value / $0 : nil }
      }
      out.append(PublishedFigure(reference: r, share: share))
    }
    return out.sorted {
      ($0.reference.asOf, $0.reference.id) < ($1.reference.asOf, $1.reference.id)
    }
  }
}
