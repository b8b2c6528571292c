/// Instants as UTC epoch seconds, read and written as ISO 8601 text.
public enum Timestamp {
  /// Accepts `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `+HH:MM`,
  /// `+HHMM` or no zone (taken as UTC); a space may replace `T` (see `DateText.timestamp`).
  public static func parse(_ text: String) -> Result<Int64, FieldError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { DateText.timestamp($0, original: text) }
  }

  /// Byte-level variant used by the bulk importer; `original` is only used in messages.
  @inlinable
  public static func parse(bytes b: UnsafeBufferPointer<UInt8>, original: @autoclosure () -> String)
    -> Result<Int64, FieldError>
  {
    DateText.timestamp(b, original: original())
  }

  /// Formats epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`.
  public static func format(_ epoch: Int64) -> String {
    let day = Day(epochSeconds: epoch)
    // The second of the day without subtracting two epoch values (no overflow at the extremes).
    let r = Int(epoch % 86_400)
    let rem = r < 0 ? r + 86_400 : r
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
    return "\(day)T\(pad(rem / 3600)):\(pad((rem / 60) % 60)):\(pad(rem % 60))Z"
  }
}
