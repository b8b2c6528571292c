import Foundation

/// One entity's municipalities as a small inline SVG map, framed on their bounding box, with
/// the zone's outline drawn over them.
public enum MunicipalityMap {
  /// A municipality to draw: its NIS code and name.
  public struct Member: Sendable, Equatable {
    public var nisCode: String
    public var name: String?
    public init(nisCode: String, name: String?) {
      self.nisCode = nisCode
      self.name = name
    }
  }

  /// The map, or nil when none of the municipalities has an outline.
  public static func render(_ members: [Member], zoneId: String, map: ZoneMap) -> String? {
    let e = ReportHTML.escape
    let drawn = members.filter { map.municipalities[$0.nisCode] != nil }
    guard !drawn.isEmpty else { return nil }
    let outline = map.zones[zoneId]
    let paths = drawn.map { map.municipalities[$0.nisCode]! } + (outline.map { [$0] } ?? [])
    guard let box = PathBounds.of(paths) else { return nil }
    // A margin of 5% of the larger side, at least 2 units, so the outline is not clipped.
    let side = max(box.maxX - box.minX, box.maxY - box.minY)
    let margin = max(2, side * 0.05)
    let (x, y) = (box.minX - margin, box.minY - margin)
    let (w, h) = (box.maxX - box.minX + 2 * margin, box.maxY - box.minY + 2 * margin)
    let f = ReportCharts.f
    // Strokes scale with the frame, so a small zone's borders are as thin on screen as a big one's.
    let stroke = f(max(0.15, side / 250))
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"municipalities\" "
      + "viewBox=\"\(f(x)) \(f(y)) \(f(w)) \(f(h))\" width=\"\(f(min(420, 420 * w / h)))\" "
      + "height=\"\(f(min(420, 420 * h / w)))\" role=\"img\"><title>Municipalities of "
      + "\(e(zoneId))</title>"
    for m in drawn {
      s +=
        "<path class=\"municipality\" d=\"\(map.municipalities[m.nisCode]!)\" fill=\"#aed6f1\" "
        + "stroke=\"#ffffff\" stroke-width=\"\(stroke)\"><title>"
        + e((m.name ?? "?") + " (NIS \(m.nisCode))") + "</title></path>"
    }
    if let outline {
      s +=
        "<path class=\"outline\" d=\"\(outline)\" fill=\"none\" stroke=\"#1b4f72\" "
        + "stroke-width=\"\(f(max(0.3, side / 120)))\"/>"
    }
    return s + "</svg>"
  }
}
