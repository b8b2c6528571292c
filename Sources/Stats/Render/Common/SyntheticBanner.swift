/// The warning every rendering of generated data starts with, so a figure made by
/// `registry-cli generate` is never mistaken for a fact (docs/data.md, "Synthetic data").
public enum SyntheticBanner {
  /// One line of plain text.
  public static let text =
    "SYNTHETIC DATA: this registry holds data made by `registry-cli generate`; the figures "
    + "below are not facts and must not be cited."

  /// A Markdown block quote, then a blank line.
  static let markdown =
    "> **SYNTHETIC DATA**: this registry holds data made by `registry-cli generate`; the "
    + "figures below are not facts and must not be cited.\n\n"

  /// A block at the top of an HTML page's body; its look is `css`, in the page's style sheet
  /// (a `style` attribute would be refused by the web pages' Content-Security-Policy).
  public static let html =
    "<p class=\"synthetic\" role=\"alert\">SYNTHETIC DATA: this registry holds data made by "
    + "<code>registry-cli generate</code>; the figures below are not facts and must not be "
    + "cited.</p>\n"

  /// The banner's rule, for the style sheet of a page that shows it.
  public static let css =
    ".synthetic{background:#fdedec;border:3px solid #c0392b;color:#922b21;font-weight:700;"
    + "padding:.6em 1em;margin:.5em 0 1em}"

  /// The prefix of an HTML page's title.
  public static let titlePrefix = "SYNTHETIC: "
}
