import Foundation
import Vocabulary

/// The report's region rows flattened to CSV: one row per region × platform (plus `ALL` rows).
public enum ReportCSV {
  public static let columns = [
    "as_of", "region", "region_name", "platform", "entities", "adopters", "adoption_rate",
    "ci_low", "ci_high", "followers_sum", "followers_q1", "followers_median", "followers_q3",
    "followers_known", "followers_missing", "followers_per_1000", "growth_90d_pct_median",
    "growth_365d_pct_median", "missing_reasons", "present", "present_confirmed", "absent",
    "unknown", "coverage", "rate_lower", "rate_upper", "estimate", "estimate_ci_low",
    "estimate_ci_high", "estimate_missing_reason", "low_coverage", "published",
  ]

  public static func render(_ r: AdoptionReport) -> String {
    let csv = CSVWriter.people
    var out = csv.row(columns)
    for g in r.national + r.regions {
      let metrics: [(String, Metric<Double>)] = [
        ("adoption_rate", g.adoption.rate), ("ci_low", g.adoption.low),
        ("ci_high", g.adoption.high), ("followers_sum", g.followers.sum),
        ("followers_q1", g.followers.q1), ("followers_median", g.followers.median),
        ("followers_q3", g.followers.q3),
      ]
      let later: [(String, Metric<Double>)] = [
        ("followers_per_1000", g.perThousand), ("growth_90d_pct_median", g.growth90PctMedian),
        ("growth_365d_pct_median", g.growth365PctMedian),
      ]
      let b = g.presence
      let bounds: [(String, Metric<Double>)] = [
        ("coverage", b.coverage), ("rate_lower", b.lower), ("rate_upper", b.upper),
        ("estimate", b.estimate.rate), ("estimate_ci_low", b.estimate.low),
        ("estimate_ci_high", b.estimate.high),
      ]
      let reasons = (metrics + later + bounds).compactMap { m in
        m.1.reason.map { "\(m.0)=\($0.rawValue)" }
      }
      var cells = [
        "\(r.asOf)", g.region, r.regionName(g.region), g.platform, String(g.entities),
        String(g.adopters),
      ]
      cells += metrics.map { value($0.1) }
      cells += [String(g.followers.count), String(g.followersMissing)]
      cells += later.map { value($0.1) }
      cells.append(reasons.joined(separator: ";"))
      cells += [b.counts.present, b.counts.presentConfirmed, b.counts.absent, b.counts.unknown].map
      {
        String($0)
      }
      cells += bounds.map { value($0.1) }
      cells.append(b.estimate.rate.reason?.rawValue ?? "")
      cells.append(b.lowCoverage ? "yes" : "no")
      cells.append(g.published.map { "\($0.reference.id)=\($0.text)" }.joined(separator: ";"))
      out += csv.row(cells)
    }
    return out
  }

  static func value(_ m: Metric<Double>) -> String {
    m.value.map { JSONValue.number($0) } ?? ""
  }
}
