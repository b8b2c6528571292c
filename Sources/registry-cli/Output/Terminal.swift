import ArgumentParser
import Foundation
import Registry

/// Messages for people on stderr.
enum Terminal {
  static func note(_ text: String) {
    FileHandle.standardError.write(Data(("registry-cli: " + text + "\n").utf8))
  }
  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
