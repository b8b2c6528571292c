import Foundation
import Registry

/// One record in full, as `show` prints it for programs and the API serves it.
public enum Details {
  /// `{"entity": ...}` or `{"channel": ...}`, pretty-printed with sorted keys, ending in a newline.
  public static func json(_ result: LookupResult) throws -> String {
    let enc = JSONOutput.encoder(pretty: true)
    let data: Data
    switch result {
    case .entity(let e): data = try enc.encode(["entity": e])
    case .channel(let c): data = try enc.encode(["channel": c])
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
