import ArgumentParser
import Foundation
import Registry

/// Where a change's facts come from and who makes it: required by every curation command.
struct ChangeOptions: ParsableArguments {
  @OptionGroup var sourceOptions: SourceOptions

  @Option(help: "Who makes the change (default: the login name, $USER or $LOGNAME).")
  var by: String?

  func validate() throws {
    if let by, by.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--by cannot be empty")
    }
  }

  /// The change context. Without a source it refuses, unless `sourceOptional` (an import whose
  /// rows name their own source).
  func context(sourceOptional: Bool = false) throws -> ChangeContext {
    let by = self.by ?? ChangeContext.loginName()
    let source = sourceOptions.choice
    if source == nil && !sourceOptional {
      throw ValidationError(
        "every change needs a source: give --source KEY (an existing source) or "
          + "--source-url URL [--source-title TITLE]")
    }
    return ChangeContext(source: source, by: by)
  }
}
