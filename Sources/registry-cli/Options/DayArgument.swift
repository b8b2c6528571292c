import ArgumentParser
import Reporting
import Vocabulary

/// Parses `--as-of` style dates with a message a user understands.
func parseDay(_ text: String, option: String) throws -> Day {
  switch Day.parse(text) {
  case .success(let d) where text.count == 10: return d
  case .success: throw ValidationError("\(option) takes a day, YYYY-MM-DD (got '\(text)')")
  case .failure(let e): throw ValidationError("\(option): \(e.reason)")
  }
}

/// Runs `body`, turning a request the registry refuses (an unknown region, platform or sort
/// column) into a usage error, as the parser's own checks are.
func asUsageError<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let e as RequestError {
    throw ValidationError(e.message)
  }
}
