import Foundation
import Stats

/// The frame of the site's own pages: head, style (allowed by the response's nonce), the
/// navigation bar and the footer. The report and the scorecard are whole documents of their own.
enum Layout {
  static let e = ReportHTML.escape

  /// The navigation bar's rules: in the site's style, and in the report's and scorecard's.
  static let navigationStyle = """
    nav{display:flex;flex-wrap:wrap;gap:.2em 1.2em;padding:.7em 0;border-bottom:3px solid #1b4f72;\
    margin-bottom:1em;font-size:.95em;font-family:system-ui,-apple-system,"Segoe UI",Roboto,\
    sans-serif}nav a{color:#1b4f72;text-decoration:none;font-weight:600}
    nav a.here{text-decoration:underline}nav .site{color:#1c2833;margin-right:auto}
    """

  static let style =
    navigationStyle + """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1180px;\
      margin:0 auto;padding:0 1em 2em;color:#1c2833;line-height:1.45}
      h1{font-size:1.55em;margin:.4em 0}h2{font-size:1.2em;margin-top:1.6em;color:#1b4f72;\
      border-bottom:1px solid #d5d8dc}
      a{color:#1b4f72}
      table{border-collapse:collapse;margin:.8em 0;font-size:.88em}
      th,td{border:1px solid #d5d8dc;padding:.25em .5em;text-align:left;vertical-align:top}
      th{background:#eaf2f8}th a{text-decoration:none;color:#1c2833}td.n{text-align:right;\
      font-variant-numeric:tabular-nums}
      table.listing{width:100%}table.listing td{overflow-wrap:break-word;word-break:break-word}
      td.cell{white-space:nowrap}td.cell b{font-size:1.05em;color:#1b4f72}
      .missing{color:#a04000;font-style:italic}.muted{color:#566573;font-size:.9em}
      .key{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
      .key div{border:1px solid #d5d8dc;border-radius:6px;padding:.5em .9em;min-width:11em}
      .key b{display:block;font-size:1.45em;color:#1b4f72}.key small{color:#566573}
      form.filters{display:flex;flex-wrap:wrap;gap:.6em 1em;align-items:flex-end;background:#f4f6f7;\
      padding:.7em;border-radius:6px;margin:.6em 0}
      form.filters label{display:flex;flex-direction:column;font-size:.85em;color:#34495e}
      form.filters input,form.filters select{font:inherit;padding:.15em .3em}
      .formats a{margin-right:.8em}.pager{margin:.6em 0}.pager a,.pager span{margin-right:1em}
      figure{margin:1em 0;border:1px solid #d5d8dc;padding:.6em;border-radius:6px}
      figcaption{font-size:.85em;color:#566573;margin-top:.4em}
      svg{max-width:100%;height:auto;font-size:11px;fill:#1c2833}
      svg .grid{stroke:#d5d8dc;stroke-width:1}svg .whisker{stroke:#1c2833;stroke-width:1.5}
      svg text.missing{fill:#a04000}
      .cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2em}
      @media (max-width:800px){.cols{grid-template-columns:1fr}}
      details.defs{font-size:.85em;color:#34495e}details.defs p{margin:.4em 0}
      #sentence{font-size:.95em;color:#34495e}div.scroll{overflow-x:auto}
      td.status.present_confirmed{color:#1b4f72;font-weight:600}td.status.absent{color:#943126}
      td.status.unknown{color:#566573;font-style:italic}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}
      dl.facts dt{color:#566573}dl.facts dd{margin:0}
      footer{margin-top:2.5em;border-top:1px solid #d5d8dc;padding-top:.6em;font-size:.85em;\
      color:#566573}
      """

  /// The sections of the site, for the navigation bar.
  static let sections: [(path: String, label: String)] = [
    ("/", "Overview"), ("/accounts", "Accounts"), ("/entities", "Entities"),
    ("/report", "Report"), ("/rank", "Rank"), ("/api/v1/openapi.json", "API"),
  ]

  /// A page of the site; `synthetic`: the registry holds generated data, and the page says so
  /// first (`SyntheticBanner`), as the command line's outputs do.
  static func page(
    title: String, nonce: String, section: String?, body: String, extraStyle: String = "",
    synthetic: Bool = false
  ) -> String {
    var o = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    o += "<title>\(synthetic ? SyntheticBanner.titlePrefix : "")\(e(title)) · "
    o += "Police social-media registry</title><style nonce=\"\(e(nonce))\">\(style)\(extraStyle)"
    o += (synthetic ? SyntheticBanner.css : "") + "</style></head><body>\n" + navigation(section)
    if synthetic { o += SyntheticBanner.html }
    o += "<main>\n" + body + "\n</main>\n<footer>Every figure comes from the registry's "
    o += "database, read-only; each page's address reproduces it. The same data: "
    o += "<a href=\"/api/v1/openapi.json\">the JSON API</a> and <code>registry-cli</code>."
    o += "</footer>\n</body></html>\n"
    return o
  }

  /// The navigation bar, `section` underlined.
  static func navigation(_ section: String?) -> String {
    var o = "<nav><span class=\"site\">Police social-media registry</span>"
    for s in sections {
      o += "<a href=\"\(s.path)\"" + (s.path == section ? " class=\"here\"" : "") + ">"
      o += e(s.label) + "</a>"
    }
    return o + "</nav>\n"
  }

  /// A query string from parameters for an `href`: percent-encoded, in the order given, empty
  /// values dropped, the `&` between them written `&amp;` as HTML attributes want it.
  static func hrefQuery(_ items: [(String, String)]) -> String {
    let kept = items.filter { !$0.1.isEmpty }
    if kept.isEmpty { return "" }
    return "?" + kept.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&amp;")
  }

  static func encode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}
