import ArgumentParser
import Foundation
import Registry
import Vocabulary

/// Parses `--as-of` style dates with a message a user understands.
func parseDay(_ text: String, option: String) throws -> Day {
  switch Day.parse(text) {
  case .success(let d) where text.count == 10: return d
  case .success: throw ValidationError("\(option) takes a day, YYYY-MM-DD (got '\(text)')")
  case .failure(let e): throw ValidationError("\(option): \(e.reason)")
  }
}
