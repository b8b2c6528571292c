import Foundation

extension String {
  /// Splits a `;`-separated list, trimming blanks and dropping empty items.
  public var semicolonList: [String] {
    split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
