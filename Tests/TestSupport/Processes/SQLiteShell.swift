import Foundation

/// The sqlite3 shell: a reader independent of the registry's code, to check and plant data.
public enum SQLiteShell {
  /// Runs `sql` on `db` and returns stdout without its surrounding white space; a failure
  /// (non-zero exit) throws with sqlite3's message.
  @discardableResult
  public static func run(_ db: String, _ sql: String, mode: String = "list") throws -> String {
    // Like registry-cli, wait for locks (the shell does not by default).
    let r = try Subprocess.run(
      tool: "sqlite3", ["-cmd", ".timeout 30000", "-cmd", ".mode \(mode)", db, sql])
    guard r.status == 0 else {
      throw SubprocessError("sqlite3 \(db) failed (exit \(r.status)): \(r.stderr)\(r.stdout)")
    }
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The whole database as SQL: what "nothing was written" compares.
  public static func dump(_ db: String) throws -> String { try run(db, ".dump") }

  /// `PRAGMA integrity_check` of `db`: `ok`, or what is wrong.
  public static func integrityCheck(_ db: String) throws -> String {
    try run(db, "PRAGMA integrity_check")
  }
}
