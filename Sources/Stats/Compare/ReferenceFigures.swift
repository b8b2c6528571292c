/// A published figure (benchmark) with its scope, date and source.
public struct StatsReference: Sendable, Hashable {
  public var id: String
  public var label: String
  public var metric: String
  public var value: Double
  public var denominator: Double?
  public var unit: String
  public var country: String?
  public var region: String?
  public var kind: String?
  public var platform: String?
  /// The entity the figure is about, when it is about one.
  public var entityId: String?
  /// `YYYY-MM-DD`.
  public var asOf: String
  /// `day`, `month`, `year` or `circa`.
  public var precision: String
  public var sourceKey: String
  public var sourceTitle: String
  public var sourceURL: String?
  public var note: String?

  public init(
    id: String, label: String, metric: String, value: Double, denominator: Double? = nil,
    unit: String, country: String? = nil, region: String? = nil, kind: String? = nil,
    platform: String? = nil, entityId: String? = nil, asOf: String, precision: String = "day",
    sourceKey: String, sourceTitle: String = "", sourceURL: String? = nil, note: String? = nil
  ) {
    self.id = id
    self.label = label
    self.metric = metric
    self.value = value
    self.denominator = denominator
    self.unit = unit
    self.country = country
    self.region = region
    self.kind = kind
    self.platform = platform
    self.entityId = entityId
    self.asOf = asOf
    self.precision = precision
    self.sourceKey = sourceKey
    self.sourceTitle = sourceTitle
    self.sourceURL = sourceURL
    self.note = note
  }

  /// Whether the figure's scope fits: each of country, region, kind and platform is unset on the
  /// figure (matches anything) or equal to the given one. A nil `platform` argument (no platform
  /// chosen) accepts every figure's platform.
  public func fits(country: String, region: String?, kind: String, platform: String?) -> Bool {
    func ok(_ scope: String?, _ v: String?) -> Bool {
      guard let scope else { return true }
      guard let v else { return false }
      return scope.caseInsensitiveCompare(v) == .orderedSame
    }
    return ok(self.country, country) && ok(self.region, region) && ok(self.kind, kind)
      && (platform == nil || ok(self.platform, platform))
  }

  /// The figure's source, as the renderers cite it.
  public var citation: Citation { Citation(key: sourceKey, title: sourceTitle, url: sourceURL) }
}

/// How an entity compares with a reference figure.
public struct ReferenceComparison: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// The entity's followers against a published follower count.
    case followers
    /// The share of current peers on the platform against a published share.
    case adoptionRate = "adoption_rate"
    /// No like-for-like figure: shown for context.
    case contextOnly = "context_only"
  }

  public var reference: StatsReference
  public var kind: Kind
  /// The figure as compared (a share 0...1 for rates, else the value).
  public var referenceValue: Double
  /// The entity's (or its current peers') comparable value.
  public var current: Metric<Double>
  /// current − reference (rates: in percentage points ×0.01).
  public var difference: Metric<Double>
  /// A sentence for readers.
  public var text: String

  /// Compares `figures` (the entity's, on the figure's platform or any) and the peers' adoption
  /// on the figure's platform with one reference figure.
  ///
  /// - `followers`: the entity's followers on the figure's platform (or on any social platform)
  ///   minus the figure.
  /// - `entities_with_channel` with a denominator: value / denominator against the share of the
  ///   current peers with an open channel on the platform.
  /// - `share_of_agencies` (percent): value / 100 against that same share.
  /// - anything else: context only.
  public static func compare(
    _ r: StatsReference, entityId: String, followers: Metric<Double>, peerAdoption: Proportion?
  ) -> ReferenceComparison {
    var c = ReferenceComparison(
      reference: r, kind: .contextOnly, referenceValue: r.value, current: .missing(.noValues),
      difference: .missing(.noValues), text: "context only")
    let date = r.precision == "day" ? r.asOf : "\(r.asOf) (\(r.precision))"
    let about =
      r.entityId.map { $0 == entityId ? " (this entity's own figure)" : " (about \($0))" } ?? ""
    switch r.metric {
    case "followers":
      c.kind = .followers
      c.current = followers
      c.difference = followers.map { $0 - r.value }
      let p = r.platform ?? "any social platform"
      if let f = followers.value {
        let ratio = r.value > 0 ? String(format: " (%.2f×)", f / r.value) : ""
        c.text =
          "followers on \(p) now \(ReportText.grouped(f)) vs \(ReportText.grouped(r.value)) "
          + "on \(date)\(about): \(ReportText.grouped(f - r.value, signed: true))\(ratio)"
      } else {
        c.text = "followers on \(p): \(ValueStyle.count.format(followers)), so no comparison"
      }
    case "entities_with_channel", "share_of_agencies":
      let share: Double?
      if r.metric == "share_of_agencies" {
        share = r.unit == "percent" ? r.value / 100 : nil
      } else {
        share = r.denominator.flatMap { $0 > 0 ? r.value / $0 : nil }
      }
      guard let share, let peerAdoption else {
        c.text = "context only (no denominator, so no rate to compare)"
        return c
      }
      c.kind = .adoptionRate
      c.referenceValue = share
      c.current = peerAdoption.rate
      c.difference = peerAdoption.rate.map { $0 - share }
      let p = r.platform ?? "any social platform"
      c.text =
        "rate \(ReportText.percent(.value(share))) on \(date) vs "
        + "\(ReportText.percent(peerAdoption.rate)) of the current peers on \(p) "
        + "(\(peerAdoption.successes)/\(peerAdoption.total))"
    default:
      c.text = "context only\(about)"
    }
    return c
  }
}
