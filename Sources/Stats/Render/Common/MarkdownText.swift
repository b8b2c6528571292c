/// Text from the database inside Markdown output. Nothing in it may become markup: a link or an
/// image (`[x](javascript:...)`), raw HTML, a code span, a table cell's end or a line break.
enum MarkdownText {
  /// The text with every character Markdown would read as markup escaped.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s {
      switch ch {
      case "\\": out += "\\\\"
      case "[": out += "\\["
      case "]": out += "\\]"
      case "|": out += "\\|"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "`": out += "'"
      case "\n", "\r", "\t", "\r\n": out += " "
      default: out.append(ch)
      }
    }
    return out
  }

  /// A URL as a link when a browser can follow it (http or https, `Citation.isWebURL`), else as
  /// escaped text: a `javascript:` or `data:` URL is never made a link.
  static func link(_ url: String) -> String {
    Citation.isWebURL(url) ? "<\(escape(url))>" : escape(url)
  }
}
