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

  /// A block at the top of an HTML page's body.
  static let html =
    "<p class=\"synthetic\" role=\"alert\" style=\"background:#fdedec;border:3px solid #c0392b;"
    + "color:#922b21;font-weight:700;padding:.6em 1em;margin:.5em 0 1em\">SYNTHETIC DATA: this "
    + "registry holds data made by <code>registry-cli generate</code>; the figures below are "
    + "not facts and must not be cited.</p>\n"

  /// The prefix of an HTML page's title.
  static let titlePrefix = "SYNTHETIC: "
}
