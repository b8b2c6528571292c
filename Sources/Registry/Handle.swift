import Foundation

/// A channel's identity on its platform: the platform and the canonical handle.
public struct Handle: Hashable, Sendable, CustomStringConvertible {
  public let platform: Platform
  /// Canonical form: two spellings of one handle give the same `canonical`.
  public let canonical: String

  public init(platform: Platform, canonical: String) {
    self.platform = platform
    self.canonical = canonical
  }

  public var description: String { "\(platform.rawValue):\(canonical)" }

  /// Turns a pasted handle or URL into (platform, canonical handle), or refuses it with a reason.
  /// `platform` is a hint for bare handles; without it a bare `@name` is taken as X.
  public static func parse(_ text: String, platform: Platform? = nil) -> Result<Handle, HandleError>
  {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !t.isEmpty else { return .failure(HandleError("empty handle")) }
    let p = platform ?? .x
    var h = t.hasPrefix("@") ? String(t.dropFirst()) : t
    if p == .x {
      h = h.lowercased()
      guard (1...15).contains(h.count),
        h.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
      else { return .failure(HandleError("'\(t)' is not an X handle (1-15 of A-Z, a-z, 0-9, _)")) }
    }
    return .success(Handle(platform: p, canonical: h))
  }

  /// The public profile URL of this handle, where the platform has one.
  public var url: String? { nil }
}

/// Why a pasted handle was refused.
public struct HandleError: Error, Equatable, Sendable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}
