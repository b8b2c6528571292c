import Vocabulary

/// The definitions every rendering of the report prints, so each figure can be cited.
public enum Methodology {
  /// (JSON key, definition) pairs in print order.
  public static func definitions(stalenessDays: Int) -> [(String, String)] {
    [
      (
        "entity_exists",
        "An entity exists on day D when valid_from is empty or on or before D and valid_to is "
          + "empty or after D (valid_to is the day it ceased, e.g. a merger date). Denominators "
          + "count only the entities existing on the date, so merged zones count once."
      ),
      (
        "adoption_rate",
        "Entities existing on D with at least one channel on the platform opened on or before D "
          + "(opening date, else the first date a source saw it) and not closed on or before D, "
          + "divided by the entities existing on D."
      ),
      (
        "confidence_interval",
        "95% Wilson score interval, z = 1.959964: centre (p + z²/2n)/(1 + z²/n), half-width "
          + "z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)."
      ),
      (
        "any_platform",
        "\"any\" means any social platform: every platform except website, mailing_list and "
          + "sms_alert, which are not social media."
      ),
      (
        "followers",
        "A channel's followers on D: the latest snapshot on or before D with a follower count, "
          + "if it is no older than \(stalenessDays) days (else missing: stale). An entity's "
          + "audience on a platform is the sum over its open channels there with such a snapshot; "
          + "missing when none has one. Sum, median and quartiles are over the adopting entities "
          + "with a known audience."
      ),
      (
        "quartiles",
        "Linear interpolation between order statistics (Hyndman & Fan type 7, as R's default and "
          + "spreadsheets' QUARTILE.INC): h = (n−1)p, Q = x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])."
      ),
      (
        "followers_per_1000",
        "1,000 × Σ followers / Σ population over the entities existing on D with a known "
          + "population and a known audience (an entity without a channel on the platform has an "
          + "audience of 0). Followers are not all residents: read it as reach, not penetration."
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
        "For each year, among entities existing on 31 December (on D for D's own year), the "
          + "share with a channel on the platform opened on or before that day; cumulative: a "
          + "channel closed later still counts from its opening year on."
      ),
      (
        "missing",
        "A figure that cannot be computed is shown as missing with its reason (no_snapshot, "
          + "stale, no_population, zero_population, no_end_in_window, no_baseline_in_window, "
          + "zero_baseline, no_elapsed_time, no_entities, no_values, out_of_range: a result too "
          + "large to be a count), never as 0."
      ),
    ]
  }
}
