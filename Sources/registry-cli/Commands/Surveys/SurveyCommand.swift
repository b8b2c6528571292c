import ArgumentParser

/// `survey add|sheet`: record who checked which entity on which platform, and print the
/// worksheet a team fills in (`import surveys` reads it back).
struct SurveyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "survey",
    abstract:
      "Record surveys (an entity found present or absent on a platform) and print worksheets.",
    subcommands: [SurveyAddCommand.self, SurveySheetCommand.self])
}
