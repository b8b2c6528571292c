import Foundation
import Vocabulary

/// How a platform's own analytics export maps onto the snapshot import columns, for platforms
/// without a public API (X, Facebook, Instagram, YouTube, TikTok). Pure data plus a pure
/// conversion: export rows in, import rows out.
public struct ExportPreset: Sendable {
  /// How the export writes its dates.
  public enum DateStyle: String, Sendable {
    /// `2024-05-01`, optionally followed by a time.
    case iso
    /// `05/01/2024` (US month first).
    case monthDayYear
    /// `Wed, May 1, 2024` or `May 1, 2024`.
    case monthName
  }

  public var name: String
  public var platform: Platform
  /// Which export it reads, and how a user obtains it.
  public var export: String
  /// Candidate header names per import column, matched case-insensitively; the first present wins.
  public var date: [String]
  public var dateStyle: DateStyle
  public var followers: [String]
  public var following: [String]
  public var posts: [String]
  /// Engagements are the sum of these columns (each a list of candidate names).
  public var engagementParts: [[String]]
  /// The window the engagement columns cover (a daily export row covers 1 day).
  public var engagementWindowDays: Int?

  /// The import columns a conversion writes, in order (the documented snapshot import format).
  public static let importColumns = [
    "platform", "handle", "observed_at", "followers", "following", "posts", "engagements",
    "engagement_window_days", "source_url",
  ]

  /// The presets, by name.
  public static let all: [ExportPreset] = [
    ExportPreset(
      name: "facebook-page-insights", platform: .facebookPage,
      export: "Meta Business Suite > Insights > Export data (Facebook Page, daily values, CSV)",
      date: ["Date"], dateStyle: .iso,
      followers: [
        "Facebook Page followers", "Page followers", "Lifetime Total Likes", "Page likes",
      ],
      following: [], posts: [],
      engagementParts: [["Post engagements", "Page post engagements", "Engagements"]],
      engagementWindowDays: 1),
    ExportPreset(
      name: "instagram-insights", platform: .instagram,
      export: "Meta Business Suite > Insights > Export data (Instagram account, daily values, CSV)",
      date: ["Date"], dateStyle: .iso,
      followers: ["Instagram followers", "Followers"], following: ["Following"],
      posts: ["Posts", "Media count"],
      engagementParts: [["Likes"], ["Comments"], ["Shares"]], engagementWindowDays: 1),
    ExportPreset(
      name: "x-analytics", platform: .x,
      export: "X (Twitter) analytics > Account overview > Export data (daily rows, CSV)",
      date: ["Date"], dateStyle: .monthName,
      followers: ["Followers", "Follower count"], following: [], posts: [],
      engagementParts: [["Engagements"]], engagementWindowDays: 1),
    ExportPreset(
      name: "youtube-studio", platform: .youtube,
      export: "YouTube Studio > Analytics > Advanced mode > Date > Export (Table data.csv)",
      date: ["Date"], dateStyle: .iso,
      followers: ["Subscribers total", "Total subscribers"], following: [],
      posts: ["Videos published", "Total videos"],
      engagementParts: [["Likes"], ["Comments added", "Comments"], ["Shares"]],
      engagementWindowDays: 1),
    ExportPreset(
      name: "tiktok-analytics", platform: .tiktok,
      export: "TikTok Studio > Analytics > Followers > Download data (FollowerHistory.csv, or "
        + "the Overview.csv for engagements)",
      date: ["Date"], dateStyle: .iso,
      followers: ["Followers"], following: [], posts: [],
      engagementParts: [["Likes"], ["Comments"], ["Shares"]], engagementWindowDays: 1),
  ]

  public static func named(_ name: String) -> ExportPreset? { all.first { $0.name == name } }

  /// The header each import column reads from in this export, `nil` when the export lacks it.
  public func mapping(header: [String]) -> [String: String] {
    var m: [String: String] = [:]
    func find(_ candidates: [String]) -> String? {
      for c in candidates {
        if let h = header.first(where: {
          $0.trimmingCharacters(in: .whitespaces).lowercased() == c.lowercased()
        }) {
          return h
        }
      }
      return nil
    }
    m["observed_at"] = find(date)
    m["followers"] = find(followers)
    m["following"] = find(following)
    m["posts"] = find(posts)
    let parts = engagementParts.compactMap(find)
    if !parts.isEmpty { m["engagements"] = parts.joined(separator: " + ") }
    return m
  }

