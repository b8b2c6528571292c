import ArgumentParser
import Foundation
import Registry
import Stats
import Vocabulary

struct ReferenceAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a reference figure citing its source; the change is logged.",
    discussion: """
      Example: registry-cli reference add be-twitter-2013-gent "Gent zone Twitter followers \
      (c. 2013)" followers 2100 --unit followers --country BE --region BE-VLG --kind local_police \
      --platform x --entity be-pz-gent --as-of 2013-01-01 --precision circa \
      --source vtm-kwart-politiezones-twitter
      """)

  @OptionGroup var database: DatabaseOptions
  @Argument(help: "Id (a slug, e.g. be-twitter-2013-gent).") var id: String
  @Argument(help: "Label: what the figure says, with its date.") var label: String
  @Argument(
    help:
      "Metric: followers, followers_sum, posts, entities_with_channel, entity_count, channel_count, share_of_agencies, ..."
  ) var metric: String
  @Argument(help: "Value.") var value: Double
  @Option(help: "Denominator (e.g. 195 for '51 of 195 zones').") var denominator: Double?
  @Option(help: "Unit (followers, zones, percent, accounts, ...).") var unit: String
  @Option(help: "Country scope, ISO 3166-1 alpha-2 (unset: any).") var country: String?
  @Option(help: "Region scope, ISO 3166-2 (unset: any).") var region: String?
  @Option(help: "Entity-kind scope (unset: any).") var kind: String?
  @Option(help: "Platform scope (unset: any).") var platform: String?
  @Option(help: "The entity the figure is about, if one.") var entity: String?
  @Option(help: "Date of the figure, YYYY-MM-DD.") var asOf: String
  @Option(help: "Precision of the date: day, month, year or circa.") var precision = "day"
  @Option(help: "Note.") var note: String?
  @OptionGroup var change: ChangeOptions

  func validate() throws {
    guard id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
      throw ValidationError("id must be a slug: lowercase letters, digits and '-' (got '\(id)')")
    }
    if label.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("label cannot be empty")
    }
    guard metric.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
      throw ValidationError("metric must be lowercase letters, digits and '_' (got '\(metric)')")
    }
    guard value.isFinite else { throw ValidationError("value must be a finite number") }
    if let d = denominator, !(d.isFinite && d > 0) {
      throw ValidationError("--denominator must be a number above 0")
    }
    if unit.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--unit cannot be empty")
    }
    if let country, country.count != 2 {
      throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as BE")
    }
    if let kind, EntityKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind '\(kind)'; use one of: \(EntityKind.namesList)")
    }
    if let platform, Platform(userText: platform) == nil {
      throw ValidationError("unknown platform '\(platform)'; use one of: \(Platform.namesList)")
    }
    _ = try parseDay(asOf, option: "--as-of")
    guard ["day", "month", "year", "circa"].contains(precision) else {
      throw ValidationError("--precision takes day, month, year or circa (got '\(precision)')")
    }
  }

  func run() throws {
    let context = try change.context()
    let figure = ReferenceFigure(
      id: id, label: label, metric: metric, value: value, denominator: denominator, unit: unit,
      country: country?.uppercased(), region: region?.uppercased(), entityKind: kind,
      platform: platform.flatMap { Platform(userText: $0)?.rawValue }, entityId: entity,
      asOf: try parseDay(asOf, option: "--as-of").description, asOfPrecision: precision,
      sourceId: 0, note: note)
    try database.open().addReferenceFigure(figure, context: context)
    Terminal.note("added reference figure \(id); see `registry-cli reference show \(id)`")
  }
}
