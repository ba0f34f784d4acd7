import Diagnostics
import Testing

struct WidthCase: Sendable, CustomTestStringConvertible {
  let text: String
  let width: Int
  var testDescription: String { text.debugDescription }
}

@Test(arguments: [
  WidthCase(text: "num_classes", width: 11),
  WidthCase(text: "数据集", width: 6),  // CJK ideographs
  WidthCase(text: "ｆｕｌｌ", width: 8),  // fullwidth forms
  WidthCase(text: "한국", width: 4),  // Hangul syllables
  WidthCase(text: "🙂🚀", width: 4),  // emoji
  WidthCase(text: "e\u{301}", width: 1),  // combining acute accent
  WidthCase(text: "👍🏽", width: 2),  // skin tone modifier adds nothing
  WidthCase(text: "❤\u{FE0F}", width: 1),  // variation selector adds nothing
  WidthCase(text: "αβγ", width: 3),
  WidthCase(text: "\u{200B}", width: 0),
])
func measuresDisplayWidth(_ c: WidthCase) {
  #expect(DisplayWidth.of(c.text) == c.width)
}

struct LineCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let text: String
  /// Start column of each byte, then the line's width.
  let columns: [Int]
  var testDescription: String { name }
}

@Test(arguments: [
  LineCase(name: "ascii", bytes: Array("ab".utf8), text: "ab", columns: [0, 1, 2]),
  LineCase(name: "tab", bytes: Array("\ta".utf8), text: "    a", columns: [0, 4, 5]),
  LineCase(name: "wide", bytes: Array("数a".utf8), text: "数a", columns: [0, 0, 0, 2, 3]),
  LineCase(name: "emoji", bytes: Array("🙂".utf8), text: "🙂", columns: [0, 0, 0, 0, 2]),
  LineCase(name: "invalid byte", bytes: [0x61, 0xFF, 0x62], text: "a\u{FFFD}b", columns: [0, 1, 2, 3]),
  LineCase(name: "truncated sequence", bytes: [0xE6, 0x95], text: "\u{FFFD}\u{FFFD}", columns: [0, 1, 2]),
  LineCase(name: "overlong", bytes: [0xC0, 0xAF], text: "\u{FFFD}\u{FFFD}", columns: [0, 1, 2]),
  LineCase(name: "surrogate", bytes: [0xED, 0xA0, 0x80], text: "\u{FFFD}\u{FFFD}\u{FFFD}", columns: [0, 1, 2, 3]),
  LineCase(name: "escape", bytes: [0x1B, 0x5B], text: "\u{241B}[", columns: [0, 1, 2]),
  LineCase(name: "delete", bytes: [0x7F], text: "\u{2421}", columns: [0, 1]),
  LineCase(name: "bidi override", bytes: Array("\u{202E}x".utf8), text: "\u{FFFD}x", columns: [0, 0, 0, 1, 2]),
])
func mapsBytesToColumns(_ c: LineCase) {
  let line = DisplayLine(c.bytes[...])
  #expect(line.text == c.text)
  #expect((0...c.bytes.count).map(line.startColumn(ofByte:)) == c.columns)
}

@Test func endColumnsRoundUpInsideACharacter() {
  let line = DisplayLine(Array("a数".utf8)[...])
  #expect(line.endColumn(ofByte: 1) == 1)
  #expect(line.endColumn(ofByte: 2) == 3)  // inside `数`: past all of it
  #expect(line.endColumn(ofByte: 4) == 3)
  #expect(line.endColumn(ofByte: 5) == 4)  // past the end: one column per byte (the newline)
  #expect(line.startColumn(ofByte: 6) == 5)
}

@Test func randomBytesNeverCrashAndStayMonotonic() {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  for _ in 0..<200 {
    var bytes: [UInt8] = []
    for _ in 0..<40 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes.append(UInt8(truncatingIfNeeded: state >> 56))
    }
    let line = DisplayLine(bytes[...])
    let columns = (0...bytes.count).map(line.startColumn(ofByte:))
    #expect(columns == columns.sorted())
    #expect(line.width == DisplayWidth.of(line.text))
  }
}
