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

/// Whether a channel is in use; `unknown` when no source says (e.g. a channel seen once in 2013).
public enum ChannelStatus: String, CaseIterable, Codable, Sendable {
  case active, dormant, closed, unknown
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How sure the registry is that a channel belongs to its entity.
public enum Confidence: String, CaseIterable, Codable, Sendable {
  case high, medium, low
  public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension String {
  /// Splits a `;`-separated list, trimming blanks and dropping empty items.
  public var semicolonList: [String] {
    split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
