import ArgumentParser
import Registry
import Vocabulary

struct SurveyAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record that a source checked an entity on a platform on a day: present or absent.",
    discussion: """
      Examples:
        registry-cli survey add be-pz-leuven --platform instagram --on 2026-05-02 \
      --found @politieleuven --method platform_search --source-url https://www.instagram.com/politieleuven
        registry-cli survey add 5388 --platform tiktok --on 2026-05-02 --absent --method website \
      --source-url https://www.politie.be/5388
      The entity is an id, an official code or a name. A found handle is linked to its channel, \
      which is added (first seen on the survey's day) when the registry does not know it. \
      --present records a presence the source states without naming the account. The change is \
      logged. See docs/curation.md.
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "The entity: id, official code or name.")
  var entity: String

  @Option(help: "Platform (\(Platform.namesList)).")
  var platform: String

  @Option(help: "The day of the survey, YYYY-MM-DD.")
  var on: String

  @Option(help: "The account found (handle or URL, any pasted form).")
  var found: String?

  @Flag(help: "Found present, without a named account.")
  var present = false

  @Flag(help: "Found absent: the source shows no account on the platform.")
  var absent = false

  @Option(help: "How: \(SurveyMethod.namesList).")
  var method: String

  @Option(help: "Confidence: high, medium or low.")
  var confidence: Confidence = .medium

  @Option(help: "Note.")
  var note: String?

  @OptionGroup var change: ChangeOptions

  func validate() throws {
    let given = [found != nil, present, absent].filter { $0 }.count
    guard given == 1 else {
      throw ValidationError("give exactly one of --found HANDLE, --present or --absent")
    }
    _ = try parseDay(on, option: "--on")
    if Platform(userText: platform) == nil {
      throw ValidationError("unknown platform '\(platform)'; use one of: \(Platform.namesList)")
    }
    if SurveyMethod(rawValue: method) == nil {
      throw ValidationError("unknown method '\(method)'; use one of: \(SurveyMethod.namesList)")
    }
  }

  func run() throws {
    let context = try change.context()
    var v = ColumnValues([
      "entity": entity, "platform": platform, "observed_on": on,
      "result": absent ? "absent" : "present", "method": method,
      "confidence": confidence.rawValue,
    ])
    v["handle"] = found
    v["note"] = note
    let outcome = try database.open().addSurvey(v, context: context)
    if outcome.channelCreated, let key = outcome.channelKey {
      Terminal.note("added channel \(key)")
    }
    switch outcome.outcome {
    case "added": Terminal.note("recorded survey \(outcome.key)")
    case "changed": Terminal.note("updated survey \(outcome.key)")
    default: Terminal.note("survey \(outcome.key) was already recorded: nothing changed")
    }
    print(outcome.key)
  }
}
