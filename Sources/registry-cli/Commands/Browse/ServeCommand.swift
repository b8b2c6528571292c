import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `serve`: the registry as a web site, read-only. The server is its own program, registry-web,
/// built beside registry-cli (`make web`): linking the web stack into registry-cli would make
/// every `make report` build nearly three times the code (BENCHMARKS.md), for no faster start.
/// This command hands over to it, with the same options.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the registry on the web, read-only: pages, downloads and a JSON API.",
    discussion: """
      Then open http://127.0.0.1:8080 (the address it prints). Pages: / (the national picture \
      and the map of the zones), /accounts, /entities, /entities/ID, /report, /compare/ID, \
      /rank; the API: /api/v1 (OpenAPI document at /api/v1/openapi.json). docs/web.md has them \
      all. The server is the program registry-web next to registry-cli: `make web` builds it.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Address to listen on (127.0.0.1: this machine only).")
  var host = "127.0.0.1"

  @Option(help: "Port (0: any free port; the address is printed).")
  var port = 8080

  @Option(help: "Longest time a request may take, in seconds, before it is answered 503.")
  var requestTimeout = 20.0

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
    guard requestTimeout > 0 else { throw ValidationError("--request-timeout must be above 0") }
    guard !host.isEmpty else { throw ValidationError("--host cannot be empty") }
  }

  func run() throws {
    guard let here = Self.ownFolder() else {
      throw ValidationError("cannot tell which folder registry-cli runs from, to find registry-web")
    }
    let server = here.appendingPathComponent("registry-web").path
    let arguments = [
      server, "--db", database.path, "--host", host, "--port", String(port),
      "--request-timeout", String(requestTimeout),
    ]
    var argv = arguments.map { strdup($0) } + [nil]
    // The system decides whether it can start (a check beforehand can disagree with it, e.g.
    // access(2) for a user whose capabilities let exec through).
    execv(server, &argv)
    // execv returns only when it failed.
    let failure = errno
    if failure == ENOENT {
      throw ValidationError(
        "the web server, registry-web, is not built next to registry-cli (in \(here.path)): "
          + "run `make web` in the checkout (or `make install` after it), then serve again")
    }
    throw ValidationError("cannot start \(server): \(String(cString: strerror(failure)))")
  }

  /// The folder of this program. /proc/self/exe first: Foundation's Bundle.main stops the
  /// process (a trap, not an error) when the user running it may not read the folders above it,
  /// e.g. a server run as `nobody` from root's checkout.
  static func ownFolder() -> URL? {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    return path.map {
      URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent()
    }
  }
}
