import Foundation

/// A platform a channel lives on. Raw values are the stored and printed names.
public enum Platform: String, CaseIterable, Codable, Sendable, Comparable {
  case x
  case facebookPage = "facebook_page"
  case facebookGroup = "facebook_group"
  case instagram
  case youtube
  case tiktok
  case linkedin
  case threads
  case mastodon
  case bluesky
  case telegram
  case whatsappChannel = "whatsapp_channel"
  case website
  case mailingList = "mailing_list"
  case smsAlert = "sms_alert"

  /// Social platforms count towards "on social media"; websites, mailing lists and SMS do not.
  public var isSocial: Bool {
    switch self {
    case .website, .mailingList, .smsAlert: return false
    default: return true
    }
  }

  /// The stored names of the platforms that are not social media (from `isSocial`).
  public static let nonSocialNames: Set<String> = Set(
    allCases.filter { !$0.isSocial }.map(\.rawValue))

  /// Whether a stored platform name is social media; a name this version does not know counts
  /// as social (it can only have come from a newer registry, and every new platform so far is).
  public static func isSocial(name: String) -> Bool { !nonSocialNames.contains(name) }

  public static func < (a: Platform, b: Platform) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// Accepts the stored name and a few common aliases (`twitter`, `facebook`, `fb`, `ig`, `yt`).
  public init?(userText: String) {
    let t = userText.lowercased().trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "-", with: "_")
    if let p = Platform(rawValue: t) {
      self = p
      return
    }
    switch t {
    case "twitter", "x/twitter", "x.com": self = .x
    case "facebook", "fb", "facebook page": self = .facebookPage
    case "facebook group": self = .facebookGroup
    case "ig", "insta": self = .instagram
    case "yt": self = .youtube
    case "bsky": self = .bluesky
    case "whatsapp": self = .whatsappChannel
    case "web", "site": self = .website
    case "sms": self = .smsAlert
    case "mail", "email", "google_group": self = .mailingList
    default: return nil
    }
  }

  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
