import Testing

@testable import Vocabulary

/// The one JSON writer, with the expected bytes written out by hand.
@Suite struct JSONWriterTests {
  @Test func prettyObjectsAndArraysIndentTwoSpacesPerLevel() {
    var w = JSONWriter(style: .pretty)
    w.beginObject()
    w.key("b")
    w.int(2)
    w.key("a")
    w.beginArray()
    w.string("x")
    w.null()
    w.endArray()
    w.key("empty")
    w.beginObject()
    w.endObject()
    w.key("none")
    w.beginArray()
    w.endArray()
    w.endObject()
    // Keys stay in the order written ("b" before "a"); empty containers close on their line.
    #expect(
      w.text == "{\n  \"b\": 2,\n  \"a\": [\n    \"x\",\n    null\n  ],\n  \"empty\": {},\n"
        + "  \"none\": []\n}")
  }

  @Test func keysQuotedOnceWriteTheSameBytes() {
    // A key quoted beforehand is written exactly as the same key quoted on the spot, escapes
    // included, in both styles.
    let names = ["entity_code", "a \"quoted\" key", "line\nbreak", "tab\there", "\u{2028}"]
    for style in [JSONWriter.Style.pretty, .compact] {
      var byName = JSONWriter(style: style)
      var byKey = JSONWriter(style: style)
      byName.beginObject()
      byKey.beginObject()
      for (n, name) in names.enumerated() {
        byName.key(name)
        byName.int(n)
        byKey.key(JSONWriter.Key(name))
        byKey.int(n)
      }
      byName.endObject()
      byKey.endObject()
      #expect(byKey.bytes == byName.bytes)
    }
    var w = JSONWriter(style: .compact)
    w.beginObject()
    w.key(JSONWriter.Key("a \"b\""))
    w.null()
    w.endObject()
    #expect(w.text == "{\"a \\\"b\\\"\":null}")
  }

  @Test func deepNestingIndentsTwoSpacesPerLevelPastTheCopiedPrefix() {
    // 40 nested arrays: the innermost value sits 80 spaces in, past the 63 copied at once.
    var w = JSONWriter(style: .pretty)
    for _ in 0..<40 { w.beginArray() }
    w.int(7)
    for _ in 0..<40 { w.endArray() }
    var expected = ""
    for depth in 0..<40 {
      expected += (depth == 0 ? "" : "\n" + String(repeating: " ", count: 2 * depth)) + "["
    }
    expected += "\n" + String(repeating: " ", count: 80) + "7"
    for depth in (0..<40).reversed() {
      expected += "\n" + String(repeating: " ", count: 2 * depth) + "]"
    }
    #expect(w.text == expected)
  }

  @Test func compactHasNoSpacesAndTopLevelValuesFollowEachOther() {
    var w = JSONWriter(style: .compact)
    for i in 1...2 {
      w.beginObject()
      w.key("n")
      w.int(i)
      w.key("ok")
      w.bool(i == 1)
      w.endObject()
      w.newline()
    }
    #expect(w.text == "{\"n\":1,\"ok\":true}\n{\"n\":2,\"ok\":false}\n")
  }

  @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
    var w = JSONWriter(style: .compact)
    w.beginArray()
    w.string("say \"hi\"")
    w.string("a\\b")
    w.string("two\nlines\r\tend")
    w.string("\u{01}\u{1F}")
    w.string("Zürich – ñ / é")
    // U+2028 and U+2029 end lines in JavaScript: escaped; U+2027 and U+202A are not.
    w.string("\u{2027}\u{2028}\u{2029}\u{202A}")
    w.endArray()
    #expect(
      w.text
        == "[\"say \\\"hi\\\"\",\"a\\\\b\",\"two\\nlines\\r\\tend\",\"\\u0001\\u001f\","
        + "\"Zürich – ñ / é\",\"\u{2027}\\u2028\\u2029\u{202A}\"]")
  }

  @Test func numbersAreIntegralWithoutFractionAndShortestOtherwise() {
    var w = JSONWriter(style: .compact)
    w.beginArray()
    w.number(3.0)  // integral: 3
    w.number(-0.5)
    w.number(0.1)  // shortest form reading back to the same Double
    w.number(1e16)  // not below 10^15: Swift's form, 1e+16
    w.number(.nan)
    w.number(-.infinity)
    w.int(Int64.min)
    w.endArray()
    #expect(w.text == "[3,-0.5,0.1,1e+16,null,null,-9223372036854775808]")
  }

  struct Row: Encodable {
    var name: String
    var count: Int
    var note: String?
    var share: Double?
    var tags: [String]
    var extra: [String: Int]
    enum CodingKeys: String, CodingKey {
      case name, count, note, share, tags, extra
    }
  }

  @Test func encodableValuesKeepTheirDeclarationOrderAndSortDictionaries() throws {
    var w = JSONWriter(style: .compact)
    try w.encode(
      Row(
        name: "a", count: 2, note: nil, share: 0.25, tags: ["x"], extra: ["z": 1, "b": 2, "é": 3]))
    // The nil optional is skipped (as by JSONEncoder); the dictionary's keys in byte order.
    #expect(
      w.text == "{\"name\":\"a\",\"count\":2,\"share\":0.25,\"tags\":[\"x\"],"
        + "\"extra\":{\"b\":2,\"z\":1,\"é\":3}}")
  }

  @Test func listedKeysComeFirstAndMissingOnesAreNull() throws {
    var w = JSONWriter(style: .compact)
    try w.encode(
      Row(name: "a", count: 2, note: nil, share: nil, tags: [], extra: [:]),
      keys: ["count", "note", "name", "absent"])
    // count, note (null), name, absent (null), then the others in declaration order.
    #expect(
      w.text
        == "{\"count\":2,\"note\":null,\"name\":\"a\",\"absent\":null,\"tags\":[],\"extra\":{}}")
  }
}
