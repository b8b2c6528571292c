import Foundation
import Vocabulary

/// What a link found on an entity's website says about the entity's accounts.
public enum SiteLink: Sendable, Equatable {
  /// A link to an account: the handle parser's platform and canonical handle.
  case account(Handle)
  /// A link that needs a person: a share or intent button, a tracking redirect, a post rather
  /// than an account, a platform link the handle parser refuses. `platforms` are those the link
  /// is on (they get no absence: the site does mention them), empty for share buttons, which
  /// every page template carries whatever the entity's accounts.
  case toCheck(reason: String, platforms: [Platform])
  /// Not a social platform's address (the site's own pages, other websites): ignored.
  case other

  /// Classifies one absolute http(s) link.
  public static func classify(_ url: String) -> SiteLink {
    guard let c = URLComponents(string: url), let rawHost = c.host?.lowercased() else {
      return .other
    }
    let host = rawHost.hasSuffix(".") ? String(rawHost.dropLast()) : rawHost
    let segments = c.path.split(separator: "/").map { $0.lowercased() }
    let query = c.percentEncodedQuery ?? ""
    let site = HandleSite(host: host)

    if let target = trackingTarget(host: host, segments: segments, items: c.queryItems ?? []) {
      let platforms: [Platform]
      switch classify(target) {
      case .account(let h): platforms = [h.platform]
      case .toCheck(_, let p): platforms = p
      case .other: return .other
      }
      return .toCheck(reason: "tracking redirect to \(target)", platforms: platforms)
    }
    guard let site else { return mastodonOrOther(url, segments: segments) }
    if case .unsupported(let why) = site {
      // youtu.be and fb.watch are videos of some channel: the platform is mentioned.
      let platforms: [Platform] =
        host.hasSuffix("youtu.be") ? [.youtube] : host.hasSuffix("fb.watch") ? [.facebookPage] : []
      return .toCheck(reason: "\(host) link: \(why)", platforms: platforms)
    }
    if isShare(site: site, host: host, segments: segments, query: query) {
      return .toCheck(reason: "share or intent button, not an account", platforms: [])
    }
    // The platform's home page (an icon without a target) names no account.
    if segments.isEmpty { return .other }
    if let post = postKind(site: site, segments: segments) {
      return .toCheck(reason: "a \(post), not an account", platforms: site.platforms)
    }
    switch Handle.parse(url) {
    case .success(let h) where h.platform.isSocial: return .account(h)
    case .success: return .other
    case .failure(let e):
      return .toCheck(reason: "not an account: \(e.reason)", platforms: site.platforms)
    }
  }

  /// A Fediverse profile (`https://instance/@user`) is Mastodon; a post there
  /// (`/@user/123456`) is to check; anything else on an unknown host is no social link.
  static func mastodonOrOther(_ url: String, segments: [String]) -> SiteLink {
    guard let first = segments.first, first.hasPrefix("@"), first.count > 1 else { return .other }
    if segments.count >= 2, segments[1].allSatisfy(\.isNumber) {
      return .toCheck(reason: "a Mastodon post, not an account", platforms: [.mastodon])
    }
    guard segments.count == 1, case .success(let h) = Handle.parse(url, platform: .mastodon)
    else { return .other }
    return .account(h)
  }

  /// The address a redirector forwards to, when it names one: Facebook's `l.php?u=`,
  /// Google's `url?q=`, LinkedIn's `redir`, and any link whose query carries a social
  /// platform's address.
  static func trackingTarget(host: String, segments: [String], items: [URLQueryItem]) -> String? {
    for item in items {
      guard let v = item.value?.trimmingCharacters(in: .whitespaces),
        v.lowercased().hasPrefix("http://") || v.lowercased().hasPrefix("https://"),
        let target = URLComponents(string: v)?.host?.lowercased()
      else { continue }
      let redirector =
        segments == ["l.php"] || segments == ["url"] || segments.first == "redir"
        || segments.first == "redirect" || host.hasPrefix("l.") || host.hasPrefix("lm.")
      // A share button also carries an address (the page to share): it is no redirect.
      let share = segments.contains { shareWords.contains($0) }
      if !share && (redirector || HandleSite(host: target) != nil) { return v }
    }
    return nil
  }

  private static let shareWords: Set<String> = [
    "sharer", "sharer.php", "share", "intent", "sharearticle", "share-offsite", "sharing",
    "tweet", "send", "dialog", "submit",
  ]

  /// Share and intent buttons: `facebook.com/sharer`, `twitter.com/intent/...`,
  /// `linkedin.com/shareArticle`, `/share?`, `t.me/share/url`, WhatsApp's `send?text=`.
  static func isShare(site: HandleSite, host: String, segments: [String], query: String) -> Bool {
    if segments.contains(where: { shareWords.contains($0) }) { return true }
    if site == .whatsapp && query.lowercased().contains("text=") { return true }
    return false
  }

  /// A post, video or event address rather than an account.
  static func postKind(site: HandleSite, segments: [String]) -> String? {
    func at(_ i: Int) -> String? { i < segments.count ? segments[i] : nil }
    switch site {
    case .x:
      if at(1) == "status" || at(1) == "statuses" { return "post" }
    case .facebook:
      if ["permalink.php", "story.php", "photo.php", "photo", "watch", "video.php"].contains(
        at(0) ?? "")
      {
        return "post"
      }
      if at(0) == "events" || at(0) == "event" { return "event" }
      if ["posts", "videos", "photos", "events"].contains(at(1) ?? "") { return "post" }
      if at(0) == "groups", ["posts", "permalink"].contains(at(2) ?? "") { return "post" }
    case .instagram, .threads:
      if ["p", "reel", "reels", "tv"].contains(at(0) ?? "") || at(1) == "post" { return "post" }
    case .youtube:
      if ["watch", "shorts", "embed", "live", "playlist"].contains(at(0) ?? "") {
        return "video"
      }
    case .tiktok:
      if at(1) == "video" { return "video" }
    case .linkedin:
      if at(0) == "posts" || at(0) == "feed" || at(0) == "pulse" { return "post" }
    case .bluesky:
      if at(2) == "post" { return "post" }
    case .telegram:
      if let n = at(1), n.allSatisfy(\.isNumber) { return "post" }
    case .whatsapp, .unsupported:
      break
    }
    return nil
  }
}
