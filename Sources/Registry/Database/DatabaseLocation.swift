import Foundation

/// Where the registry's database is when no `--db` is given: `$REGISTRY_DB`, else
/// `registry.sqlite` in the working directory. The command line and the web server agree.
public enum DatabaseLocation {
  public static func defaultPath() -> String {
    if let env = ProcessInfo.processInfo.environment["REGISTRY_DB"], !env.isEmpty { return env }
    return "registry.sqlite"
  }
}
