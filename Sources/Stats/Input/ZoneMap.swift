/// Outlines of the zones and municipalities as SVG path data in one shared coordinate space
/// (data/map/be-zones.json, read by Reporting): value types only, so the map renderers stay pure.
public struct ZoneMap: Sendable, Equatable {
  /// The SVG viewBox all paths share, e.g. `0 0 1000 821`.
  public var viewBox: String
  /// Entity id → the outline of its zone (the union of its municipalities).
  public var zones: [String: String]
  /// NIS code → the outline of the municipality.
  public var municipalities: [String: String]
  /// The licence notice of the geometry, which every page that draws it must carry.
  public var licence: String

  public init(
    viewBox: String, zones: [String: String], municipalities: [String: String], licence: String
  ) {
    self.viewBox = viewBox
    self.zones = zones
    self.municipalities = municipalities
    self.licence = licence
  }

  /// The same map with the outlines of `ids` only (the municipalities are kept): the zones of
  /// one day, so that a merged zone and the zones it was made of are never drawn on top of
  /// each other.
  public func zones(of ids: Set<String>) -> ZoneMap {
    var copy = self
    copy.zones = zones.filter { ids.contains($0.key) }
    return copy
  }

  /// The viewBox's width and height (1000 × 1000 when it cannot be read).
  public var size: (width: Double, height: Double) {
    let parts = viewBox.split(separator: " ").compactMap { Double($0) }
    guard parts.count == 4, parts[2] > 0, parts[3] > 0 else { return (1000, 1000) }
    return (parts[2], parts[3])
  }
}

/// The bounding box of SVG path data written as the map's paths are: absolute `M x y`, relative
/// `l dx dy ...` moves, `z`; numbers may drop their leading zero (`.5`) and a minus sign may
/// stand for the separator (`1.2-3`).
public struct PathBounds: Sendable, Equatable {
  public var minX: Double
  public var minY: Double
  public var maxX: Double
  public var maxY: Double

  public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  /// The box of every point of `paths`; nil when they hold no point.
  public static func of(_ paths: [String]) -> PathBounds? {
    var box: PathBounds?
    for d in paths {
      var command: Character = "M"
      var numbers: [Double] = []
      var x = 0.0
      var y = 0.0
      var startX = 0.0
      var startY = 0.0
      func add(_ px: Double, _ py: Double) {
        if var b = box {
          b.minX = min(b.minX, px)
          b.minY = min(b.minY, py)
          b.maxX = max(b.maxX, px)
          b.maxY = max(b.maxY, py)
          box = b
        } else {
          box = PathBounds(minX: px, minY: py, maxX: px, maxY: py)
        }
      }
      func flushPair() {
        guard numbers.count == 2 else { return }
        if command == "M" {
          x = numbers[0]
          y = numbers[1]
          startX = x
          startY = y
          // Further pairs after an M are absolute line-tos.
          command = "L"
        } else if command == "L" {
          x = numbers[0]
          y = numbers[1]
        } else if command == "m" {
          x += numbers[0]
          y += numbers[1]
          startX = x
          startY = y
          command = "l"
        } else {
          x += numbers[0]
          y += numbers[1]
        }
        add(x, y)
        numbers.removeAll(keepingCapacity: true)
      }
      var token = ""
      func flushNumber() {
        if let v = Double(token) {
          numbers.append(v)
          flushPair()
        }
        token = ""
      }
      for ch in d {
        switch ch {
        case "0"..."9":
          token.append(ch)
        case ".":
          // A second dot starts a new number (`.5.3` is 0.5 then 0.3).
          if token.contains(".") { flushNumber() }
          token.append(ch)
        case "-":
          flushNumber()
          token = "-"
        case "M", "m", "L", "l":
          flushNumber()
          numbers.removeAll()
          command = ch
        case "z", "Z":
          flushNumber()
          numbers.removeAll()
          x = startX
          y = startY
        default:
          flushNumber()
        }
      }
      flushNumber()
    }
    return box
  }
}
