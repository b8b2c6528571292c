import Registry
import Stats

/// A reference figure as a listing row: every column, null when unset; value and denominator
/// are numbers in JSON.
public struct ReferenceRow: Encodable, Sendable {
  public let listing: ReferenceListing

  public static let columns = [
    "id", "label", "metric", "value", "denominator", "unit", "country", "region", "entity_kind",
    "platform", "entity_id", "as_of", "as_of_precision", "source", "source_title", "source_url",
    "note",
  ]

  public init(_ listing: ReferenceListing) { self.listing = listing }

  /// The cells as text, by column.
  public var cells: [String: String?] {
    let f = listing.figure
    return [
      "id": f.id, "label": f.label, "metric": f.metric,
      "value": JSONValue.number(f.value).compact(),
      "denominator": f.denominator.map { JSONValue.number($0).compact() }, "unit": f.unit,
      "country": f.country, "region": f.region, "entity_kind": f.entityKind, "platform": f.platform,
      "entity_id": f.entityId, "as_of": f.asOf, "as_of_precision": f.asOfPrecision,
      "source": listing.sourceKey, "source_title": listing.sourceTitle,
      "source_url": listing.sourceURL, "note": f.note,
    ]
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    let cells = self.cells
    for name in Self.columns {
      let key = Key(stringValue: name)!
      if name == "value" {
        try c.encode(listing.figure.value, forKey: key)
      } else if name == "denominator" {
        try c.encode(listing.figure.denominator, forKey: key)
      } else {
        try c.encode((cells[name] ?? nil), forKey: key)
      }
    }
  }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
