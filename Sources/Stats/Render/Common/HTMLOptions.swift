/// What an HTML page needs beyond its figures: a standalone file has none of it; a web page has
/// the zone outlines, the nonce its Content-Security-Policy allows the inline style with, and
/// links to the site's other pages.
public struct HTMLOptions: Sendable {
  /// The zone outlines (nil: no map); the reason when they could not be read.
  public var zoneMap: Result<ZoneMap, ZoneMapUnavailable>?
  /// Set on the page's `<style>` element (nil: none).
  public var styleNonce: String?
  /// The address of an entity's page (nil: entities are not links).
  public var entityLink: (@Sendable (String) -> String)?
  /// What goes first in the body (a site's navigation bar), and its style rules.
  public var header: (html: String, css: String)?

  public init(
    zoneMap: Result<ZoneMap, ZoneMapUnavailable>? = nil, styleNonce: String? = nil,
    entityLink: (@Sendable (String) -> String)? = nil, header: (html: String, css: String)? = nil
  ) {
    self.zoneMap = zoneMap
    self.styleNonce = styleNonce
    self.entityLink = entityLink
    self.header = header
  }

  /// The opening `<style>` tag, with the nonce when there is one.
  public var styleTag: String {
    styleNonce.map { "<style nonce=\"\(ReportHTML.escape($0))\">" } ?? "<style>"
  }
}

/// Why the zone map is not drawn: a sentence for the page.
public struct ZoneMapUnavailable: Error, Sendable, Equatable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}
