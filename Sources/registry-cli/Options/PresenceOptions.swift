import ArgumentParser
import Stats
import Vocabulary

extension Confidence: ExpressibleByArgument {}

/// `--min-confidence`: which surveys count when a command shows statuses (present, absent,
/// unknown) or figures made from them.
struct PresenceOptions: ParsableArguments {
  @Option(help: "Count surveys of this confidence or higher: high, medium or low.")
  var minConfidence: Confidence = PresenceRule.defaultMinConfidence
}
