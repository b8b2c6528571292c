import ArgumentParser
import Foundation
import Registry

struct CollectConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a platform analytics export into the snapshot import CSV.",
    discussion: """
      Example: registry-cli collect convert --preset facebook-page-insights \
      --channel politiezonegent export.csv --out snapshots.csv
      """)

  @Option(help: "Preset name (see `registry-cli collect presets`).")
  var preset: String

  @Option(help: "The channel's handle (or key platform/handle) on the preset's platform.")
  var channel: String

  @Option(help: "URL to record as each row's source_url.")
  var sourceURL: String?

  @Option(help: "Output file (default: standard output).")
  var out: String?

  @Argument(help: "The export file (CSV).")
  var file: String

  func validate() throws {
    guard ExportPreset.named(preset) != nil else {
      throw ValidationError(
        "unknown preset '\(preset)'; presets are: "
          + ExportPreset.all.map(\.name).joined(separator: ", "))
    }
  }

  func run() throws {
    guard let p = ExportPreset.named(preset) else { return }
    var text = channel
    if text.hasPrefix(p.platform.rawValue + "/") { text.removeFirst(p.platform.rawValue.count + 1) }
    let handle: Handle
    switch Handle.parse(text, platform: p.platform) {
    case .success(let h): handle = h
    case .failure(let e): throw ValidationError("--channel: \(e.reason)")
    }
    let result = try ExportConverter.convert(
      path: file, preset: p, handle: handle.canonical, sourceURL: sourceURL)
    if let out {
      do {
        try result.csv.write(toFile: out, atomically: true, encoding: .utf8)
      } catch {
        throw RegistryError.invalid("cannot write \(out): \(error.localizedDescription)")
      }
      Terminal.note("wrote \(result.rows) rows to \(out)")
    } else {
      print(result.csv, terminator: "")
    }
  }
}
