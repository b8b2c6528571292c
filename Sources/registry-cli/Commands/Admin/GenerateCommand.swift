import ArgumentParser
import Registry

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a deterministic SYNTHETIC data set (seed format + a snapshot series).",
    discussion: """
      Everything written is fake and labelled so (source synthetic-SEED). Load it with
      registry-cli init --seed DIR --db syn.sqlite, then
      registry-cli snapshot import DIR/snapshots-import.csv --db syn.sqlite
      """)

  @Option(help: "Number of entities (synthetic police zones).") var entities: Int
  @Option(help: "Channels per entity.") var channelsPerEntity = 3
  @Option(help: "Days of snapshots per channel (one a day, ending 2025-06-30).") var days = 30
  @Option(help: "Random seed: the same seed gives the same files.") var seed: UInt64 = 1
  @Option(help: "Output directory.") var out: String

  func validate() throws {
    if entities < 1 || channelsPerEntity < 1 || days < 1 {
      throw ValidationError("--entities, --channels-per-entity and --days must be 1 or more")
    }
  }

  func run() throws {
    let s = try SyntheticData.write(
      .init(entities: entities, channelsPerEntity: channelsPerEntity, days: days, seed: seed),
      to: out)
    print(
      "wrote SYNTHETIC data to \(out): \(s.entities) entities, \(s.channels) channels, "
        + "\(s.snapshots) snapshots in \(out)/snapshots-import.csv")
  }
}
