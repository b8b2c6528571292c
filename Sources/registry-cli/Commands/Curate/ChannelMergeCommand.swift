import ArgumentParser
import Registry

struct ChannelMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Record that a channel kept without a handle is the account another one names.",
    discussion: """
      For `validate`'s possible_duplicate_channel: a source counted an account without naming \
      it, and the registry holds it twice. The unnamed channel's snapshots, retracted \
      snapshots and surveys become the named one's, which is first seen on the earlier of the \
      two first sightings; the unnamed channel is removed, its fields kept in the change log \
      (`log --channel KEY`). Both must be one entity's, on one platform, never moved; a \
      snapshot both have (same time and source) is refused: retract one first. Reports then \
      count the account once. Example: registry-cli channel merge \
      x/unknown:be-pz-bruxelles-capitale-ixelles --into x/zpz_polbru --source my-check
      """)

  @OptionGroup var database: DatabaseOptions

  @Argument(help: "The channel kept without a handle: its key (or numeric id).")
  var channel: String

  @Option(help: "The named channel it is: key, handle or URL.")
  var into: String

  @OptionGroup var change: ChangeOptions

  func run() throws {
    let context = try change.context()
    let r = try database.open().mergeChannel(channel, into: into, context: context)
    Terminal.note(
      "merged \(r.from) into \(r.into.key): \(r.snapshots) snapshot(s), \(r.retractions) "
        + "retracted snapshot(s) and \(r.surveys) survey(s) moved; \(r.from) removed (its "
        + "fields: `registry-cli log --channel \(r.from)`)")
  }
}
