import ArgumentParser
import Foundation
import Registry

struct CollectPresetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "presets",
    abstract: "List the export presets for platforms without a public API.")

  func run() throws {
    for p in ExportPreset.all {
      print("\(p.name)  (\(p.platform.rawValue))")
      print("  export:      \(p.export)")
      print("  observed_at  <- \(p.date.joined(separator: " | "))")
      for (column, names) in [
        ("followers", p.followers), ("following", p.following), ("posts", p.posts),
      ]
      where !names.isEmpty {
        print(
          "  \(column.padding(toLength: 11, withPad: " ", startingAt: 0)) <- \(names.joined(separator: " | "))"
        )
      }
      if !p.engagementParts.isEmpty {
        let sum = p.engagementParts.map { $0.joined(separator: " | ") }.joined(separator: " + ")
        print(
          "  engagements <- \(sum) (window \(p.engagementWindowDays.map(String.init) ?? "-") day)")
      }
    }
  }
}
