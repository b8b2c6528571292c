import Testing
import Vocabulary

@testable import Stats

/// One citation builder: the same facts in the same order in every rendering, each escaped the
/// way its format needs. Expected lines written by hand.
struct CitationTests {
  static let full = Citation(
    key: "doc|1", title: "A <b>title</b>", publisher: "Pub & Co",
    url: "https://example.org/a?b=1&c=<2>",
    publishedOn: "2013-01-02", retrievedOn: "2024-05-06")

  @Test func lineGivesKeyTitlePublisherDatesThenURLAndLeavesOutWhatIsUnknown() {
    let plain = Self.full.line(head: { "\($0): \($1)" }, text: { $0 }, link: { $0 })
    #expect(
      plain
        == "doc|1: A <b>title</b>, Pub & Co, published 2013-01-02, retrieved 2024-05-06, "
        + "https://example.org/a?b=1&c=<2>")
    let bare = Citation(key: "k", title: "T", retrievedOn: "2024-05-06")
    #expect(
      bare.line(head: { "[\($0)] \($1)" }, text: { $0.uppercased() }, link: { "<\($0)>" })
        == "[k] T, RETRIEVED 2024-05-06")
  }

  @Test func labelIsTheTitleElseTheKeyAndOnlyWebURLsAreLinks() {
    #expect(Citation(key: "k", title: "T").label == "T")
    #expect(Citation(key: "k", title: "").label == "k")
    #expect(Citation(key: "k", title: "T", url: "https://a.example").webURL == "https://a.example")
    #expect(Citation(key: "k", title: "T", url: "http://a.example").webURL == "http://a.example")
    #expect(Citation(key: "k", title: "T", url: "javascript:alert(1)").webURL == nil)
    #expect(Citation(key: "k", title: "T").webURL == nil)
  }

  @Test func reportRenderingsEscapeEachPartForTheirFormat() {
    var input = AdoptionReportBuilderTests.input(regions: 1)
    input.sources = [Self.full]
    let report = AdoptionReportBuilder.build(input)
    let markdown = ReportMarkdown.render(report).split(separator: "\n").last.map(String.init)
    #expect(
      markdown
        == "- `doc\\|1` A &lt;b&gt;title&lt;/b&gt;, Pub & Co, published 2013-01-02, "
        + "retrieved 2024-05-06, <https://example.org/a?b=1&c=&lt;2&gt;>")
    let html = ReportHTML.render(report)
    #expect(
      html.contains(
        "<li><code>doc|1</code> A &lt;b&gt;title&lt;/b&gt;, Pub &amp; Co, published 2013-01-02, "
          + "retrieved 2024-05-06, https://example.org/a?b=1&amp;c=&lt;2&gt;</li>\n"))
  }
}
