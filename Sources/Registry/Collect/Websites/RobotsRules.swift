import Foundation

/// The rules of a robots.txt that apply to one crawler (RFC 9309): the groups whose
/// `user-agent` names the crawler's product token (case-insensitive), else the `*` groups;
/// among their `allow` and `disallow` rules the longest matching path wins, `allow` on a tie;
/// `*` matches any run of characters and a final `$` anchors the end. `/robots.txt` itself is
/// always allowed.
public struct RobotsRules: Sendable, Equatable {
  public struct Rule: Sendable, Equatable {
    public var allow: Bool
    public var pattern: String
  }

  public var rules: [Rule]

  public init(rules: [Rule]) { self.rules = rules }

  /// Everything allowed (robots.txt missing: 4xx).
  public static let allowAll = RobotsRules(rules: [])
  /// Nothing allowed (robots.txt unreachable: 5xx or no answer; RFC 9309 section 2.3.1.4).
  public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")])

  /// The rules of `text` for the crawler whose product token is `agent`.
  public static func parse(_ text: String, agent: String) -> RobotsRules {
    let token = agent.lowercased()
    var groups: [(agents: [String], rules: [Rule])] = []
    var lastWasAgent = false
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let line = raw.prefix { $0 != "#" }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "user-agent":
        // Consecutive user-agent lines open one group together.
        if lastWasAgent, !groups.isEmpty {
          groups[groups.count - 1].agents.append(value.lowercased())
        } else {
          groups.append(([value.lowercased()], []))
        }
        lastWasAgent = true
      case "allow", "disallow":
        lastWasAgent = false
        guard !groups.isEmpty else { continue }
        // An empty disallow allows everything: it adds no rule.
        if value.isEmpty { continue }
        groups[groups.count - 1].rules.append(Rule(allow: key == "allow", pattern: value))
      default:
        // Other records (sitemap, crawl-delay) do not end a group of user-agent lines' rules.
        lastWasAgent = false
      }
    }
    let own = groups.filter { $0.agents.contains(token) }
    let chosen = own.isEmpty ? groups.filter { $0.agents.contains("*") } : own
    return RobotsRules(rules: chosen.flatMap(\.rules))
  }

  /// Whether the crawler may fetch `path` (path and query, e.g. `/5340/contact?x=1`).
  public func allows(_ path: String) -> Bool {
    let target = path.isEmpty ? "/" : path
    if target == "/robots.txt" { return true }
    var best: (length: Int, allow: Bool)? = nil
    for rule in rules where Self.matches(rule.pattern, target) {
      let length = rule.pattern.count
      if best == nil || length > best!.length || (length == best!.length && rule.allow) {
        best = (length, rule.allow)
      }
    }
    return best?.allow ?? true
  }

  /// Pattern matching with `*` (any run) and a final `$` (end of path); otherwise a prefix.
  static func matches(_ pattern: String, _ path: String) -> Bool {
    var p = Array(normalise(pattern))
    let anchored = p.last == "$"
    if anchored { p.removeLast() }
    let s = Array(normalise(path))
    // Positions of `s` the pattern prefix matched so far can end at.
    var positions: Set<Int> = [0]
    for c in p {
      var next = Set<Int>()
      if c == "*" {
        let start = positions.min() ?? 0
        for k in start...s.count { next.insert(k) }
      } else {
        for k in positions where k < s.count && s[k] == c { next.insert(k + 1) }
      }
      positions = next
      if positions.isEmpty { return false }
    }
    return anchored ? positions.contains(s.count) : true
  }

  /// Percent-encodings of unreserved characters decoded and hex digits uppercased, so that
  /// `/%7Euser` and `/~user` compare equal (RFC 9309 section 2.2.2).
  static func normalise(_ text: String) -> String {
    var out = ""
    var chars = Substring(text)
    while let c = chars.first {
      if c == "%", chars.count >= 3 {
        let hex = chars.dropFirst().prefix(2)
        if let v = UInt8(hex, radix: 16) {
          let scalar = Unicode.Scalar(v)
          if scalar.isASCII
            && (CharacterSet.alphanumerics.contains(scalar)
              || "-._~".unicodeScalars.contains(scalar))
          {
            out.unicodeScalars.append(scalar)
          } else {
            out += "%" + hex.uppercased()
          }
          chars = chars.dropFirst(3)
          continue
        }
      }
      out.append(c)
      chars = chars.dropFirst()
    }
    return out
  }
}
