import Foundation
import Registry
import Reporting

/// The end-of-run summary of `collect websites` as text.
enum WebsiteReport {
  static func render(_ s: WebsiteSummary) -> String {
    var out = ""
    if s.dryRun { out += "dry run: nothing was written; the counts say what would be.\n" }
    let present = s.outcomes.flatMap(\.present)
    let absent = s.outcomes.flatMap(\.absent)
    let newChannels = s.outcomes.flatMap { o in o.newChannels.map { (o.target.entityId, $0) } }
    let toCheck = s.outcomes.flatMap { o in o.toCheck.map { (o.target.entityId, $0) } }
    let bare = s.outcomes.filter(\.noOwnAccount)
    out += "collect websites summary\n"
    out += "  fetched:         \(s.fetched.count) of \(s.outcomes.count) sites"
    out += " (\(s.fetched.map(\.pages.count).reduce(0, +)) pages)\n"
    out += "  new channels:    \(newChannels.count) (status unverified)\n"
    for (entity, key) in newChannels { out += "    \(entity): \(clean(key))\n" }
    out +=
      "  present:         \(present.count) recorded, \(added(present)) new (confidence medium)\n"
    out += "  absent:          \(absent.count) recorded, \(added(absent)) new (confidence low)\n"
    out += "  no own account:  \(bare.count) (site links none of the entity's accounts; nothing "
    out += "recorded)\n"
    for o in bare { out += "    \(o.target.entityId): \(clean(o.target.url))\n" }
    out += "  robots.txt:      \(s.robots.count) (not read: the site's robots.txt forbids it)\n"
    for o in s.robots {
      out += "    \(o.target.entityId): \(clean(o.failure?.description ?? ""))\n"
    }
    out += "  to check:        \(toCheck.count)\n"
    for (entity, f) in toCheck {
      out += "    \(entity): \(clean(f.url)): \(clean(f.reason))\n"
    }
    out += "  failed:          \(s.failed.count)\n"
    for o in s.failed {
      out += "    \(o.target.entityId): \(clean(o.target.url)): "
      out += "\(clean(o.failure?.description ?? "not stored"))\n"
    }
    return out
  }

  static func added(_ surveys: [SiteSurvey]) -> Int {
    surveys.filter { $0.outcome == "added" }.count
  }

  /// Site text is hostile until proven otherwise: no control characters reach the terminal.
  static func clean(_ text: String) -> String { TextTable.clean(text) }
}
