import Foundation

/// The map of the zones as inline SVG: one path per zone of the map, coloured by an entity's
/// standing in an adoption report on one platform selector, with a legend and the geometry's
/// licence. Pure: the outlines come in as a `ZoneMap` value.
public enum ZoneMapChart {
  /// What the colours show.
  public enum Colouring: String, CaseIterable, Sendable {
    /// Whether the entity has an open channel on the platform.
    case status
    /// Followers per 1,000 inhabitants, in classes.
    case perThousand = "per_1000"

    public var label: String {
      switch self {
      case .status: return "status"
      case .perThousand: return "followers per 1,000 inhabitants"
      }
    }
  }

  /// Fill colours, as the report's adoption chart has them: blues for presence and audience
  /// (lighter when carried forward from older evidence); grey where the entity is known absent;
  /// hatching where its status is unknown (never drawn as absent); white for zones outside the
  /// report (ceased, or another region or kind).
  static let present = "#2874a6"
  static let carriedForward = "#85c1e9"
  static let absent = "#bfc4c9"
  static let unknown = "url(#zonemap-unknown)"
  static let missingValue = "#f9e79f"
  static let outOfScope = "#ffffff"
  static let classes = ["#d6eaf8", "#85c1e9", "#3498db", "#2471a3", "#154360"]

  /// The hatching of an unknown status.
  static let patterns =
    "<defs><pattern id=\"zonemap-unknown\" width=\"8\" height=\"8\" "
    + "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" "
    + "height=\"8\" fill=\"#ffffff\"/><rect width=\"2.5\" height=\"8\" fill=\"#85929e\"/>"
    + "</pattern></defs>"

