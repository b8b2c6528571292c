import ArgumentParser
import Foundation
import Registry

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
