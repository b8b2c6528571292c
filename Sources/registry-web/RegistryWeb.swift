import ArgumentParser
import Foundation
import Web

@main
struct RegistryWeb: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "registry-web", version: "0.1.0")
  @Option var db = "registry.sqlite"
  @Option var host = "127.0.0.1"
  @Option var port = 8080
  func run() async throws {
    try await WebServer.run(WebServerConfiguration(databasePath: db, host: host, port: port))
  }
}
