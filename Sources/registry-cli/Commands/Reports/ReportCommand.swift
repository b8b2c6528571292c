import ArgumentParser
import Foundation
import Registry
import Stats

#if canImport(Glibc)
  import Glibc
#endif

/// `report`: reports built from the registry.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Reports with methodology and sources (adoption).",
    subcommands: [AdoptionReportCommand.self])
}
