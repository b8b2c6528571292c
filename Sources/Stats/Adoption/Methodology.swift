import Vocabulary

/// The definitions every rendering of the report prints, so each figure can be cited.
public enum Methodology {
  /// (JSON key, definition) pairs in print order.
  public static func definitions(
    stalenessDays: Int, minConfidence: Confidence = PresenceRule.defaultMinConfidence
  ) -> [(String, String)] {
    let w = stalenessDays
    let m = minConfidence.rawValue
    return [
      (
        "entity_exists",
        "An entity exists on day D when valid_from is empty or on or before D and valid_to is "
          + "empty or after D (valid_to is the day it ceased, e.g. a merger date). Denominators "
          + "count only the entities existing on the date, so merged zones count once. Where "
          + "the sources give a start or end only as a year or between two dates, valid_from and "
          + "valid_to hold the latest date the sources allow (a zone is counted as long as the "
          + "sources allow it to exist, its successor from that day); the data-quality section "
          + "lists such dates with their bounds."
      ),
      (
        "evidence_date",
        "A channel counts as open from its evidence date: opened_on, else first_seen_on, else "
          + "the publication date of its source, else the source's retrieval date, until "
          + "closed_on (exclusive). A channel with none of these dates is never counted. A "
          + "channel that changed hands counts for each owner over that owner's period: from the "
          + "later of its evidence date and the period's start, until the period's end."
      ),
      (
        "presence_status",
        "The status of an entity on a platform on D rests on the evidence dated on or before D, "
          + "surveys counted only at confidence \(m) or higher. Presence events: each channel's "
          + "evidence date, the latest snapshot read of it, its verified_on, present surveys. "
          + "Absence events: absent surveys, and a channel's closing day when no other channel of "
          + "the entity on the platform is open that day. Present: a channel is open on D, or a "
          + "present survey is later than every absence event; confirmed when the latest "
          + "presence event is at most \(w) days before D, else carried forward. Absent: no "
          + "channel open, the latest absence event at most \(w) days before D and no presence "
          + "event on or after it. Unknown otherwise (never surveyed, an absence older than "
          + "\(w) days, an absence contradicted later); a presence and an absence on the same "
          + "day make it unknown. A channel open on D stays present when a later absent survey "
          + "says otherwise (counted under data quality). Surveys and channels belong to one "
          + "entity: after a merger the successor does not inherit its predecessors' surveys."
      ),
      (
        "any_platform",
        "\"any\" means any social platform: every platform except website, mailing_list and "
          + "sms_alert, which are not social media. Present on any: present on one of them. "
          + "Absent on any: absent on every platform of the report's platform set (the social "
          + "platforms on which an entity in scope has a channel or a counted survey). Unknown "
          + "otherwise."
      ),
      (
        "rate_lower",
        "Lower bound: present / entities existing on D (every unknown entity counted absent)."
      ),
      (
        "rate_upper",
        "Upper bound: (present + unknown) / entities existing on D (every unknown entity counted "
          + "present). The share lies between the bounds whatever the unknown entities do."
      ),
      (
        "coverage",
        "(present + absent) / entities existing on D: the share whose status is known."
      ),
      (
        "estimate",
        "present / (present + absent), with the 95% Wilson interval on n = present + absent: "
          + "the share among the entities whose status is known. Missing (no_survey) when none "
          + "is known, and missing (no_known_absence) when none is known absent while some are "
          + "unknown: the ratio would then be 100% by construction (surveys record presences "
          + "more readily than absences), and the bounds are what is known. Flagged low_coverage when coverage is below 50%: the unknown entities "
          + "may differ from the known ones (entities are recorded more readily where an "
          + "account was found), so the estimate may lie outside its interval."
      ),
      (
        "adoption_rate",
        "Kept for compatibility: the lower bound, present / entities existing on D, with the "
          + "Wilson interval of that ratio (ci_low, ci_high), which is not an interval for the "
          + "share. \"adopters\" is the number present."
      ),
      (
        "min_confidence",
        "Surveys of confidence below \(m) are not counted (--min-confidence); their number is "
          + "under data quality."
      ),
      (
        "published",
        "Published figures whose scope is the row's (the report's country; the row's region, "
          + "or none for the whole scope; a kind of the report or none; the row's platform, none "
          + "for any) with a share or a count of entities on the platform, dated within 365 "
          + "days of D, are printed beside the estimate with their source."
      ),
      (
        "confidence_interval",
        "95% Wilson score interval, z = 1.959964: centre (p + z²/2n)/(1 + z²/n), half-width "
          + "z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)."
      ),
      (
        "followers",
        "A channel's followers on D: the latest snapshot on or before D with a follower count, "
          + "if it is no older than \(stalenessDays) days (else missing: stale). An entity's "
          + "audience on a platform is the sum over its open channels there with such a snapshot; "
          + "missing when none has one (no_channel when it is present through a survey alone). "
          + "Sum, median and quartiles are over the present entities with a known audience."
      ),
      (
        "quartiles",
        "Linear interpolation between order statistics (Hyndman & Fan type 7, as R's default and "
          + "spreadsheets' QUARTILE.INC): h = (n−1)p, Q = x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])."
      ),
      (
        "followers_per_1000",
        "1,000 × Σ followers / Σ population over the entities existing on D with a known "
          + "population and a known audience (an entity without a channel on the platform, absent "
          + "or unknown, has an audience of 0: the audience the registry knows; one present "
          + "through a survey alone has none known and is left out). Followers are not all "
          + "residents: read it as reach, not penetration."
      ),
      (
        "growth",
        "A channel's " + Growth.definition + " The national growth is Σf1 − Σf0 over the "
          + "channels with both counts in their windows (a matched panel, f1 scaled to W days: "
          + "f0 × (f1/f0)^(W/elapsed)); per region the median of the channels' percentages. "
          + "The days of the counts used are given (baseline_on, end_on in JSON)."
      ),
      (
        "weekly_compound_growth",
        "(f1/f0)^(7/days) − 1, days being the time elapsed between the two counts of a growth "
          + "window."
      ),
      (
        "disclaimer",
        "An entity on social media states the emergency disclaimer (\"no urgent calls here\") "
          + "when one of its open social channels does (yes); when all are known not to (no); "
          + "otherwise unknown."
      ),
      (
        "diffusion",
        "For each year, among entities existing on 31 December (on D for D's own year): the "
          + "share with a channel on the platform opened on or before that day (cumulative: a "
          + "channel closed later still counts from its opening year on), and the entities "
          + "present, absent and unknown on that day (snapshots are not read for these days)."
      ),
      (
        "missing",
        "A figure that cannot be computed is shown as missing with its reason (no_snapshot, "
          + "stale, no_population, zero_population, no_end_in_window, no_baseline_in_window, "
          + "zero_baseline, no_elapsed_time, no_entities, no_values, no_survey, "
          + "no_known_absence, no_channel: "
          + "present through a survey that names no channel, out_of_range: a result too large to "
          + "be a count), never as 0."
      ),
    ]
  }
}
