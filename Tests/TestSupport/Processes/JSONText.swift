import Foundation

/// Parses registry-cli's JSON output (any top-level value).
public func parseJSON(_ text: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
