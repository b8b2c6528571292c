import Vocabulary

/// The report as JSON, the machine contract documented in docs/report.md.
public enum ReportJSON {
  public static func render(_ r: AdoptionReport) -> String {
    document(r).serialized() + "\n"
  }

  public static func document(_ r: AdoptionReport) -> JSONValue {
    let any = r.nationalAny
    var summaryMissing: [(String, JSONValue)] = []
    func note(_ key: String, _ m: Metric<Double>) -> JSONValue {
      if let reason = m.reason { summaryMissing.append((key, .string(reason.rawValue))) }
      return .metric(m)
    }
    let summaryFields: [(String, JSONValue)] = [
      ("entities", .int(any.entities)),
      ("adopters_any", .int(any.adopters)),
      ("followers_sum", note("followers_sum", any.followers.sum)),
      ("followers_median", note("followers_median", any.followers.median)),
      ("followers_per_1000", note("followers_per_1000", any.perThousand)),
    ]
    let summary: JSONValue = .object(
      summaryFields + [
        ("missing_reasons", .object(summaryMissing)),
        ("platforms", .array(r.national.map(row))),
        ("growth", .object([("90d", growth(r.growth90)), ("365d", growth(r.growth365))])),
        (
          "disclaimer",
          .object([
            ("yes", .int(r.disclaimer.yes)), ("no", .int(r.disclaimer.no)),
            ("unknown", .int(r.disclaimer.unknown)),
          ])
        ),
      ])
    let q = r.dataQuality
    return .object([
      ("synthetic", .bool(r.synthetic)),
      ("as_of", .string("\(r.asOf)")),
      (
        "filters",
        .object([
          ("country", .string(r.filters.country)),
          ("regions", .array(r.filters.regions.map { .string($0) })),
          ("kinds", .array(r.filters.kinds.map { .string($0) })),
          ("platforms", .array(r.filters.platforms.map { .string($0) })),
          ("staleness_days", .int(r.stalenessDays)),
          ("min_confidence", .string(r.minConfidence.rawValue)),
        ])
      ),
      ("summary", summary),
      ("regions", .array(r.regions.map(row))),
      (
        "entities_ranked",
        .object([
          ("top", .array(r.top.map(entity))), ("bottom", .array(r.bottom.map(entity))),
          ("missing", .array(r.missingAudience.map(entity))),
        ])
      ),
      ("diffusion", .array(diffusion(r))),
      (
        "data_quality",
        .object([
          ("open_social_channels", .int(q.openSocialChannels)),
          ("fresh_snapshot", .int(q.freshSnapshot)),
          ("stale_snapshot", .int(q.staleSnapshot)),
          ("no_snapshot", .int(q.noSnapshot)),
          ("no_end_in_window_90d", .int(q.noEnd90)),
          ("no_baseline_90d", .int(q.noBaseline90)),
          ("no_end_in_window_365d", .int(q.noEnd365)),
          ("no_baseline_365d", .int(q.noBaseline365)),
          ("low_confidence", .int(q.lowConfidence)),
          ("medium_confidence", .int(q.mediumConfidence)),
          ("disclaimer_unknown", .int(q.disclaimerUnknown)),
          ("channels_without_opening_date", .int(q.channelsWithoutOpeningDate)),
          ("entities_without_population", .int(q.entitiesWithoutPopulation)),
          ("placeholders_excluded", .int(q.placeholdersExcluded)),
          ("channels_dated_by_source", .int(q.channelsDatedBySource)),
          ("surveys_counted", .int(q.surveysCounted)),
          ("surveys_below_min_confidence", .int(q.surveysBelowConfidence)),
          ("presence_conflicts", .int(q.presenceConflicts)),
          ("uncertain_dates", .int(q.uncertainDates.count)),
        ])
      ),
      // The dates themselves beside the counts, so that data_quality stays a map of counts.
      (
        "uncertain_dates",
        .array(
          q.uncertainDates.map { u in
            .object([
              ("entity_id", .string(u.entityId)), ("side", .string(u.side)),
              ("used", .string(u.used)), ("earliest", .optional(u.earliest)),
              ("latest", .optional(u.latest)), ("source", .string(u.sourceKey)),
            ])
          })
      ),
      (
        "methodology",
        .object([
          ("as_of", .string("\(r.asOf)")),
          ("staleness_days", .int(r.stalenessDays)),
          ("quantile_method", .string("type 7 (linear interpolation)")),
          ("confidence_level", .number(0.95)),
          ("z", .number(WilsonInterval.z95)),
          ("min_confidence", .string(r.minConfidence.rawValue)),
          ("presence_window_days", .int(r.stalenessDays)),
          ("platform_set", .array(r.platformSet.map { .string($0) })),
          ("low_coverage_below", .number(AdoptionBounds.lowCoverageBelow)),
          (
            "definitions",
            .object(
              Methodology.definitions(
                stalenessDays: r.stalenessDays, minConfidence: r.minConfidence
              )
              .map { ($0.0, .string($0.1)) })
          ),
        ])
      ),
      (
        "sources",
        .array(
          r.sources.map { s in
            .object([
              ("key", .string(s.key)), ("title", .string(s.title)),
              ("publisher", .optional(s.publisher)), ("url", .optional(s.url)),
              ("published_on", .optional(s.publishedOn)),
              ("retrieved_on", .optional(s.retrievedOn)),
            ])
          })
      ),
    ])
  }

