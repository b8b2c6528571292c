import ArgumentParser
import Registry

@main
struct RegistryCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry-cli",
    abstract: "The registry of police social-media accounts, with analytics.",
    discussion: """
      The database is a SQLite file (--db, $REGISTRY_DB, or registry.sqlite here). When it does \
      not exist, it is created from the embedded seed data set first.
      """,
    version: RegistryCLI.version,
    subcommands: [
      InitCommand.self, AccountsCommand.self, EntitiesCommand.self, ShowCommand.self,
      SummaryCommand.self, ServeCommand.self,
      EntityCommand.self, ChannelCommand.self, SurveyCommand.self, ImportCommand.self,
      LogCommand.self,
      ValidateCommand.self, SnapshotCommand.self, HistoryCommand.self, GenerateCommand.self,
      CollectCommand.self, ReportCommand.self, CompareCommand.self, RankCommand.self,
      ReferenceCommand.self, ExportCommand.self, BackupCommand.self,
    ]
  )

  static let version = "0.1.0"

  /// Process-wide settings first, then the command.
  static func main() {
    PhaseTimings.mark("start")
    ProcessMemory.reuseFreedMemory()
    main(nil)
  }
}
