import Foundation
import Hummingbird
import Reporting

/// Responses: a page, a download or a JSON document, with its media type and length.
enum Reply {
  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    body(text, mediaType: "text/html; charset=utf-8", status: status)
  }

  /// Text in one of the output formats; `filename` names a download (CSV, Markdown).
  static func format(_ text: String, _ format: some OutputFormat, filename: String? = nil)
    -> Response
  {
    var response = body(text, mediaType: format.mediaType)
    if let filename {
      response.headers[.contentDisposition] =
        "attachment; filename=\"\(filename).\(format.fileExtension)\""
    }
    return response
  }

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    body(text, mediaType: "application/json", status: status)
  }

  static func body(_ text: String, mediaType: String, status: HTTPResponse.Status = .ok)
    -> Response
  {
    var buffer = ByteBuffer()
    buffer.writeString(text)
    var headers = HTTPFields()
    headers[.contentType] = mediaType
    headers[.contentLength] = String(buffer.readableBytes)
    return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
  }

  /// The API's error document: `{"error": {"status", "title", "parameter", "message"}}`.
  static func apiError(_ e: PageError) -> Response {
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
    let data = (try? JSONOutput.encoder(pretty: true).encode(doc)) ?? Data("{}".utf8)
    return json(String(decoding: data, as: UTF8.self) + "\n", status: e.status)
  }
}
