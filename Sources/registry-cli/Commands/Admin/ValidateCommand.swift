import ArgumentParser
import Registry
import Reporting
import Vocabulary

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Report data-quality problems without changing anything.",
    discussion: """
      Exit code 0 when there are only warnings and notes, 1 when the database has integrity \
      errors (broken references, a damaged file). Example: registry-cli validate --format json
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var output: ListingOptions

  @Option(help: "A latest snapshot older than this many days is stale.")
  var staleDays = 365

  @Option(help: "Flag channels whose ownership was last checked longer ago than this many days.")
  var unverifiedDays = 730

  func validate() throws {
    if staleDays < 0 || unverifiedDays < 0 {
      throw ValidationError("--stale-days and --unverified-days must be 0 or more")
    }
  }

  func run() throws {
    let registry = try database.openForReading()
    let findings = try registry.validate(
      ValidationOptions(today: Day.today(), staleDays: staleDays, unverifiedDays: unverifiedDays))
    let listing = Listings.findings(findings)
    print(try asUsageError { try listing.render(output.shape) }, terminator: "")
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.filter { $0.severity == .warning }.count
    Terminal.note(
      "\(errors) error(s), \(warnings) warning(s), \(findings.count - errors - warnings) note(s)")
    if errors > 0 { throw ExitCode(1) }
  }
}
