import ArgumentParser
import Foundation
import Registry

/// Which snapshot `retract` and `correct` are about, and who acts and why.
struct SnapshotSelectionOptions: ParsableArguments {
  @Argument(help: "Channel key, numeric id, handle or URL.")
  var channel: String

  @Option(help: "When the snapshot was observed: its ISO 8601 time, or a day with one snapshot.")
  var at: String

  @Option(help: "Key of the snapshot's source (needed when several sources counted at that time).")
  var source: String?

  @Option(help: "Why (kept with the retracted row and in the change log).")
  var reason: String?

  @Option(help: "Who makes the change (default: the login name, $USER or $LOGNAME).")
  var by: String?

  func validate() throws {
    if let by, by.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--by cannot be empty")
    }
    if let reason, reason.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--reason cannot be empty (leave it out instead)")
    }
  }

  func selector(_ registry: RegistryDatabase) throws -> SnapshotSelector {
    let c = try registry.resolveChannel(channel)
    return SnapshotSelector(channelId: c.id!, at: at, sourceKey: source)
  }

  var context: ChangeContext { ChangeContext(source: nil, by: by ?? ChangeContext.loginName()) }
}

struct SnapshotRetractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retract",
    abstract: "Take a wrong snapshot out of every figure; the row is kept and the change logged.",
    discussion: """
      The snapshot moves to the retracted snapshots (see `show CHANNEL`, `history CHANNEL \
      --retracted`) with when, by whom and why; a row with the same channel, time and source \
      can then be imported again. Example: registry-cli snapshot retract x/zp5327 \
      --at 2024-05-01T00:00:00Z --source counts-2024 --reason "typo: one zero too many"
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var snapshot: SnapshotSelectionOptions

  func run() throws {
    let registry = try database.open()
    let r = try registry.retractSnapshot(
      try snapshot.selector(registry), reason: snapshot.reason, context: snapshot.context)
    print(
      "retracted the snapshot of \(r.channelKey) at \(r.retracted.observedAt) "
        + "(\(SnapshotText.counts(r.retracted)), source \(r.retracted.source))")
  }
}

struct SnapshotCorrectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "correct",
    abstract: "Replace a snapshot's counts; the old row is kept and the change logged.",
    discussion: """
      The old row is retracted (kept, marked corrected) and a row with the same channel, time \
      and source and the counts given takes its place; counts not given are kept. Example: \
      registry-cli snapshot correct x/zp5327 --at 2024-05-01 --followers 6164 \
      --reason "typo: 61640000 for 6164"
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var snapshot: SnapshotSelectionOptions

  @Option(parsing: .unconditional, help: "Followers (members for a group).") var followers: Int64?
  @Option(help: "Accounts followed.") var following: Int64?
  @Option(help: "Posts published so far.") var posts: Int64?
  @Option(help: "Likes + comments + shares over the window.") var engagements: Int64?
  @Option(help: "Days the engagements were counted over.") var windowDays: Int64?

  func validate() throws {
    for (name, v) in [
      ("followers", followers), ("following", following), ("posts", posts),
      ("engagements", engagements),
    ] {
      if let v, v < 0 { throw ValidationError("--\(name) must be 0 or more (got \(v))") }
    }
    if followers == nil && following == nil && posts == nil && engagements == nil
      && windowDays == nil
    {
      throw ValidationError(
        "say what to correct: --followers, --following, --posts, --engagements or --window-days")
    }
  }

  func run() throws {
    let registry = try database.open()
    let r = try registry.correctSnapshot(
      try snapshot.selector(registry),
      changes: SnapshotChanges(
        followers: followers, following: following, posts: posts, engagements: engagements,
        engagementWindowDays: windowDays), reason: snapshot.reason, context: snapshot.context)
    print(
      "corrected the snapshot of \(r.channelKey) at \(r.retracted.observedAt) "
        + "(source \(r.retracted.source)): \(SnapshotText.counts(r.retracted)) → "
        + "\(r.corrected.map(SnapshotText.counts) ?? "")")
  }
}

/// A snapshot's counts in a few words.
enum SnapshotText {
  static func counts(_ s: SnapshotView) -> String {
    var parts: [String] = []
    if let f = s.followers { parts.append("\(f) followers") }
    if let f = s.following { parts.append("\(f) following") }
    if let p = s.posts { parts.append("\(p) posts") }
    if let e = s.engagements {
      parts.append("\(e) engagements" + (s.engagementWindowDays.map { " over \($0) days" } ?? ""))
    }
    return parts.isEmpty ? "no counts" : parts.joined(separator: ", ")
  }
}
