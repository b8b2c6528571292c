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

  /// A collector's progress, one line rewritten in place on a terminal (nothing otherwise, so a
  /// log file gets the summary alone): "[3/40] be-pz-gent: ok".
  static func progress(done: Int, total: Int, item: String, failed: Bool) {
    guard stderrIsTerminal else { return }
    let state = failed ? "failed" : "ok"
    FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(item): \(state)".utf8))
    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
