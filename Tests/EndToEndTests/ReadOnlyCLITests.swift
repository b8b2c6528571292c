import Foundation
import TestSupport
import Testing

/// Reading never needs write access (docs/reliability.md, "Read-only files"): commands that only
/// read open the database read-only and write nothing to it, a file this process may not write
/// can be read, a command that must write says the file is read-only, and what is not a
/// registry database is refused.
@Suite(.serialized) struct ReadOnlyCLITests {
  /// Commands that only read, as `registry-cli` runs them (`OUT` is replaced by a writable
  /// folder for the files some of them write).
  static let readCommands: [[String]] = [
    ["accounts", "--format", "csv"],
    ["entities", "--format", "csv"],
    ["show", "be-pz-leuven"],
    ["summary"],
    ["report", "adoption", "--as-of", "2024-01-01", "--format", "json"],
    ["compare", "be-pz-leuven", "--as-of", "2024-01-01"],
    ["rank", "--metric", "followers", "--as-of", "2024-01-01"],
    ["validate"],
    ["history", "x/zp5327"],
    ["log"],
    ["reference", "list"],
    ["export", "OUT/export"],
    ["backup", "OUT/backup.sqlite"],
  ]

  /// The bytes and modification time of `path`, and the names in its folder.
  static func state(_ path: String) throws -> (Data, Date, [String]) {
    let fm = FileManager.default
    let date = try fm.attributesOfItem(atPath: path)[.modificationDate] as! Date
    let folder = (path as NSString).deletingLastPathComponent
    return (
      try Data(contentsOf: URL(fileURLWithPath: path)), date,
      try fm.contentsOfDirectory(atPath: folder).sorted()
    )
  }

  static func makeRegistry(_ cli: CLIWorkspace) throws {
    let r = try cli.run(["init"])
    guard r.status == 0 else { throw SubprocessError("init failed: \(r.stderr)") }
  }

