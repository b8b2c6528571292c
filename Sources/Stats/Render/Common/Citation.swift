/// A source as the report, the scorecards and `show` cite it. The builders here decide which
/// facts a citation gives and in what order; each renderer only escapes for its format, so the
/// renderings cannot drift apart.
public struct Citation: Sendable, Hashable {
  /// The source's stable key (`doc-001-jan-2013`).
  public var key: String
  public var title: String
  public var publisher: String?
  public var url: String?
  /// `YYYY-MM-DD`.
  public var publishedOn: String?
  /// `YYYY-MM-DD`.
  public var retrievedOn: String?

  public init(
    key: String, title: String, publisher: String? = nil, url: String? = nil,
    publishedOn: String? = nil, retrievedOn: String? = nil
  ) {
    self.key = key
    self.title = title
    self.publisher = publisher
    self.url = url
    self.publishedOn = publishedOn
    self.retrievedOn = retrievedOn
  }

  /// The full citation on one line, "KEY TITLE, publisher, published D, retrieved D, URL", the
  /// unknown facts left out. `head` joins the key and the title, `text` escapes each other part
  /// and `link` the URL, as the output format needs.
  public func line(
    head: (_ key: String, _ title: String) -> String, text: (String) -> String,
    link: (String) -> String
  ) -> String {
    var parts = [head(key, title)]
    if let publisher { parts.append(text(publisher)) }
    if let publishedOn { parts.append(text("published \(publishedOn)")) }
    if let retrievedOn { parts.append(text("retrieved \(retrievedOn)")) }
    if let url { parts.append(link(url)) }
    return parts.joined(separator: ", ")
  }

  /// The short form a table cell gives: the title, or the key when the title is empty.
  public var label: String { title.isEmpty ? key : title }

  /// The URL when a browser can follow it (http or https); other schemes are never made links.
  public var webURL: String? {
    guard let url, Self.isWebURL(url) else { return nil }
    return url
  }

  /// Whether a browser can follow `url` as a link: http or https only.
  public static func isWebURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
  }
}
