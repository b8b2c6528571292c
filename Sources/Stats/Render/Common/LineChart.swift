import Foundation
import Vocabulary

/// A small inline SVG line chart of one value over days (a channel's followers), with the first
/// and last day and the lowest and highest value labelled. No script, no external asset.
public enum LineChart {
  public struct Point: Sendable, Equatable {
    public var day: Day
    public var value: Double
    public init(day: Day, value: Double) {
      self.day = day
      self.value = value
    }
  }

  /// The chart, or nil for no point.
  public static func render(_ points: [Point], title: String, width: Double = 560) -> String? {
    guard let first = points.first, let last = points.last else { return nil }
    let f = ReportCharts.f
    let height = 170.0
    let (left, right, top, bottom) = (64.0, 16.0, 12.0, 28.0)
    let lo = points.map(\.value).min()!
    let hi = points.map(\.value).max()!
    // A flat series gets a band around its value, so its line sits mid-chart.
    let (y0, y1) = lo == hi ? (lo - max(1, abs(lo) * 0.05), hi + max(1, abs(hi) * 0.05)) : (lo, hi)
    let days = Double(max(1, last.day.number - first.day.number))
    func px(_ d: Day) -> Double {
      left + (width - left - right) * Double(d.number - first.day.number) / days
    }
    func py(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - y0) / (y1 - y0)) }
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"linechart\" viewBox=\"0 0 \(f(width)) "
      + "\(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\"><title>"
      + ReportHTML.escape(title) + "</title>"
    for v in [y0, y1] {
      s +=
        "<line x1=\"\(f(left))\" y1=\"\(f(py(v)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(v)))\" "
        + "class=\"grid\"/><text x=\"\(f(left - 6))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">"
        + ReportText.grouped(v) + "</text>"
    }
    s +=
      "<text x=\"\(f(left))\" y=\"\(f(height - 8))\">\(first.day)</text>"
      + "<text x=\"\(f(width - right))\" y=\"\(f(height - 8))\" text-anchor=\"end\">"
      + "\(last.day)</text>"
    if points.count == 1 {
      s +=
        "<circle cx=\"\(f(px(first.day)))\" cy=\"\(f(py(first.value)))\" r=\"3.5\" fill=\"#1b4f72\"/>"
    } else {
      let coords = points.map { "\(f(px($0.day))),\(f(py($0.value)))" }.joined(separator: " ")
      s += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"#1b4f72\" stroke-width=\"2\"/>"
    }
    return s + "</svg>"
  }
}
