import Foundation

/// Inline SVG charts for the HTML report: no script, no external asset.
public enum ReportCharts {
  static let palette = [
    "#1b4f72", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#17a589", "#7f8c8d", "#2e86c1",
  ]

  static func color(_ i: Int) -> String { palette[i % palette.count] }

  static func f(_ v: Double) -> String { String(format: "%.1f", v) }

  /// Per region and platform, one bar over the group's entities: present (solid, its end the
  /// lower bound), unknown (hatched, its end the upper bound) and absent (grey); the estimate as
  /// a diamond with its 95% interval as whiskers; the coverage on the right. A missing estimate
  /// is written out, never drawn as 0.
  public static func adoption(_ r: AdoptionReport) -> String {
    let rows = r.national + r.regions
    let left = 230.0
    let width = 800.0
    // Room for the longest note, "100% (low), no estimate".
    let right = 150.0
    let plot = width - left - right
    let rowH = 20.0
    let top = 34.0
    let height = Double(rows.count) * rowH + top + 36
    var s = svgOpen(
      width, height,
      "Adoption per region and platform: present, unknown and absent, estimate with 95% interval")
    s += "<defs><pattern id=\"unknown\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
    s += "height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
    s += "fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#85929e\" "
    s += "stroke-width=\"2.5\"/></pattern></defs>"
    // Legend.
    let legend: [(String, String)] = [
      ("present", "fill=\"\(color(0))\""), ("unknown", "fill=\"url(#unknown)\" stroke=\"#85929e\""),
      ("absent", "fill=\"#d5d8dc\""),
    ]
    for (n, (label, fill)) in legend.enumerated() {
      let x = left + Double(n) * 95
      s += "<rect x=\"\(f(x))\" y=\"6\" width=\"14\" height=\"10\" \(fill)/>"
      s += "<text x=\"\(f(x + 18))\" y=\"15\">\(label)</text>"
    }
    let lx = left + 3 * 95
    s += "<path d=\"M\(f(lx + 7)) 5 L\(f(lx + 12)) 11 L\(f(lx + 7)) 17 L\(f(lx + 2)) 11 Z\" "
    s += "fill=\"#1c2833\"/><text x=\"\(f(lx + 18))\" y=\"15\">estimate, 95% CI</text>"
    s += "<text x=\"\(f(width - right + 8))\" y=\"15\">coverage</text>"
    let plotBottom = top + Double(rows.count) * rowH
    for tick in stride(from: 0, through: 100, by: 25) {
      let x = left + plot * Double(tick) / 100
      s += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(plotBottom))\" "
      s += "class=\"grid\"/>"
      s += "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 15))\" text-anchor=\"middle\">\(tick)%</text>"
    }
    for (i, g) in rows.enumerated() {
      let y = top + Double(i) * rowH
      let label = "\(r.regionName(g.region)) · \(ReportText.platformLabel(g.platform))"
      // Region names can be long (bilingual): the axis shows the code, the tooltip the name.
      let short =
        (g.region == "ALL" ? "All regions" : g.region) + " · "
        + ReportText.platformLabel(g.platform)
      let ci = r.selectors.firstIndex { $0.name == g.platform } ?? 0
      s +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\">"
        + ReportHTML.escape(short) + "</text>"
      let b = g.presence
      guard let lo = b.lower.value, let hi = b.upper.value else {
        s +=
          "<text x=\"\(f(left + 4))\" y=\"\(f(y + 13))\" class=\"missing\">"
          + ReportText.percent(b.lower) + "</text>"
        continue
      }
      let c = b.counts
      let title =
        "\(label): present \(c.present), unknown \(c.unknown), absent \(c.absent) of "
        + "\(c.entities); bounds \(ReportText.bounds(b)); estimate \(ReportText.estimate(b))"
      s += "<g><title>\(ReportHTML.escape(title))</title>"
      s +=
        "<rect x=\"\(f(left))\" y=\"\(f(y + 3))\" width=\"\(f(plot * lo))\" height=\"13\" "
        + "fill=\"\(color(ci))\"/>"
      s +=
        "<rect x=\"\(f(left + plot * lo))\" y=\"\(f(y + 3))\" width=\"\(f(plot * (hi - lo)))\" "
        + "height=\"13\" fill=\"url(#unknown)\"/>"
      s +=
        "<rect x=\"\(f(left + plot * hi))\" y=\"\(f(y + 3))\" width=\"\(f(plot * (1 - hi)))\" "
        + "height=\"13\" fill=\"#d5d8dc\"/>"
      if let e = b.estimate.rate.value, let elo = b.estimate.low.value,
        let ehi = b.estimate.high.value
      {
        let (x1, x2, ym) = (left + plot * elo, left + plot * ehi, y + 9.5)
        s +=
          "<line x1=\"\(f(x1))\" y1=\"\(f(ym))\" x2=\"\(f(x2))\" y2=\"\(f(ym))\" class=\"whisker\"/>"
        s +=
          "<line x1=\"\(f(x1))\" y1=\"\(f(ym - 4))\" x2=\"\(f(x1))\" y2=\"\(f(ym + 4))\" class=\"whisker\"/>"
        s +=
          "<line x1=\"\(f(x2))\" y1=\"\(f(ym - 4))\" x2=\"\(f(x2))\" y2=\"\(f(ym + 4))\" class=\"whisker\"/>"
        let ex = left + plot * e
        s +=
          "<path d=\"M\(f(ex)) \(f(ym - 6)) L\(f(ex + 5)) \(f(ym)) L\(f(ex)) \(f(ym + 6)) "
          + "L\(f(ex - 5)) \(f(ym)) Z\" fill=\"#1c2833\" stroke=\"#ffffff\"/>"
      }
      s += "</g>"
      let coverage =
        ReportText.percent(b.coverage, digits: 0) + (b.lowCoverage ? " (low)" : "")
      let note = b.estimate.rate.value == nil ? coverage + ", no estimate" : coverage
      s +=
        "<text x=\"\(f(width - right + 8))\" y=\"\(f(y + 13))\"\(b.lowCoverage ? " class=\"missing\"" : "")>"
        + ReportHTML.escape(note) + "</text>"
    }
    return s + "</svg>"
  }

  /// Diffusion curves for the whole scope: one line per platform, share of entities by year.
  public static func diffusion(_ r: AdoptionReport) -> String {
    let points = r.diffusion["ALL"] ?? []
    let width = 760.0
    let height = 300.0
    let (left, right, top, bottom) = (50.0, 150.0, 15.0, 35.0)
    var s = svgOpen(width, height, "Diffusion: share of entities present, by year")
    let years = points.map(\.year)
    guard let y0 = years.min(), let y1 = years.max() else {
      return s + "<text x=\"20\" y=\"40\" class=\"missing\">missing (no_values): no channel has "
        + "a known opening date</text></svg>"
    }
    let span = Double(max(1, y1 - y0))
    func px(_ year: Int) -> Double { left + (width - left - right) * Double(year - y0) / span }
    func py(_ share: Double) -> Double { top + (height - top - bottom) * (1 - share) }
    for tick in stride(from: 0, through: 100, by: 25) {
      let y = py(Double(tick) / 100)
      s +=
        "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" class=\"grid\"/>"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick)%</text>"
    }
    let step = max(1, (y1 - y0) / 8)
    for year in stride(from: y0, through: y1, by: step) {
      s +=
        "<text x=\"\(f(px(year)))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(year)</text>"
    }
    // Any social platform: the band from the lower to the upper bound (unknown is not 0).
    let anyPoints = points.filter { $0.platform == "any" && $0.entities > 0 }
    if !anyPoints.isEmpty {
      let lower = anyPoints.map {
        "\(f(px($0.year))),\(f(py(Double($0.present) / Double($0.entities))))"
      }
      let upper = anyPoints.reversed().map {
        "\(f(px($0.year))),\(f(py(Double($0.present + $0.unknown) / Double($0.entities))))"
      }
      s +=
        "<polygon points=\"\((lower + upper).joined(separator: " "))\" fill=\"\(color(0))\" "
        + "fill-opacity=\"0.12\"><title>any social platform: from present to present + unknown"
        + "</title></polygon>"
    }
    for (i, sel) in r.selectors.enumerated() {
      let line = points.filter { $0.platform == sel.name && $0.entities > 0 }
      let coords = line.map { p in
        "\(f(px(p.year))),\(f(py(Double(p.present) / Double(p.entities))))"
      }
      s +=
        "<polyline points=\"\(coords.joined(separator: " "))\" fill=\"none\" "
        + "stroke=\"\(color(i))\" stroke-width=\"\(i == 0 ? 3 : 2)\"/>"
      let ly = top + 18 * Double(i) + 6
      s +=
        "<rect x=\"\(f(width - right + 12))\" y=\"\(f(ly - 8))\" width=\"12\" height=\"4\" "
        + "fill=\"\(color(i))\"/>"
      s +=
        "<text x=\"\(f(width - right + 30))\" y=\"\(f(ly - 2))\">"
        + ReportHTML.escape(ReportText.platformLabel(sel.name)) + "</text>"
    }
    return s + "</svg>"
  }

  /// Audience of each entity on social media as a dot on a log scale, one strip per region,
  /// with the median marked. Each region's name is written above its strip, from the left
  /// edge, wrapped when long: a bilingual name is never cut off.
  static func audience(_ r: AdoptionReport) -> String {
    let regions = r.audienceByRegion.keys.sorted()
    let width = 760.0
    let left = 24.0
    let plot = width - left - 30
    let lineH = 13.0
    let labels = regions.map { code in
      wrap("\(r.regionName(code)) (n=\(r.audienceByRegion[code]!.count))", width: 118)
    }
    // Each row: its label lines, then the strip (dots 11 px either side of its centre).
    let rowHeights = labels.map { Double($0.count) * lineH + 30 }
    let height = max(1, rowHeights.reduce(0, +)) + 50
    var s = svgOpen(width, height, "Audience per entity on social media (log scale), by region")
    let all = regions.flatMap { r.audienceByRegion[$0]! }.filter(\.isFinite)
    guard let maxV = all.max(), !all.isEmpty else {
      return s + "<text x=\"20\" y=\"30\" class=\"missing\">missing (no_values): no entity has a "
        + "fresh follower count</text></svg>"
    }
    // Audiences are finite counts; the cap keeps an absurd stored count from trapping here.
    let decades = max(1, Int(min(log10(max(maxV, 10)), 30).rounded(.up)))
    func px(_ v: Double) -> Double { left + plot * log10(max(v, 1)) / Double(decades) }
    for d in 0...decades {
      let x = left + plot * Double(d) / Double(decades)
      let label = ReportText.grouped(pow(10, Double(d)))
      s += "<line x1=\"\(f(x))\" y1=\"10\" x2=\"\(f(x))\" y2=\"\(f(height - 30))\" class=\"grid\"/>"
      s += "<text x=\"\(f(x))\" y=\"\(f(height - 15))\" text-anchor=\"middle\">\(label)</text>"
    }
    var top = 10.0
    for (i, code) in regions.enumerated() {
      let values = r.audienceByRegion[code]!
      for (k, line) in labels[i].enumerated() {
        s +=
          "<text x=\"\(f(left))\" y=\"\(f(top + 11 + Double(k) * lineH))\">"
          + ReportHTML.escape(line) + "</text>"
      }
      let y = top + Double(labels[i].count) * lineH + 14
      for v in values {
        s +=
          "<circle cx=\"\(f(px(v)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(color(0))\" "
          + "fill-opacity=\"0.5\"/>"
      }
      if let m = Distribution.quantile(values, 0.5).value {
        s +=
          "<line x1=\"\(f(px(m)))\" y1=\"\(f(y - 11))\" x2=\"\(f(px(m)))\" y2=\"\(f(y + 11))\" "
          + "stroke=\"\(color(1))\" stroke-width=\"3\"><title>median \(ReportText.grouped(m))"
          + "</title></line>"
      }
      top += rowHeights[i]
    }
    return s + "</svg>"
  }

  /// `text` in lines of at most `width` characters, broken at spaces (a longer word stays whole).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  static func svgOpen(_ w: Double, _ h: Double, _ title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" "
      + "height=\"\(f(h))\" role=\"img\"><title>\(ReportHTML.escape(title))</title>"
  }
}
