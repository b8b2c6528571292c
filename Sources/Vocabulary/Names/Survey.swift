/// What a survey found: the entity on the platform, or not.
public enum SurveyResult: String, CaseIterable, Codable, Sendable {
  case present, absent
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How a survey was made. Stored as text and checked here (not by the schema), so a new method
/// needs no migration.
public enum SurveyMethod: String, CaseIterable, Codable, Sendable {
  /// The entity's own website links the account (or says it has none).
  case website
  /// The settings of the entity's website platform name the account (or leave it empty).
  case websiteSettings = "website_settings"
  /// A search on the platform itself.
  case platformSearch = "platform_search"
  /// A list the authorities publish.
  case officialList = "official_list"
  /// A study, article or answer that says so.
  case publication
  /// A person checked by hand.
  case manual
  /// The platform's programming interface.
  case api

  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
