import ArgumentParser
import Foundation
import Registry
import Web

/// registry-web: the registry on the web, read-only. `registry-cli serve` starts it with the
/// same options.
@main
struct RegistryWeb: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry-web",
    abstract: "Serve the registry on the web, read-only: pages, downloads and a JSON API.",
    discussion: "Pages, parameters and limits: docs/web.md.",
    version: "0.1.0")

  @Option(help: "Database file (default: $REGISTRY_DB or registry.sqlite); it must exist.")
  var db: String?

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

  func run() async throws {
    let config = WebServerConfiguration(
      databasePath: db ?? DatabaseLocation.defaultPath(), host: host, port: port,
      requestTimeout: requestTimeout)
    do {
      try await WebServer.run(config)
    } catch let e as RegistryError {
      // A sentence, not a dump: a missing or unreadable database.
      FileHandle.standardError.write(Data("registry-web: \(e.description)\n".utf8))
      throw ExitCode(1)
    } catch {
      // The port in use, an address that cannot be bound.
      FileHandle.standardError.write(
        Data("registry-web: cannot serve on \(host):\(port): \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}
