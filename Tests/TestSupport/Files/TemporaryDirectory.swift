import Foundation

/// A new, empty directory under the system's temporary directory; `remove()` deletes it.
public struct TemporaryDirectory: Sendable {
  public let url: URL

  /// Creates `<tmp>/<prefix>-<UUID>`.
  public init(prefix: String = "registry-tests") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  public var path: String { url.path }

  /// The path of `name` in this directory.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Deletes the directory and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }
}
