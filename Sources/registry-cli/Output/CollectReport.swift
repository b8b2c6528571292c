import ArgumentParser
import Foundation
import Registry
import Reporting

/// The end-of-run summary as text.
enum CollectReport {
  static func render(_ s: CollectSummary) -> String {
    var out = ""
    if s.dryRun {
      out += "dry run: nothing was written. Would store:\n"
      for o in s.fetched {
        guard let p = o.plan else { continue }
        var line =
          "  \(o.target.key): followers=\(n(p.followers)) following=\(n(p.following)) "
          + "posts=\(n(p.posts)) disclaimer=\(p.disclaimer ? "yes" : "no")"
        if p.unchanged { line += " (unchanged)" }
        if let id = p.newPlatformId { line += " platform_id=\(id)" }
        if let r = p.rename { line += " rename \(r.from) -> \(r.to)" }
        out += TextTable.clean(line) + "\n"
      }
    }
    out += "collect summary\n"
    out += "  fetched:     \(s.fetched.count) of \(s.outcomes.count)\n"
    out += "  unchanged:   \(s.unchanged.count) (same counts as the latest snapshot)\n"
    out += "  failed:      \(s.failed.count)\n"
    for o in s.failed {
      out += "    \(o.target.key): \(TextTable.clean(o.failure?.description ?? ""))\n"
    }
    out += "  renames:     \(s.renames.count)\n"
    for o in s.renames {
      if let r = o.plan?.rename { out += "    \(o.target.key): \(r.from) -> \(r.to)\n" }
    }
    out += "  moves:       \(s.moves.count)\n"
    for o in s.moves { out += "    \(o.target.key): \(TextTable.clean(o.plan?.move ?? ""))\n" }
    out += "  disclaimers: \(s.disclaimers.count) (bio states the emergency disclaimer)\n"
    for o in s.disclaimers { out += "    \(o.target.key)\n" }
    if !s.warnings.isEmpty {
      out += "  to check:    \(s.warnings.count)\n"
      for o in s.warnings {
        for w in o.plan?.warnings ?? [] { out += "    \(o.target.key): \(TextTable.clean(w))\n" }
      }
    }
    return out
  }

  static func n(_ v: Int64?) -> String { v.map(String.init) ?? "-" }
}
