import ArgumentParser
import Foundation
import Registry

/// Where a change's facts come from and who makes it: required by every curation command.
struct ChangeOptions: ParsableArguments {
  @Option(help: "Key of an existing source that shows the change.")
  var source: String?

  @Option(help: "URL of the page that shows the change (a source is created on first use).")
  var sourceUrl: String?

  @Option(help: "Title for a source created from --source-url.")
  var sourceTitle: String?

  @Option(help: "Who makes the change (default: the login name, $USER or $LOGNAME).")
  var by: String?

  func validate() throws {
    if source != nil && sourceUrl != nil {
      throw ValidationError("give either --source or --source-url, not both")
    }
    if sourceTitle != nil && sourceUrl == nil {
      throw ValidationError("--source-title goes with --source-url")
    }
    if let by, by.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--by cannot be empty")
    }
  }

  /// The source reference, or nil when none was given.
  var reference: SourceChoice? {
    if let source { return .key(source) }
    if let sourceUrl { return .url(sourceUrl, title: sourceTitle) }
    return nil
  }

  /// The change context. Without a source it refuses, unless `sourceOptional` (an import whose
  /// rows name their own source).
  func context(sourceOptional: Bool = false) throws -> ChangeContext {
    let by = self.by ?? ChangeContext.loginName()
    if reference == nil && !sourceOptional {
      throw ValidationError(
        "every change needs a source: give --source KEY (an existing source) or "
          + "--source-url URL [--source-title TITLE]")
    }
    return ChangeContext(source: reference, by: by)
  }
}
