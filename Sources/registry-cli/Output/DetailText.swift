import ArgumentParser
import Foundation
import Registry
import Reporting
import Stats

/// Readable text for `show`.
enum DetailText {
  static func entity(_ d: EntityDetail, statuses: EntityStatuses) -> String {
    let e = d.entity
    var out = "\(d.displayName)  [\(e.id)]\n"
    func field(_ name: String, _ value: String?) {
      if let value, !value.isEmpty {
        out +=
          "  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(TextTable.clean(value))\n"
      }
    }
    field("kind", e.kind.rawValue)
    field("code", e.code)
    field("country", e.country)
    field("region", e.region)
    field("languages", e.languages.replacingOccurrences(of: ";", with: ", "))
    field(
      "population",
      e.population.map { "\($0)" + (e.populationYear.map { " (\($0))" } ?? "") })
    field("valid", Details.validity(e.validFrom, e.validTo))
    field("parent", d.parent)
    field("sectors/parts", d.children.joined(separator: ", "))
    for lang in d.names.keys.sorted() { field("name (\(lang))", d.names[lang]) }
    if !d.municipalities.isEmpty {
      field(
        "municipalities",
        d.municipalities.map { "\($0.name ?? "?") (\($0.nisCode))" }.joined(separator: ", "))
    }
    for p in d.predecessors { field("predecessor", "\(p.predecessorId), merged \(p.onDate)") }
    for s in d.successors { field("successor", "\(s.successorId), merged \(s.onDate)") }
    field("note", e.note)
    out += "\nchannels (\(d.channels.count)):\n"
    if d.channels.isEmpty { out += "  none recorded\n" }
    for c in d.channels { out += channel(c, indent: "  ") }
    if !d.formerChannels.isEmpty {
      out += "\nformer channels (\(d.formerChannels.count)), now another entity's:\n"
      for c in d.formerChannels {
        let since = c.validFrom.map { "from \($0) " } ?? ""
        out +=
          TextTable.clean(
            "  \(c.platform) \(c.handle ?? Channel.unknownHandleText)  [\(c.key)]  \(since)until \(c.validTo), now \(c.owner)"
          )
          + "\n"
      }
    }
    out += "\npresence on \(statuses.asOf) (surveys of confidence \(statuses.minConfidence) or "
    out += "higher counted):\n"
    if statuses.statuses.isEmpty { out += "  the entity does not exist on that day\n" }
    for r in statuses.statuses {
      var line =
        "  "
        + (r.platform == "any" ? "any social" : r.platform).padding(
          toLength: 16, withPad: " ", startingAt: 0)
        + r.status.padding(toLength: 25, withPad: " ", startingAt: 0)
      if let kind = r.evidence, let on = r.evidenceOn {
        line += "\(kind) \(on)" + (r.evidenceRef.map { " (\(TextTable.clean($0)))" } ?? "")
      } else {
        line += "nothing known"
      }
      out += line + "\n"
    }
    out += "\nsurveys (\(statuses.surveys.count)):\n"
    if statuses.surveys.isEmpty { out += "  none recorded\n" }
    for v in statuses.surveys {
      var parts = [v.observedOn, v.platform, v.result]
      if let h = v.handle { parts.append(h) }
      parts += [v.method, v.confidence, v.source]
      if let n = v.note { parts.append(TextTable.clean(n)) }
      out += "  " + parts.joined(separator: "  ") + "\n"
    }
    out += "\nsources:\n"
    for s in d.sources { out += "  " + sourceLine(s) + "\n" }
    return out
  }

  static func channel(_ d: ChannelDetail, indent: String) -> String {
    let c = d.channel
    var out = "\(indent)\(c.platform.rawValue) \(c.handleText)  [\(c.key)]\n"
    func field(_ name: String, _ value: String?) {
      if let value, !value.isEmpty {
        out +=
          "\(indent)  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(TextTable.clean(value))\n"
      }
    }
    if indent.isEmpty { field("entity", "\(d.entityName) [\(c.entityId)]") }
    field("url", c.url)
    field("status", c.status.rawValue)
    field("opened", c.openedOn)
    field("first seen", c.firstSeenOn)
    field("closed", c.closedOn)
    field("platform id", c.platformId)
    field("languages", c.languages.replacingOccurrences(of: ";", with: ", "))
    field("purposes", c.purposes.replacingOccurrences(of: ";", with: ", "))
    field(
      "disclaimer",
      c.emergencyDisclaimer.map {
        ($0 ? "yes" : "no") + (c.disclaimerSeenOn.map { ", seen \($0)" } ?? "")
      })
    field("confidence", c.confidence.rawValue + (c.confidenceNote.map { ": \($0)" } ?? ""))
    field("note", c.note)
    for h in d.handleHistory { field("former handle", "\(h.handle) (until \(h.validUntil))") }
    for o in d.owners {
      field("owner", "\(o.entityId) \(Details.ownership(o.validFrom, o.validTo)) (\(o.source))")
    }
    field("source", sourceLine(d.source))
    if d.latestSnapshots.isEmpty {
      field("snapshots", "none")
    } else {
      field("snapshots", "\(d.snapshotCount) in all; latest:")
      for s in d.latestSnapshots {
        var parts: [String] = []
        if let f = s.followers { parts.append("\(f) followers") }
        if let p = s.posts { parts.append("\(p) posts") }
        if let e = s.engagements, let w = s.engagementWindowDays {
          parts.append("\(e) engagements/\(w)d")
        }
        out += "\(indent)    \(s.observedAt)  \(parts.joined(separator: ", "))  (\(s.source))\n"
      }
    }
    if !d.retractions.isEmpty {
      field("retracted", "\(d.retractions.count) snapshot(s), in no figure:")
      for r in d.retractions {
        let counts = r.snapshot.followers.map { "\($0) followers" } ?? "no follower count"
        var line = "\(r.snapshot.observedAt)  \(counts)  (\(r.snapshot.source)); "
        line += r.corrected ? "corrected" : "retracted"
        line += " \(r.retractedAt) by \(r.retractedBy)"
        if let reason = r.reason { line += ": \(reason)" }
        out += "\(indent)    \(TextTable.clean(line))\n"
      }
    }
    return out
  }

  static func sourceLine(_ s: Source) -> String {
    TextTable.clean(Citation(s).line(head: { "\($0): \($1)" }, text: { $0 }, link: { $0 }))
  }
}