  @Test func readCommandsLeaveTheDatabaseFileAndItsFolderUntouched() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    try Self.makeRegistry(cli)
    let out = try TemporaryDirectory(prefix: "read-out")
    defer { out.remove() }
    let before = try Self.state(cli.db)
    for args in Self.readCommands {
      let r = try cli.run(args.map { $0.replacingOccurrences(of: "OUT", with: out.path) })
      #expect(r.status == 0, "\(args): \(r.stderr)")
      let after = try Self.state(cli.db)
      #expect(after.0 == before.0, "\(args) changed the database file's bytes")
      #expect(after.1 == before.1, "\(args) changed the database file's modification time")
      #expect(after.2 == before.2, "\(args) left \(after.2) beside the database")
    }
  }

  // MARK: - Another user's file, a read-only folder

  /// Runs registry-cli as a user who may not write what root (or this user) made: `nobody`
  /// through setpriv when the tests run as root; this user otherwise (the files are chmod-ed).
  static func runAsReader(_ args: [String], in dir: URL) throws -> ProcessResult {
    let binary = try RegistryCLI.binary
    if getuid() == 0 {
      return try Subprocess.run(
        URL(fileURLWithPath: "/usr/bin/setpriv"),
        ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + args,
        environment: RegistryCLI.environment(["HOME": "/"]), currentDirectory: dir)
    }
    return try Subprocess.run(
      binary, args, environment: RegistryCLI.environment(), currentDirectory: dir)
  }

  static var readerAvailable: Bool {
    getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
  }

  static func chmod(_ path: String, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
  }

  @Test(.enabled(if: readerAvailable))
  func aFileTheReaderMayNotWriteCanBeReadAndAChangeSaysItIsReadOnly() throws {
    let cli = try CLIWorkspace()
    defer {
      try? Self.chmod(cli.dir.path, 0o755)
      cli.cleanUp()
    }
    try Self.makeRegistry(cli)
    let expected = try cli.run(Self.readCommands[4])  // the report, read by its owner
    // Three places: a read-only folder; a file of mode 0444 in a folder anyone may write (a
    // reader must not leave -wal/-shm files there that its owner could not write later); and
    // the same as another user's file (when run as root).
    let out = try TemporaryDirectory(prefix: "read-out")
    defer { out.remove() }
    try Self.chmod(out.path, 0o777)
    let open = cli.dir.appendingPathComponent("open")
    try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
    let shared = open.appendingPathComponent("r.sqlite").path
    try FileManager.default.copyItem(atPath: cli.db, toPath: shared)
    try Self.chmod(shared, 0o444)
    try Self.chmod(open.path, 0o777)
    try Self.chmod(cli.db, 0o644)
    try Self.chmod(cli.dir.path, 0o555)
    for path in [cli.db, shared] {
      let before = try Self.state(path)
      for args in Self.readCommands {
        let r = try Self.runAsReader(
          args.map { $0.replacingOccurrences(of: "OUT", with: out.path) } + ["--db", path],
          in: out.url)
        #expect(r.status == 0, "\(path) \(args): \(r.stderr)")
        if args == Self.readCommands[4] { #expect(r.stdout == expected.stdout) }
        try? FileManager.default.removeItem(atPath: out.path("backup.sqlite"))
      }
      let after = try Self.state(path)
      #expect(after.0 == before.0 && after.1 == before.1, "\(path) changed")
      #expect(after.2 == before.2, "side files left beside \(path): \(after.2)")
      // A change says the file is read-only, and why.
      let w = try Self.runAsReader(
        [
          "channel", "verify", "x/zp5327", "--on", "2025-01-01", "--source", "doc-001", "--db",
          path,
        ],
        in: out.url)
      #expect(w.status != 0)
      #expect(w.stderr.contains("\(path) is read-only: "), "\(w.stderr)")
      #expect(w.stderr.contains("commands that only read it work"), "\(w.stderr)")
    }
  }

  @Test(.enabled(if: readerAvailable))
  func anOlderSchemaTheReaderCannotUpgradeIsRefusedSayingWhatToDo() throws {
    let dir = try TemporaryDirectory(prefix: "read-old")
    defer { dir.remove() }
    let path = dir.path("v5.sqlite")
    try FileManager.default.copyItem(atPath: Fixtures.schema + "/v5.sqlite", toPath: path)
    try Self.chmod(path, 0o444)
    try Self.chmod(dir.path, 0o555)
    defer { try? Self.chmod(dir.path, 0o755) }
    let r = try Self.runAsReader(["accounts", "--db", path], in: URL(fileURLWithPath: "/"))
    #expect(r.status != 0)
    #expect(r.stderr.contains("has schema version 5"), "\(r.stderr)")
    #expect(r.stderr.contains("upgrading the file needs write access"), "\(r.stderr)")
    #expect(r.stderr.contains("cp \(path) mine.sqlite"), "\(r.stderr)")
  }

  // MARK: - A read-only mount

  /// Root in a private mount namespace can bind-mount a folder read-only: even root then
  /// cannot write it (EROFS).
  static var canMountReadOnly: Bool {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else {
      return false
    }
    return (try? Subprocess.run(tool: "unshare", ["-m", "true"]).status) == 0
  }

  @Test(.enabled(if: canMountReadOnly))
  func aDatabaseOnAReadOnlyMountCanBeRead() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    try Self.makeRegistry(cli)
    let expected = try cli.run(Self.readCommands[4])
    let binary = try RegistryCLI.binary.path
    func onReadOnlyMount(_ args: [String]) throws -> ProcessResult {
      try Subprocess.run(
        tool: "unshare",
        [
          "-m", "sh", "-c",
          "mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" && exec \"$@\"",
          cli.dir.path, binary,
        ] + args + ["--db", cli.db])
    }
    let r = try onReadOnlyMount(Self.readCommands[4])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == expected.stdout)
    let w = try onReadOnlyMount([
      "channel", "verify", "x/zp5327", "--on", "2025-01-01", "--source", "doc-001",
    ])
    #expect(w.status != 0)
    #expect(w.stderr.contains("is read-only: it is on a read-only file system"), "\(w.stderr)")
  }

  // MARK: - Not a registry

  @Test func zeroByteAndNonSQLiteFilesAreRefusedNotTurnedIntoAnEmptyRegistry() throws {
    let cli = try CLIWorkspace()
    defer { cli.cleanUp() }
    let zero = cli.dir.appendingPathComponent("zero.sqlite").path
    _ = FileManager.default.createFile(atPath: zero, contents: Data())
    let text = cli.dir.appendingPathComponent("notes.sqlite").path
    try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
    for args in [
      ["accounts"], ["report", "adoption"],
      ["entity", "close", "x", "--on", "2020-01-01", "--source", "s"],
    ] {
      var r = try cli.run(args + ["--db", zero], useDB: false)
      #expect(r.status != 0)
      #expect(
        r.stderr.contains("zero.sqlite is empty (0 bytes), not a registry database"), "\(r.stderr)")
      r = try cli.run(args + ["--db", text], useDB: false)
      #expect(r.status != 0)
      #expect(r.stderr.contains("notes.sqlite is not a SQLite database"), "\(r.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: zero)).isEmpty)
    #expect(try String(contentsOfFile: text, encoding: .utf8) == "not a database\n")
    // A missing file is still created from the seed on first use.
    let r = try cli.run(["accounts", "--format", "csv"])
    #expect(r.status == 0 && r.stderr.contains("does not exist: creating it from the seed"))
  }
}