  /// One region × platform row; every missing number is null with its reason in missing_reasons.
  public static func row(_ g: GroupFigures) -> JSONValue {
    let metrics: [(String, Metric<Double>)] = [
      ("adoption_rate", g.adoption.rate), ("ci_low", g.adoption.low), ("ci_high", g.adoption.high),
      ("followers_sum", g.followers.sum), ("followers_q1", g.followers.q1),
      ("followers_median", g.followers.median), ("followers_q3", g.followers.q3),
      ("followers_per_1000", g.perThousand), ("growth_90d_pct_median", g.growth90PctMedian),
      ("growth_365d_pct_median", g.growth365PctMedian),
    ]
    var fields: [(String, JSONValue)] = [
      ("region", .string(g.region)), ("platform", .string(g.platform)),
      ("entities", .int(g.entities)), ("adopters", .int(g.adopters)),
    ]
    fields += metrics.map { ($0.0, .metric($0.1)) }
    fields.append(("followers_known", .int(g.followers.count)))
    fields.append(("followers_missing", .int(g.followersMissing)))
    let b = g.presence
    let bounds: [(String, Metric<Double>)] = [
      ("coverage", b.coverage), ("rate_lower", b.lower), ("rate_upper", b.upper),
      ("estimate", b.estimate.rate), ("estimate_ci_low", b.estimate.low),
      ("estimate_ci_high", b.estimate.high),
    ]
    fields.append(
      (
        "missing_reasons",
        .object(
          (metrics + bounds).compactMap { m in m.1.reason.map { (m.0, .string($0.rawValue)) } })
      ))
    // Added with the statuses (docs/report.md): the fields above keep their meaning.
    fields += [
      ("present", .int(b.counts.present)), ("present_confirmed", .int(b.counts.presentConfirmed)),
      ("absent", .int(b.counts.absent)), ("unknown", .int(b.counts.unknown)),
    ]
    fields += bounds.map { ($0.0, .metric($0.1)) }
    fields.append(("estimate_missing_reason", .optional(b.estimate.rate.reason?.rawValue)))
    fields.append(("low_coverage", .bool(b.lowCoverage)))
    fields.append(("published", .array(g.published.map(published))))
    return .object(fields)
  }

  static func published(_ p: PublishedFigure) -> JSONValue {
    let r = p.reference
    return .object([
      ("id", .string(r.id)), ("label", .string(r.label)), ("metric", .string(r.metric)),
      ("value", .number(r.value)), ("denominator", r.denominator.map { .number($0) } ?? .null),
      ("unit", .string(r.unit)), ("share", p.share.map { .number($0) } ?? .null),
      ("as_of", .string(r.asOf)), ("as_of_precision", .string(r.precision)),
      ("source", .string(r.sourceKey)),
    ])
  }

  static func growth(_ g: PanelGrowth) -> JSONValue {
    let metrics = [("absolute", g.absolute), ("percent", g.percent)]
    return .object(
      metrics.map { ($0.0, JSONValue.metric($0.1)) } + [
        ("channels", .int(g.channels)),
        ("baseline_on", .optional(g.dates?.baselineText)),
        ("end_on", .optional(g.dates?.endText)),
        (
          "missing_reasons",
          .object(metrics.compactMap { m in m.1.reason.map { (m.0, .string($0.rawValue)) } })
        ),
      ])
  }

  static func entity(_ e: EntityAudience) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("id", .string(e.id)), ("name", .string(e.name)), ("region", .string(e.region)),
      ("followers", .metric(e.followers)),
    ]
    if let reason = e.followers.reason {
      fields.append(("missing_reason", .string(reason.rawValue)))
    }
    return .object(fields)
  }

  static func diffusion(_ r: AdoptionReport) -> [JSONValue] {
    var out: [JSONValue] = []
    for region in r.diffusion.keys.sorted(by: regionOrder) {
      for p in r.diffusion[region]! {
        var fields: [(String, JSONValue)] = [
          ("region", .string(region)), ("platform", .string(p.platform)), ("year", .int(p.year)),
          ("entities", .int(p.entities)), ("adopters", .int(p.adopters)),
          ("share", .metric(p.share)), ("present", .int(p.present)), ("absent", .int(p.absent)),
          ("unknown", .int(p.unknown)),
        ]
        if let reason = p.share.reason {
          fields.append(("missing_reason", .string(reason.rawValue)))
        }
        out.append(.object(fields))
      }
    }
    return out
  }

  /// `ALL` first, then region codes in order.
  static func regionOrder(_ a: String, _ b: String) -> Bool {
    if a == "ALL" { return b != "ALL" }
    if b == "ALL" { return false }
    return a < b
  }
}
