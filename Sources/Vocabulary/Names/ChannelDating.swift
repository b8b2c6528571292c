/// What a channel's evidence date (the day from which it counts as open) is: its opening, its
/// first sighting, or, when neither is known, the publication or else the retrieval date of the
/// source that shows it.
public enum ChannelDating: String, CaseIterable, Codable, Sendable {
  case opened
  case firstSeen = "first_seen"
  case sourcePublished = "source_published"
  case sourceRetrieved = "source_retrieved"
}