  /// The map of `report`'s entities on `report.selectors[selector]`. `link` gives the address of
  /// an entity's page (none in a standalone file).
  public static func render(
    _ report: AdoptionReport, map: ZoneMap, selector: Int, colouring: Colouring,
    link: ((String) -> String)? = nil
  ) -> String {
    let e = ReportHTML.escape
    let platform = ReportText.platformLabel(report.selectors[selector].name)
    let byId = Dictionary(
      report.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let scale = colouring == .perThousand ? Classes(report.entities, selector) : nil
    let (width, height) = map.size
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"zonemap\" viewBox=\"\(e(map.viewBox))\" "
      + "width=\"\(ReportCharts.f(width))\" height=\"\(ReportCharts.f(height))\" role=\"img\" "
      + "data-platform=\"\(e(report.selectors[selector].name))\" "
      + "data-colouring=\"\(colouring.rawValue)\">"
    s += "<title>Zones as of \(report.asOf): \(e(colouring.label)) on \(e(platform))</title>"
    s += patterns + "<g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">"
    for id in map.zones.keys.sorted() {
      let d = map.zones[id]!
      let (fill, text): (String, String)
      if let entity = byId[id] {
        let cell = entity.cells[selector]
        (fill, text) = colour(cell, colouring: colouring, scale: scale, platform: platform)
        let title = "\(entity.name) (\(id)): \(text)"
        let path =
          "<path class=\"zone\" data-entity=\"\(e(id))\" data-status=\"\(cell.status.label)\" "
          + "d=\"\(d)\" fill=\"\(fill)\"><title>\(e(title))</title></path>"
        if let link {
          s += "<a href=\"\(e(link(id)))\">" + path + "</a>"
        } else {
          s += path
        }
      } else {
        s +=
          "<path class=\"zone out\" data-entity=\"\(e(id))\" d=\"\(d)\" fill=\"\(outOfScope)\" "
          + "stroke=\"#aab7b8\"><title>\(e(id)): not in this report on \(report.asOf) (ceased, "
          + "or outside its regions or kinds)</title></path>"
      }
    }
    s += "</g>"
    s += legend(colouring: colouring, scale: scale, platform: platform, height: height)
    return s + "</svg>"
  }

  /// The entities of the report that the map has no outline for (for a note under the map).
  public static func unmapped(_ report: AdoptionReport, map: ZoneMap) -> [EntityAdoption] {
    report.entities.filter { map.zones[$0.id] == nil }
  }

  /// The licence of the geometry as a collapsed block, for every page that draws the map.
  public static func licenceHTML(_ map: ZoneMap) -> String {
    let firstLine =
      map.licence.split(separator: "\n").first { $0.contains("Copyright") }.map(String.init)
      ?? "MIT License"
    return "<details class=\"licence\"><summary>Map geometry: "
      + ReportHTML.escape(firstLine)
      + ", MIT licence (github.com/arneh61/Belgium-Map)</summary><pre>"
      + ReportHTML.escape(map.licence) + "</pre></details>"
  }

  static func colour(
    _ cell: EntityAdoption.Cell, colouring: Colouring, scale: Classes?, platform: String
  ) -> (String, String) {
    switch cell.status.status {
    case .absent: return (absent, "absent from \(platform)")
    case .unknown: return (unknown, "status on \(platform) unknown")
    case .present: break
    }
    let presence =
      cell.status.confirmed
      ? "present on \(platform)" : "present on \(platform), carried forward from older evidence"
    switch colouring {
    case .status:
      return (cell.status.confirmed ? present : carriedForward, presence)
    case .perThousand:
      switch cell.perThousand {
      case .value(let v)?:
        let k = scale?.classOf(v) ?? 0
        return (classes[k], "\(presence), \(ReportText.decimal(.value(v))) followers per 1,000")
      case .missing(let r)?:
        return (missingValue, "\(presence), followers per 1,000 \(ReportText.missing(r))")
      case nil:
        return (missingValue, "\(presence), no open channel to count followers of")
      }
    }
  }

  /// Up to five classes of followers per 1,000, split at the quintiles of the known values.
  struct Classes {
    /// Upper bounds of every class but the last, ascending and distinct.
    let bounds: [Double]
    /// Whether any entity has a value (else the legend shows no class).
    let hasValues: Bool

    init(_ entities: [EntityAdoption], _ selector: Int) {
      let values = entities.compactMap { $0.cells[selector].perThousand?.value }.sorted()
      hasValues = !values.isEmpty
      var bounds: [Double] = []
      for p in [0.2, 0.4, 0.6, 0.8] {
        // Rounded as shown, so a legend's ranges and a zone's class agree.
        guard let q = Distribution.sortedQuantile(values, p).value else { continue }
        let shown = (q * 10).rounded() / 10
        if bounds.last != shown && shown < (values.last ?? 0) { bounds.append(shown) }
      }
      self.bounds = bounds
    }

    func classOf(_ v: Double) -> Int {
      bounds.firstIndex { v <= $0 } ?? bounds.count
    }

    /// The label of each class.
    var labels: [String] {
      let f = { (v: Double) in String(format: "%.1f", v) }
      guard !bounds.isEmpty else { return ["all values"] }
      var out = ["≤ " + f(bounds[0])]
      for k in 1..<bounds.count { out.append(f(bounds[k - 1]) + "–" + f(bounds[k])) }
      out.append("> " + f(bounds[bounds.count - 1]))
      return out
    }
  }

  /// The key, in the map's empty south-west corner.
  static func legend(colouring: Colouring, scale: Classes?, platform: String, height: Double)
    -> String
  {
    var items: [(String, String)] = []
    switch colouring {
    case .status:
      items.append((present, "present on \(platform), confirmed"))
      items.append((carriedForward, "present, carried forward"))
    case .perThousand:
      for (k, label) in (scale?.hasValues == true ? scale!.labels : []).enumerated() {
        items.append((classes[k], label + " followers per 1,000"))
      }
      items.append((missingValue, "present, no fresh count or no population"))
    }
    items.append((absent, "absent"))
    items.append((unknown, "unknown (not counted as absent)"))
    items.append((outOfScope, "not in this report"))
    let top = height - 16 - Double(items.count) * 30
    var s = "<g class=\"legend\" font-size=\"22\">"
    for (n, item) in items.enumerated() {
      let y = top + Double(n) * 30
      s +=
        "<rect x=\"8\" y=\"\(ReportCharts.f(y))\" width=\"26\" height=\"22\" fill=\"\(item.0)\" "
        + "stroke=\"#7f8c8d\"/><text x=\"44\" y=\"\(ReportCharts.f(y + 18))\">"
        + ReportHTML.escape(item.1) + "</text>"
    }
    return s + "</g>"
  }
}

extension ZoneMapChart {
  /// The CSS a page that draws the map adds to its own.
  public static let style = """
    figure.map svg.zonemap{width:100%;max-width:900px;height:auto;display:block}
    svg.zonemap path.zone:hover{stroke:#1c2833;stroke-width:2}
    svg.zonemap .legend text{fill:#1c2833}
    details.licence{font-size:.8em;color:#566573;margin-top:.4em}
    details.licence pre{white-space:pre-wrap;font-size:.95em}
    """
}
