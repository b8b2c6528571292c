import Foundation
import Registry
import Stats
import Vocabulary

/// The zone outlines, data/map/be-zones.json (built by scripts/build_zone_map.py), read once per
/// process: Stats draws them but reads no file.
public enum ZoneMapFile {
  /// The file: `$REGISTRY_MAP_DIR/be-zones.json`, else data/map in the checkout this binary was
  /// built from (found by walking up from this source file, as the seed is).
  public static func defaultPath() -> String {
    let name = "be-zones.json"
    if let env = ProcessInfo.processInfo.environment["REGISTRY_MAP_DIR"], !env.isEmpty {
      return env + "/" + name
    }
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let file = folder.appendingPathComponent("data/map/" + name).path
      if FileManager.default.fileExists(atPath: file) { return file }
      folder.deleteLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath + "/data/map/" + name
  }

  /// Belgium's zones and municipalities, read on first use.
  public static let belgium: Result<ZoneMap, ZoneMapUnavailable> = load(path: defaultPath())

  /// `map` with the outlines of the entities that exist on `day` in `registry` only: the zones
  /// of that day, whatever the report's regions or kinds (the others are drawn as out of scope).
  /// The map file holds every zone the seed has known, ceased ones too, which overlap.
  public static func map(
    _ map: Result<ZoneMap, ZoneMapUnavailable> = belgium, of registry: RegistryDatabase,
    on day: Day
  ) throws -> Result<ZoneMap, ZoneMapUnavailable> {
    guard case .success(let m) = map else { return map }
    return .success(m.zones(of: try registry.entityIds(existingOn: day)))
  }

  private struct File: Decodable {
    var viewBox: String
    var zones: [String: String]
    var municipalities: [String: String]
    var licence: String
  }

  /// Reads a map file; the failure says which file and why, for the page that cannot show it.
  public static func load(path: String) -> Result<ZoneMap, ZoneMapUnavailable> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(
        ZoneMapUnavailable(
          "\(path) cannot be read; set REGISTRY_MAP_DIR to the folder holding be-zones.json"))
    }
    do {
      let f = try JSONDecoder().decode(File.self, from: data)
      return .success(
        ZoneMap(
          viewBox: f.viewBox, zones: f.zones, municipalities: f.municipalities,
          licence: f.licence))
    } catch {
      return .failure(
        ZoneMapUnavailable("\(path) is not a zone map file (\(error.localizedDescription))"))
    }
  }
}
