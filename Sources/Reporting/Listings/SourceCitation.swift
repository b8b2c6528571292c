import Registry
import Stats

extension Citation {
  /// A source record as the report and `show` cite it.
  public init(_ source: Source) {
    self.init(
      key: source.key, title: source.title, publisher: source.publisher, url: source.url,
      publishedOn: source.publishedOn, retrievedOn: source.retrievedOn)
  }
}
