import Foundation
import Vocabulary

/// A known platform host, matched with its subdomains (`www.`, `m.`, `mobile.`, `be.`...).
enum HandleSite: Equatable {
  case x, facebook, instagram, youtube, tiktok, linkedin, threads, telegram, whatsapp, bluesky
  /// A known host whose links never name a channel, and why.
  case unsupported(String)

  static let domains: [(String, HandleSite)] = [
    ("twitter.com", .x), ("x.com", .x), ("facebook.com", .facebook), ("fb.com", .facebook),
    ("fb.me", .facebook), ("instagram.com", .instagram), ("instagr.am", .instagram),
    ("youtube.com", .youtube), ("tiktok.com", .tiktok), ("linkedin.com", .linkedin),
    ("threads.net", .threads), ("threads.com", .threads), ("t.me", .telegram),
    ("telegram.me", .telegram), ("telegram.dog", .telegram), ("whatsapp.com", .whatsapp),
    ("bsky.app", .bluesky),
    ("wa.me", .unsupported("it names a phone number, not a channel (no personal data)")),
    ("youtu.be", .unsupported("it is a video, not a channel; give the channel address")),
    ("fb.watch", .unsupported("it is a video, not a page; give the page address")),
    ("t.co", .unsupported("it is a shortened link; open it and give the profile address")),
    ("lnkd.in", .unsupported("it is a shortened link; open it and give the profile address")),
    ("medium.com", .unsupported("Medium is not a supported platform")),
  ]

  init?(host: String) {
    for (domain, site) in Self.domains where host == domain || host.hasSuffix("." + domain) {
      self = site
      return
    }
    return nil
  }

  /// Platforms whose hint agrees with an address on this site.
  var platforms: [Platform] {
    switch self {
    case .x: [.x]
    case .facebook: [.facebookPage, .facebookGroup]
    case .instagram: [.instagram]
    case .youtube: [.youtube]
    case .tiktok: [.tiktok]
    case .linkedin: [.linkedin]
    case .threads: [.threads]
    case .telegram: [.telegram]
    case .whatsapp: [.whatsappChannel]
    case .bluesky: [.bluesky]
    case .unsupported: []
    }
  }
}
