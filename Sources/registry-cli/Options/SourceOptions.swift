import ArgumentParser
import Foundation
import Registry

/// `--source KEY` or `--source-url URL [--source-title T]`: where the facts a command writes come
/// from (snapshots, and every curation change through `ChangeOptions`).
struct SourceOptions: ParsableArguments {
  @Option(help: "Key of an existing source the facts come from.")
  var source: String?

  @Option(help: "URL of the page the facts come from; a source row is created for it on first use.")
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

  /// The source given, or nil when none was.
  var choice: SourceChoice? {
    if let source { return .key(source) }
    if let sourceUrl { return .url(sourceUrl, title: sourceTitle) }
    return nil
  }
}
