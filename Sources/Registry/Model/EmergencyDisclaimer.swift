import Foundation

/// Detects the emergency disclaimer in a profile bio ("no urgent calls here, dial 101/112"):
/// an emergency number near a "not for emergencies" phrase, in French, Dutch, German or English.
public enum EmergencyDisclaimer {
  /// Emergency and police numbers of the countries in the registry (BE, FR, DE, NL, LU, GB, US...).
  public static let numbers: Set<String> = [
    "101", "112", "17", "999", "911", "100", "110", "15", "18",
  ]

  /// Phrases, written lowercase without accents (the text is folded the same way before matching).
  public static let phrases: [String] = [
    // fr
    "pas d'appels urgents", "pas d'appel urgent", "pas pour les urgences",
    "pas pour les appels urgents",
    "pas de demandes urgentes", "en cas d'urgence", "pour toute urgence", "pour les urgences",
    "urgence, appelez", "urgence, formez", "urgence : appelez", "urgences : appelez", "formez le",
    "composez le", "n'est pas surveille", "pas un service d'urgence",
    // nl
    "niet voor noodgevallen", "geen noodoproepen", "bij nood bel", "bij noodgevallen",
    "in noodgevallen",
    "in geval van nood", "bel bij nood", "voor dringende hulp", "dringende hulp", "niet 24/7",
    "geen aangifte", "bij dringende",
    // de
    "nicht fur notfalle", "nicht fuer notfaelle", "im notfall", "in notfallen", "keine notrufe",
    "keine notfallmeldungen", "nicht rund um die uhr", "keine anzeigen", "notruf",
    // en
    "not monitored 24/7", "not monitored 24 hours", "not monitored 24hrs", "do not report crime",
    "don't report crime", "not for emergencies", "in an emergency", "in emergencies",
    "for emergencies",
    "emergency, call", "emergency, dial", "emergencies, call", "emergencies, dial", "always call",
    "always dial", "not for reporting crime",
  ]

  /// How far (in characters of folded text) a number may be from a phrase.
  public static let window = 80

  /// Whether the bio (plain text or HTML) states the emergency disclaimer.
  public static func detect(_ bio: String) -> Bool {
    let text = fold(plainText(bio))
    let numberRanges = numberPositions(in: text)
    guard !numberRanges.isEmpty else { return false }
    let s = text
    for phrase in phrases {
      var search = s.startIndex..<s.endIndex
      while let r = s.range(of: phrase, range: search) {
        let start = s.distance(from: s.startIndex, to: r.lowerBound)
        let end = s.distance(from: s.startIndex, to: r.upperBound)
        for n in numberRanges where n.upperBound >= start - window && n.lowerBound <= end + window {
          return true
        }
        search = r.upperBound..<s.endIndex
      }
    }
    return false
  }

  /// HTML (Mastodon's `note`) to plain text: tags dropped, `<br>` and `</p>` as line breaks,
  /// the common entities decoded.
  public static func plainText(_ html: String) -> String {
    var out = ""
    var tag: String? = nil
    for ch in html {
      if var t = tag {
        if ch == ">" {
          let name = t.lowercased().trimmingCharacters(in: .whitespaces)
          if name.hasPrefix("br") || name.hasPrefix("/p") {
            out.append("\n")
          }
          tag = nil
        } else {
          t.append(ch)
          tag = t
        }
      } else if ch == "<" {
        tag = ""
      } else {
        out.append(ch)
      }
    }
    let entities = [
      "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'",
      "&nbsp;": " ",
    ]
    for (entity, value) in entities { out = out.replacingOccurrences(of: entity, with: value) }
    return out
  }

  /// Lowercase, accents removed, typographic apostrophes straightened, whitespace collapsed.
  static func fold(_ text: String) -> String {
    let lowered = text.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
      .replacingOccurrences(of: "\u{2019}", with: "'")
      .replacingOccurrences(of: "\u{2018}", with: "'")
      .replacingOccurrences(of: "ß", with: "ss")
    var out = ""
    var lastWasSpace = false
    for ch in lowered {
      if ch.isWhitespace {
        if !lastWasSpace { out.append(" ") }
        lastWasSpace = true
      } else {
        out.append(ch)
        lastWasSpace = false
      }
    }
    return out
  }

  /// Character offsets of standalone emergency numbers (not part of a longer digit run).
  static func numberPositions(in text: String) -> [Range<Int>] {
    let chars = Array(text)
    var result: [Range<Int>] = []
    var i = 0
    while i < chars.count {
      guard chars[i].isASCII, chars[i].isNumber else {
        i += 1
        continue
      }
      var j = i
      while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
      if numbers.contains(String(chars[i..<j])) { result.append(i..<j) }
      i = j
    }
    return result
  }
}
