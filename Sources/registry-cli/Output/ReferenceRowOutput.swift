import ArgumentParser
import Foundation
import Registry
import Stats

/// A reference listing as an encodable row (every column, null when unset).
struct ReferenceRowOutput: Encodable {
  let listing: ReferenceListing
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    let cells = ReferenceCommand.cells(listing)
    for name in ReferenceCommand.columns {
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