  /// Converts export rows (`header` names the fields of each row) to import rows for `handle`.
  /// Rows with no date (totals, blank lines) are skipped; a bad number or date is refused with
  /// the row's line (`firstLine` is the line of `rows[0]`).
  public func convert(
    header: [String], rows: [[String]], handle: String, sourceURL: String?, file: String,
    firstLine: Int = 2
  ) -> Result<[[String]], RegistryError> {
    func index(_ candidates: [String]) -> Int? {
      for c in candidates {
        if let i = header.firstIndex(where: {
          $0.trimmingCharacters(in: .whitespaces).lowercased() == c.lowercased()
        }) {
          return i
        }
      }
      return nil
    }
    guard let dateIndex = index(date) else {
      return .failure(
        .input(
          file: file, line: 1, field: date[0],
          reason: "missing date column: is this a \(export) file? (preset \(name))"))
    }
    let followersIndex = index(followers)
    let followingIndex = index(following)
    let postsIndex = index(posts)
    let partIndexes = engagementParts.compactMap(index)
    guard
      followersIndex != nil || followingIndex != nil || postsIndex != nil || !partIndexes.isEmpty
    else {
      return .failure(
        .input(
          file: file, line: 1, field: "header",
          reason: "none of the count columns of preset \(name) is present (expected one of: "
            + (followers + following + posts + engagementParts.flatMap { $0 }).joined(
              separator: ", ")
            + ")"))
    }
    var out: [[String]] = []
    for (offset, row) in rows.enumerated() {
      let line = firstLine + offset
      func cell(_ i: Int?) -> String {
        guard let i, i < row.count else { return "" }
        return row[i].trimmingCharacters(in: .whitespaces)
      }
      let rawDate = cell(dateIndex)
      if rawDate.isEmpty || rawDate.lowercased().hasPrefix("total") { continue }
      guard let day = Self.parseDate(rawDate, style: dateStyle) else {
        return .failure(
          .input(
            file: file, line: line, field: header[dateIndex], reason: "'\(rawDate)' is not a date"))
      }
      var values: [String: Int64?] = [:]
      for (column, i) in [
        ("followers", followersIndex), ("following", followingIndex), ("posts", postsIndex),
      ] {
        switch Self.parseCount(cell(i)) {
        case .success(let v): values[column] = v
        case .failure:
          return .failure(
            .input(file: file, line: line, field: header[i!], reason: "'\(cell(i))' is not a count")
          )
        }
      }
      var engagements: Int64? = nil
      for i in partIndexes {
        switch Self.parseCount(cell(i)) {
        case .success(let v): if let v { engagements = (engagements ?? 0) + v }
        case .failure:
          return .failure(
            .input(file: file, line: line, field: header[i], reason: "'\(cell(i))' is not a count"))
        }
      }
      func text(_ v: Int64??) -> String { (v ?? nil).map(String.init) ?? "" }
      out.append([
        platform.rawValue, handle, day.description, text(values["followers"]),
        text(values["following"]), text(values["posts"]), engagements.map(String.init) ?? "",
        engagements == nil ? "" : engagementWindowDays.map(String.init) ?? "", sourceURL ?? "",
      ])
    }
    return .success(out)
  }

  /// `1,234`, `1 234`, `1234` -> 1234; empty -> nil; anything else (negative, text) fails.
  static func parseCount(_ text: String) -> Result<Int64?, FieldError> {
    let t = text.filter { $0 != "," && $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
    if t.isEmpty { return .success(nil) }
    guard let v = Int64(t), v >= 0 else { return .failure(FieldError("not a count")) }
    return .success(v)
  }

  static func parseDate(_ text: String, style: DateStyle) -> Day? {
    switch style {
    case .iso:
      return Day(String(text.prefix(10)))
    case .monthDayYear:
      let parts = text.prefix(while: { $0 != " " }).split(separator: "/").compactMap { Int($0) }
      guard parts.count == 3 else { return nil }
      return Day(year: parts[2], month: parts[0], day: parts[1])
    case .monthName:
      if let d = Day(String(text.prefix(10))), text.count >= 10 { return d }
      let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
      ]
      let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
        .map(String.init).filter { !$0.isEmpty }
      let isMonth = { (w: String) in w.count >= 3 && months.contains(String(w.prefix(3))) }
      guard let m = words.firstIndex(where: isMonth),
        m + 2 < words.count, let day = Int(words[m + 1]), let year = Int(words[m + 2]),
        let month = months.firstIndex(of: String(words[m].prefix(3)))
      else { return nil }
      return Day(year: year, month: month + 1, day: day)
    }
  }
}
