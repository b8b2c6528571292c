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
    let here = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
    guard let server = here?.appendingPathComponent("registry-web").path,
      FileManager.default.isExecutableFile(atPath: server)
    else {
      throw ValidationError(
        "the web server, registry-web, is not built next to registry-cli"
          + (here.map { " (in \($0.path))" } ?? "")
          + ": run `make web` in the checkout (or `make install` after it), then serve again")
    }
    let arguments = [
      server, "--db", database.path, "--host", host, "--port", String(port),
      "--request-timeout", String(requestTimeout),
    ]
    var argv = arguments.map { strdup($0) } + [nil]
    execv(server, &argv)
    // execv returns only when it failed.
    throw ValidationError("cannot start \(server): \(String(cString: strerror(errno)))")
  }
}
