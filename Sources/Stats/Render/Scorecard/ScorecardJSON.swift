import Vocabulary

/// The scorecard, side-by-side comparison and league table as JSON with stable keys.
public enum ScorecardJSON {
  static func metric(_ m: Metric<Double>) -> JSONValue { .metric(m) }
  static func reason(_ m: Metric<Double>) -> JSONValue { .optional(m.reason?.rawValue) }

  static func entity(_ e: StatsEntity, country: String? = nil) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("id", .string(e.id)), ("name", .string(e.name))]
    pairs.append(("kind", .string(e.kind)))
    if let country { pairs.append(("country", .string(country))) }
    pairs.append(("region", .string(e.region)))
    pairs.append(("population", e.population.map { .int($0) } ?? .null))
    return .object(pairs)
  }

  static func projection(_ p: ProjectionResult) -> JSONValue {
    .object([
      ("label", .string("projection")),
      ("method", .string(Projection.method)),
      ("current_followers", metric(p.current)),
      ("daily_growth", metric(p.dailyGrowth)),
      ("missing_reason", reason(p.dailyGrowth)),
      (
        "horizons",
        .array(
          p.projections.map {
            .object([
              ("days", .int($0.horizonDays)), ("followers", metric($0.followers)),
              ("missing_reason", reason($0.followers)),
            ])
          })
      ),
    ])
  }

  static func reference(_ c: ReferenceComparison) -> JSONValue {
    let f = c.reference
    return .object([
      ("id", .string(f.id)), ("label", .string(f.label)), ("metric", .string(f.metric)),
      ("value", .number(f.value)), ("denominator", f.denominator.map { .number($0) } ?? .null),
      ("unit", .string(f.unit)), ("as_of", .string(f.asOf)), ("precision", .string(f.precision)),
      (
        "scope",
        .object([
          ("country", .optional(f.country)), ("region", .optional(f.region)),
          ("kind", .optional(f.kind)), ("platform", .optional(f.platform)),
          ("entity_id", .optional(f.entityId)),
        ])
      ),
      (
        "source",
        .object([
          ("key", .string(f.sourceKey)), ("title", .string(f.sourceTitle)),
          ("url", .optional(f.sourceURL)),
        ])
      ),
      ("note", .optional(f.note)),
      (
        "comparison",
        .object([
          ("kind", .string(c.kind.rawValue)),
          ("reference_value", .number(c.referenceValue)),
          ("current", c.kind == .contextOnly ? .null : metric(c.current)),
          ("current_missing_reason", c.kind == .contextOnly ? .null : reason(c.current)),
          ("difference", c.kind == .contextOnly ? .null : metric(c.difference)),
          ("text", .string(c.text)),
        ])
      ),
    ])
  }

  public static func render(_ s: Scorecard) -> String {
    let metrics: [JSONValue] = s.rows.map { r in
      .object([
        ("metric", .string(r.metric.rawValue)), ("label", .string(r.metric.label)),
        ("value", metric(r.value)), ("missing_reason", reason(r.value)),
        ("percentile", metric(r.percentile)), ("percentile_missing_reason", reason(r.percentile)),
        ("peers_at_or_below", .int(r.peersAtOrBelow)),
        ("peers_with_value", .int(r.peerValues.count)),
        ("peer_q1", metric(r.peers.q1)), ("peer_median", metric(r.peers.median)),
        ("peer_q3", metric(r.peers.q3)), ("peer_median_missing_reason", reason(r.peers.median)),
        (
          "best_peer",
          r.best.map {
            .object([
              ("id", .string($0.id)), ("name", .string($0.name)), ("value", .number($0.value)),
            ])
          } ?? .null
        ),
        ("peers_missing_count", .int(r.peersMissing.count)),
        (
          "peers_missing",
          .array(
            r.peersMissing.map {
              .object([("id", .string($0.id)), ("reason", .string($0.reason.rawValue))])
            })
        ),
        (
          "peer_values",
          .array(
            r.peerValues.map { .object([("id", .string($0.id)), ("value", .number($0.value))]) })
        ),
      ])
    }
    let doc: JSONValue = .object([
      ("synthetic", .bool(s.synthetic)),
      ("entity", entity(s.entity, country: s.country)),
      ("region_name", .string(s.regionName)),
      ("as_of", .string("\(s.asOf)")),
      ("staleness_days", .int(s.stalenessDays)),
      ("platform", .string(s.platform.name)),
      ("channels", .int(s.channels)),
      ("channels_without_date", .int(s.channelsWithoutDate)),
      (
        "peer_group",
        .object([
          ("basis", .string(s.group.basis.rawValue)),
          ("size", .int(s.group.members.count)),
          ("description", .string(s.group.description)),
          ("placeholders_excluded", .int(s.group.placeholdersExcluded)),
          (
            "population_band",
            s.group.populationBand.map {
              .array([.int($0.lowerBound), .int($0.upperBound)])
            } ?? .null
          ),
          ("members", .array(s.group.members.map { .string($0.id) })),
        ])
      ),
      ("percentile_definition", .string(Scorecard.percentileDefinition)),
      ("metrics", .array(metrics)),
      (
        "coverage",
        .array(
          s.coverage.map {
            .object([
              ("platform", .string($0.platform)), ("entity_on", .bool($0.entityOn)),
              ("peers_on", .int($0.peers.successes)), ("peers", .int($0.peers.total)),
              ("peer_share", metric($0.peers.rate)),
            ])
          })
      ),
      (
        "growth_windows",
        growthWindows(s.growthDates) { w in
          s.rows.first { $0.metric.windowDays == w }?.value.reason
        }
      ),
      ("projection", projection(s.projection)),
      ("references", .array(s.references.map(reference))),
    ])
    return doc.serialized() + "\n"
  }

  public static func render(_ s: SideBySide) -> String {
    let doc: JSONValue = .object([
      ("synthetic", .bool(s.synthetic)),
      ("as_of", .string("\(s.asOf)")),
      ("platform", .string(s.platform.name)),
      (
        "entities",
        .array(
          s.figures.enumerated().map { i, f in
            var metrics: [(String, JSONValue)] = []
            for m in CompareMetric.allCases { metrics.append((m.rawValue, metric(f[m]))) }
            var reasons: [(String, JSONValue)] = []
            for m in CompareMetric.allCases where f[m].reason != nil {
              reasons.append((m.rawValue, reason(f[m])))
            }
            return .object([
              ("entity", entity(f.entity)), ("channels", .int(f.channels)),
              ("platforms", .array(s.platforms[i].map { .string($0) })),
              ("metrics", .object(metrics)), ("missing_reasons", .object(reasons)),
              (
                "growth_windows",
                growthWindows(f.growthDates) { w in
                  CompareMetric.allCases.first { $0.windowDays == w }.flatMap { f[$0].reason }
                }
              ),
              ("projection", projection(s.projections[i])),
            ])
          })
      ),
    ])
    return doc.serialized() + "\n"
  }

  static func inputs(_ t: LeagueTable, _ e: LeagueEntry) -> [(String, JSONValue)] {
    LeagueTable.inputColumns(t.metric).map { k in
      (k, e.inputs[k].map(metric) ?? .null)
    }
      + zip(LeagueTable.dateColumns(t.metric), LeagueTable.dates(e)).map { ($0, .optional($1)) }
  }

  /// Per growth window, the days of the counts used, or the reason the growth is missing.
  static func growthWindows(_ dates: [Int: GrowthDates], reasons: (Int) -> MissingReason?)
    -> JSONValue
  {
    .array(
      CompareMetric.growthWindows.map { w in
        .object([
          ("days", .int(w)), ("tolerance_days", .int(Growth.tolerance(w))),
          ("baseline_on", .optional(dates[w]?.baselineText)),
          ("end_on", .optional(dates[w]?.endText)),
          ("missing_reason", .optional(dates[w] == nil ? reasons(w)?.rawValue : nil)),
        ])
      })
  }

  /// One JSON object per ranked entity (for ndjson, and the `ranked` array of json).
  public static func entry(_ t: LeagueTable, _ e: LeagueEntry) -> JSONValue {
    .object(
      [
        ("rank", .int(e.rank)), ("entity_id", .string(e.entity.id)),
        ("name", .string(e.entity.name)), ("region", .string(e.entity.region)),
        ("value", .number(e.value)),
      ] + inputs(t, e) + [("missing_reason", .null)])
  }

  public static func missingEntry(_ t: LeagueTable, _ m: LeagueMissing) -> JSONValue {
    .object(
      [
        ("rank", .null), ("entity_id", .string(m.entity.id)), ("name", .string(m.entity.name)),
        ("region", .string(m.entity.region)), ("value", .null),
      ]
        + (LeagueTable.inputColumns(t.metric) + LeagueTable.dateColumns(t.metric)).map {
          ($0, JSONValue.null)
        } + [
          ("missing_reason", .string(m.reason.rawValue))
        ])
  }

  public static func render(_ t: LeagueTable, scope: String) -> String {
    let doc: JSONValue = .object([
      ("synthetic", .bool(t.synthetic)),
      ("metric", .string(t.metric.rawValue)), ("label", .string(t.metric.label)),
      ("platform", .string(t.platform.name)), ("as_of", .string("\(t.asOf)")),
      ("scope", .string(scope)), ("tie_rule", .string(LeagueTable.tieRule)),
      ("ranked_count", .int(t.entries.count)), ("cut_off", .int(t.cutOff)),
      ("missing_count", .int(t.missing.count)),
      ("placeholders_excluded", .int(t.placeholdersExcluded)),
      ("ranked", .array(t.entries.map { entry(t, $0) })),
      ("missing", .array(t.missing.map { missingEntry(t, $0) })),
    ])
    return doc.serialized() + "\n"
  }
}
