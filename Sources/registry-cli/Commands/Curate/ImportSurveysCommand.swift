import ArgumentParser
import Foundation
import Registry
import Vocabulary

struct ImportSurveysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "surveys",
    abstract: "Record surveys from a CSV, JSON or NDJSON file (a filled-in `survey sheet`).",
    discussion: """
      Columns: entity_id (or entity: an id, official code or name; or entity_code, \
      entity_name), platform, observed_on, result (present or absent), handle, method \
      (\(SurveyMethod.namesList)), confidence (high, medium, low; default medium), source, \
      note, and the worksheet's read-only columns (region, status, evidence, evidence_on, \
      known_handles, website), which are not read. Rows with an empty result are skipped. All \
      or nothing: the first bad row stops the import with file:line: column: reason. A survey \
      recorded before (same entity, platform, day and source) is left as it is. See \
      docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: ImportOptions

  @Option(help: "The day of the rows without observed_on, YYYY-MM-DD.")
  var on: String?

  @Option(help: "The method of the rows without one.")
  var method: String?

  @Option(help: "The confidence of the rows without one.")
  var confidence: Confidence?

  func validate() throws {
    if let on { _ = try parseDay(on, option: "--on") }
    if let method, SurveyMethod(rawValue: method) == nil {
      throw ValidationError("unknown method '\(method)'; use one of: \(SurveyMethod.namesList)")
    }
  }

  func run() throws {
    var defaults: [String: String] = [:]
    defaults["observed_on"] = on
    defaults["method"] = method
    defaults["confidence"] = confidence?.rawValue
    try options.run(.surveys, database: database, change: change) { records in
      records.map { $0.filling(defaults) }
    }
  }
}
