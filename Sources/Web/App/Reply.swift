import Foundation
import HTTPTypes
import Hummingbird
import Reporting

/// An answer as the routes build it and the response cache keeps it: status, headers, body; a
/// page's body holds `Reply.nonce` where its style's nonce goes, replaced by each response's own.
struct Reply: Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var body: ByteBuffer
  /// The byte offset of `Reply.nonce` in the body (pages only).
  var nonceAt: Int?

  /// What pages are rendered with in place of the nonce: random per process, so no text from
  /// the database can be taken for it (it is replaced once, in the page's head, before any).
  static let nonce = "n" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()

  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Reply {
    body(text, mediaType: "text/html; charset=utf-8", status: status)
  }

  /// Text in one of the output formats; `filename` names a download (CSV, Markdown).
  static func format(_ text: String, _ format: some OutputFormat, filename: String? = nil)
    -> Reply
  {
    var reply = body(text, mediaType: format.mediaType)
    if let filename {
      reply.headers[.contentDisposition] =
        "attachment; filename=\"\(filename).\(format.fileExtension)\""
    }
    return reply
  }

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Reply {
    body(text, mediaType: "application/json", status: status)
  }

  static func body(_ text: String, mediaType: String, status: HTTPResponse.Status = .ok) -> Reply {
    var buffer = ByteBuffer()
    buffer.writeString(text)
    var headers = HTTPFields()
    headers[.contentType] = mediaType
    var nonceAt: Int?
    if mediaType.hasPrefix("text/html"), let range = text.utf8.firstRange(of: nonce.utf8) {
      nonceAt = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
    }
    return Reply(status: status, headers: headers, body: buffer, nonceAt: nonceAt)
  }

  /// The same reply with one more header.
  func with(_ name: HTTPField.Name, _ value: String) -> Reply {
    var copy = self
    copy.headers[name] = value
    return copy
  }

  /// The response, with `nonce` in the page's place for it.
  func response(nonce: String) -> Response {
    var headers = self.headers
    guard let at = nonceAt else {
      headers[.contentLength] = String(body.readableBytes)
      return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
    let placeholder = Reply.nonce.utf8.count
    var nonceBuffer = ByteBuffer()
    nonceBuffer.writeString(nonce)
    let parts = [
      body.getSlice(at: body.readerIndex, length: at)!, nonceBuffer,
      body.getSlice(
        at: body.readerIndex + at + placeholder,
        length: body.readableBytes - at - placeholder)!,
    ]
    headers[.contentLength] = String(parts.reduce(0) { $0 + $1.readableBytes })
    return Response(status: status, headers: headers, body: .init(contentsOf: parts))
  }

  /// The API's error document: `{"error": {"status", "title", "parameter", "message"}}`.
  static func apiError(_ e: PageError) -> Reply {
    struct Body: Encodable {
      struct Detail: Encodable {
        var status: Int
        var title: String
        var parameter: String?
        var message: String
        func encode(to encoder: any Encoder) throws {
          var c = encoder.container(keyedBy: CodingKeys.self)
          try c.encode(status, forKey: .status)
          try c.encode(title, forKey: .title)
          try c.encode(parameter, forKey: .parameter)
          try c.encode(message, forKey: .message)
        }
        enum CodingKeys: String, CodingKey { case status, title, parameter, message }
      }
      var error: Detail
    }
    let doc = Body(
      error: .init(
        status: e.status.code, title: e.title, parameter: e.parameter, message: e.message))
    let text = (try? JSONOutput.pretty(doc)) ?? "{}"
    return json(text + "\n", status: e.status)
  }
}
