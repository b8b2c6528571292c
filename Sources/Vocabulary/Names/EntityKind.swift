/// The kind of organisation an entity is.
public enum EntityKind: String, CaseIterable, Codable, Sendable {
  case localPolice = "local_police"
  case federalPolice = "federal_police"
  case nationalPolice = "national_police"
  case foreignPolice = "foreign_police"
  case safetyBody = "safety_body"
  case partnership
  case sector

  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
