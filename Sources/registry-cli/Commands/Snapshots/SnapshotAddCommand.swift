import ArgumentParser
import Foundation
import Registry
import Vocabulary

struct SnapshotAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record one observation of a channel's counts.",
    discussion: """
      Example: registry-cli snapshot add @zp5327 --followers 12034 --posts 5120 \
      --at 2024-05-01 --source-url https://x.com/zp5327
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "Channel key, numeric id, handle or URL.")
  var channel: String

  @Option(parsing: .unconditional, help: "Followers (members for a group).") var followers: Int64
  @Option(help: "Accounts followed.") var following: Int64?
  @Option(help: "Posts published so far.") var posts: Int64?
  @Option(help: "Likes + comments + shares over --window-days.") var engagements: Int64?
  @Option(help: "Days the engagements were counted over.") var windowDays: Int64?
  @Option(help: "When observed: ISO 8601 date or date-time (default: now, UTC).") var at: String?
  @OptionGroup var sourceOptions: SourceOptions

  func validate() throws {
    for (name, v) in [
      ("followers", followers), ("following", following), ("posts", posts),
      ("engagements", engagements),
    ] {
      if let v, v < 0 { throw ValidationError("--\(name) must be 0 or more (got \(v))") }
    }
    if engagements != nil && windowDays == nil {
      throw ValidationError("--engagements needs --window-days (the days they were counted over)")
    }
    if let w = windowDays, w < 1 { throw ValidationError("--window-days must be 1 or more") }
    if sourceOptions.choice == nil {
      throw ValidationError("say where the figure comes from: --source KEY or --source-url URL")
    }
    if let at, case .failure(let e) = Timestamp.parse(at) {
      throw ValidationError("--at: \(e.reason)")
    }
  }

  func run() throws {
    let registry = try database.open()
    let observedAt: Int64
    if let at, case .success(let t) = Timestamp.parse(at) {
      observedAt = t
    } else {
      observedAt = Int64(Date().timeIntervalSince1970)
    }
    let c = try registry.resolveChannel(channel, on: Day(epochSeconds: observedAt))
    let (outcome, sourceKey) = try registry.addSnapshot(
      channelId: c.id!, observedAt: observedAt, followers: followers, following: following,
      posts: posts, engagements: engagements, engagementWindowDays: windowDays,
      source: sourceOptions.choice!)
    var parts = ["\(followers) followers"]
    if let following { parts.append("\(following) following") }
    if let posts { parts.append("\(posts) posts") }
    if let engagements, let windowDays {
      parts.append("\(engagements) engagements over \(windowDays) days")
    }
    let what =
      "\(c.key) at \(Timestamp.format(observedAt)): \(parts.joined(separator: ", ")) (source \(sourceKey))"
    switch outcome {
    case .inserted: print("stored snapshot of \(what)")
    case .unchanged: print("unchanged: the same snapshot of \(what) was already stored")
    }
  }
}
