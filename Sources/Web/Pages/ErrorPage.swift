/// The page of a request that could not be answered: its status, one sentence, and where to go.
enum ErrorPage {
  static func render(_ error: PageError, nonce: String) -> String {
    let e = Layout.e
    var body = "<h1>\(error.status.code) · \(e(error.title))</h1>\n"
    if let p = error.parameter {
      body += "<p>The parameter <code>\(e(p))</code> cannot be used: \(e(error.message))</p>\n"
    } else {
      body += "<p>\(e(error.message))</p>\n"
    }
    body += "<p><a href=\"/\">Back to the overview</a></p>"
    return Layout.page(
      title: "\(error.status.code) \(error.title)", nonce: nonce, section: nil, body: body)
  }
}
