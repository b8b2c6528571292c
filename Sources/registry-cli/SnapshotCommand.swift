import ArgumentParser
import Foundation
import Registry

struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Record follower counts over time: add one snapshot, or import a file of them.",
    subcommands: [SnapshotAddCommand.self, SnapshotImportCommand.self])
}

/// `--source KEY` or `--source-url URL [--source-title T]`.
struct SourceOptions: ParsableArguments {
  @Option(help: "Key of an existing source the snapshots come from.")
  var source: String?

  @Option(help: "URL the snapshots come from; a source row is created for it on first use.")
  var sourceUrl: String?

  @Option(help: "Title of the source created for --source-url.")
  var sourceTitle: String?

  func validate() throws {
    if source != nil && sourceUrl != nil {
      throw ValidationError("give --source KEY or --source-url URL, not both")
    }
    if sourceTitle != nil && sourceUrl == nil {
      throw ValidationError("--source-title goes with --source-url")
    }
  }

  var choice: SourceChoice? {
    if let source { return .key(source) }
    if let sourceUrl { return .url(sourceUrl, title: sourceTitle) }
    return nil
  }
}

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

struct SnapshotImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import snapshots from a CSV, JSON or NDJSON file (see docs/snapshots.md).",
    discussion: """
      Columns: platform,handle,observed_at,followers,following,posts,engagements,\
      engagement_window_days,source_url (or channel_id instead of platform+handle, source \
      instead of source_url). The whole file is refused at its first bad row and nothing is \
      written, unless --skip-invalid. Re-importing a file adds nothing.
      Example: registry-cli snapshot import counts.csv --source-url https://example.org/survey
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "The file, or - for stdin.")
  var file: String

  @Option(help: "csv, json or ndjson (default: from the file extension, or sniffed).")
  var format: String?

  @Flag(help: "Import the good rows and write the refused ones to the rejects file.")
  var skipInvalid = false

  @Option(help: "Where refused rows go with --skip-invalid (default: FILE.rejects.csv).")
  var rejects: String?

  @OptionGroup var sourceOptions: SourceOptions

  func validate() throws {
    if let format, SnapshotFileFormat(rawValue: format.lowercased()) == nil {
      throw ValidationError("--format must be csv, json or ndjson (got '\(format)')")
    }
    if rejects != nil && !skipInvalid {
      throw ValidationError("--rejects goes with --skip-invalid")
    }
  }

  func run() throws {
    let registry = try database.open()
    let options = SnapshotImportOptions(
      format: format.flatMap { SnapshotFileFormat(rawValue: $0.lowercased()) }
        ?? (file == "-" ? nil : SnapshotFileFormat(path: file)),
      skipInvalid: skipInvalid, rejectsPath: rejects, defaultSource: sourceOptions.choice)
    let meter = ProgressMeter(enabled: Terminal.stderrIsTerminal)
    let result = try registry.importSnapshots(path: file, options: options, progress: meter.report)
    meter.finish()
    var message = "\(file): \(result.inserted) snapshots imported, \(result.unchanged) unchanged"
    if result.rejected > 0, let path = result.rejectsPath {
      message += ", \(result.rejected) rejected (written with their reasons to \(path))"
    }
    print(message)
  }
}

/// Rows per second and percentage on stderr, redrawn in place; only on a terminal.
final class ProgressMeter {
  let enabled: Bool
  let start = Date()
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func report(_ p: ImportProgress) {
    guard enabled else { return }
    let seconds = max(Date().timeIntervalSince(start), 0.001)
    var text = "\r\(p.rows) rows, \(Int(Double(p.rows) / seconds)) rows/s"
    if let total = p.totalBytes, total > 0 {
      text += String(format: ", %.1f%%", Double(p.bytesRead) * 100 / Double(total))
    }
    FileHandle.standardError.write(Data(text.utf8))
    shown = true
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
