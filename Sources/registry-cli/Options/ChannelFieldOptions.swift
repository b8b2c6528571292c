import ArgumentParser
import Registry
import Vocabulary

/// Channel columns a curator may give on the command line (all but entity and handle).
struct ChannelFieldOptions: ParsableArguments {
  @Option(help: "Profile URL; empty text clears it.")
  var url: String?

  @Option(help: "Platform id (X numeric id, Bluesky DID, Mastodon account URI).")
  var platformId: String?

  @Option(name: .customLong("language"), help: "Language of the posts (BCP 47); repeatable.")
  var languages: [String] = []

  @Option(name: .customLong("purpose"), help: "Purpose tag (traffic, prevention...); repeatable.")
  var purposes: [String] = []

  @Option(help: "Status: \(ChannelStatus.namesList).")
  var status: String?

  @Option(help: "Day the channel opened (YYYY-MM-DD).")
  var openedOn: String?

  @Option(help: "Earliest day a source shows the channel (when the opening day is unknown).")
  var firstSeenOn: String?

  @Option(help: "Whether it states the emergency disclaimer: yes or no.")
  var disclaimer: String?

  @Option(help: "Day the disclaimer was seen (YYYY-MM-DD).")
  var disclaimerSeenOn: String?

  @Option(help: "How sure the ownership is: \(Confidence.namesList).")
  var confidence: String?

  @Option(help: "Why the confidence is what it is.")
  var confidenceNote: String?

  @Option(help: "Free note.")
  var note: String?

  var values: ColumnValues {
    var v = ColumnValues()
    v["url"] = url
    v["platform_id"] = platformId
    if !languages.isEmpty { v["languages"] = languages.joined(separator: ";") }
    if !purposes.isEmpty { v["purposes"] = purposes.joined(separator: ";") }
    v["status"] = status
    v["opened_on"] = openedOn
    v["first_seen_on"] = firstSeenOn
    v["emergency_disclaimer"] = disclaimer
    v["disclaimer_seen_on"] = disclaimerSeenOn
    v["confidence"] = confidence
    v["confidence_note"] = confidenceNote
    v["note"] = note
    return v
  }
}

/// Reads `--platform`, accepting the usual aliases (twitter, fb, ig...).
func channelPlatform(_ text: String?) throws -> Platform? {
  guard let text else { return nil }
  guard let p = Platform(userText: text) else {
    throw ValidationError("unknown platform '\(text)'; use one of: \(Platform.namesList)")
  }
  return p
}
