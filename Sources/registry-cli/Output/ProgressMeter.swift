import ArgumentParser
import Foundation
import Registry

/// Rows per second and percentage on stderr, redrawn in place; only on a terminal.
final class ProgressMeter {
  let enabled: Bool
  let start = Date()
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func report(_ p: ImportProgress) {
    guard enabled else { return }
    let seconds = max(Date().timeIntervalSince(start), 0.001)
    var text = "\r\(p.rows) rows, \(Int(Double(p.rows) / seconds)) rows/s"
    if let total = p.totalBytes, total > 0 {
      text += String(format: ", %.1f%%", Double(p.bytesRead) * 100 / Double(total))
    }
    FileHandle.standardError.write(Data(text.utf8))
    shown = true
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
