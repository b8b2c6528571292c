/// The survey worksheet (`survey sheet`): one row per entity and platform, first what the
/// registry knows (read-only), then the columns a person fills in. `import surveys` reads it back
/// as it is: the rows with a result are recorded, the known columns are not read (but
/// `entity_id` and `platform`, which say what was surveyed).
public enum SurveySheet {
  /// What the registry knows on the worksheet's day.
  public static let knownColumns = [
    "entity_id", "entity_code", "entity_name", "region", "platform", "status", "evidence",
    "evidence_on", "known_handles", "website",
  ]
  /// What the surveyor writes: `result` (present or absent) and the day; the rest as known.
  public static let fillColumns = [
    "observed_on", "result", "handle", "method", "confidence", "source", "note",
  ]
  public static var columns: [String] { knownColumns + fillColumns }
}
