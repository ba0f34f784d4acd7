import Diagnostics
import Testing

@testable import Syntax

struct LexCase: Sendable, CustomTestStringConvertible {
  let source: String
  let kinds: [TokenKind]
  var flags: TokenFlags = []
  var testDescription: String { source.debugDescription }
}

@Test(arguments: [
  LexCase(source: "a: 1", kinds: [.identifier, .colon, .integer]),
  LexCase(source: "b { }", kinds: [.identifier, .leftBrace, .rightBrace]),
  LexCase(source: "b < >", kinds: [.identifier, .leftAngle, .rightAngle]),
  LexCase(source: "f: [1, 2];", kinds: [.identifier, .colon, .leftBracket, .integer, .comma, .integer, .rightBracket, .semicolon]),
  LexCase(source: "[a.b/c.D]", kinds: [.leftBracket, .identifier, .dot, .identifier, .slash, .identifier, .dot, .identifier, .rightBracket]),
  LexCase(source: "_x9", kinds: [.identifier]),
  LexCase(source: "-5", kinds: [.minus, .integer]),
  LexCase(source: "0", kinds: [.integer]),
  LexCase(source: "123", kinds: [.integer]),
  LexCase(source: "0x1F", kinds: [.integer], flags: .hex),
  LexCase(source: "0XaB", kinds: [.integer], flags: .hex),
  LexCase(source: "017", kinds: [.integer], flags: .octal),
  LexCase(source: "1.", kinds: [.float]),
  LexCase(source: ".5", kinds: [.float]),
  LexCase(source: "1e-8", kinds: [.float]),
  LexCase(source: "2.5E+3", kinds: [.float]),
  LexCase(source: "1.5f", kinds: [.float], flags: .floatSuffix),
  LexCase(source: "1F", kinds: [.float], flags: .floatSuffix),
  LexCase(source: "0.004", kinds: [.float]),
  LexCase(source: "inf", kinds: [.identifier]),
  LexCase(source: "-inf", kinds: [.minus, .identifier]),
  LexCase(source: "Infinity", kinds: [.identifier]),
  LexCase(source: "nan", kinds: [.identifier]),
  LexCase(source: "1_000", kinds: [.integer], flags: .digitSeparators),
  LexCase(source: "\"a\" 'b'", kinds: [.string, .string]),
  LexCase(source: "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"\\?\"", kinds: [.string], flags: .escapes),
  LexCase(source: "'\\101\\7\\x41\\xf'", kinds: [.string], flags: .escapes),
  LexCase(source: "\"\\u00e9\\U0001F600\"", kinds: [.string], flags: [.escapes, .unicode]),
  LexCase(source: "\"café\"", kinds: [.string], flags: .unicode),
  LexCase(source: "# comment\nx", kinds: [.comment, .identifier]),
  LexCase(source: "x # trailing", kinds: [.identifier, .comment]),
  LexCase(source: "@extends ( ) * = +", kinds: [.at, .identifier, .leftParen, .rightParen, .star, .equals, .plus]),
  LexCase(source: "\u{FEFF}a", kinds: [.identifier]),
  LexCase(source: "a\u{0B}\u{0C}\r\n\tb", kinds: [.identifier, .identifier]),
  // Malformed literals become one invalid token each (reported by the lexer).
  LexCase(source: "10bar", kinds: [.invalid]),
  LexCase(source: "0x", kinds: [.invalid]),
  LexCase(source: "1e", kinds: [.invalid]),
  LexCase(source: "09", kinds: [.invalid]),
  LexCase(source: "1.5.3", kinds: [.invalid]),
  LexCase(source: "\"open", kinds: [.invalid]),
  LexCase(source: "\"bad \\x\"", kinds: [.invalid]),
  LexCase(source: "\"kept \\q\"", kinds: [.string], flags: .escapes),
  LexCase(source: "$", kinds: [.invalid]),
  LexCase(source: "“quoted” x", kinds: [.invalid, .identifier]),
])
func lexesKinds(_ c: LexCase) {
  let tokens = Lexer.tokens(in: c.source)
  #expect(tokens.map(\.kind) == c.kinds + [.eof])
  if c.kinds.count == 1, c.kinds[0] != .invalid {
    #expect(tokens[0].flags == c.flags)
  }
}

struct LexErrorCase: Sendable, CustomTestStringConvertible {
  let source: String
  let code: DiagnosticCode
  let message: String
  var testDescription: String { source.debugDescription }
}

@Test(arguments: [
  LexErrorCase(source: "10bar", code: .badNumber, message: "number '10' is immediately followed by 'bar'"),
  LexErrorCase(source: "0x", code: .badNumber, message: "malformed number '0x': '0x' must be followed by hexadecimal digits"),
  LexErrorCase(source: "1e+", code: .badNumber, message: "malformed number '1e+': exponent has no digits"),
  LexErrorCase(source: "0189", code: .badNumber, message: "'0189' starts with 0, which makes it octal, but has the digit '8'"),
  LexErrorCase(source: "01_2", code: .badNumber, message: "'01_2' starts with 0, which makes it octal, but has a '_' separator"),
  LexErrorCase(source: "\"abc\ndef", code: .unterminatedString, message: "string is not closed before the end of the line"),
  LexErrorCase(source: "'C:\\data'", code: .pythonOnlySyntax, message: "'\\d' is not an escape: TensorFlow's Python parser keeps the backslash"),
  LexErrorCase(source: "\"\\?\"", code: .pythonOnlySyntax, message: "'\\?' means '\\?' to TensorFlow's Python parser but '?' to protobuf's C++ parser"),
  LexErrorCase(source: "\"\\400\"", code: .badEscape, message: "octal escape '\\400' is above '\\377'"),
  LexErrorCase(source: "\"\\x\"", code: .badEscape, message: "'\\x' must be followed by one or two hexadecimal digits"),
  LexErrorCase(source: "\"\\u12\"", code: .badEscape, message: "'\\u' must be followed by exactly 4 hexadecimal digits"),
  LexErrorCase(source: "\"\\U00110000\"", code: .badEscape, message: "'\\U00110000' is beyond the last Unicode code point U+10FFFF"),
  LexErrorCase(source: "a: “b”", code: .unexpectedCharacter, message: "typographic quote '“' cannot open a string"),
  LexErrorCase(source: "a: ‘b’", code: .unexpectedCharacter, message: "typographic quote '‘' cannot open a string"),
  LexErrorCase(source: "a: 9$", code: .unexpectedCharacter, message: "unexpected character '$'"),
  LexErrorCase(source: "a: é", code: .unexpectedCharacter, message: "unexpected character 'é' (U+00E9)"),
  LexErrorCase(source: "// hi\n", code: .cStyleComment, message: "'//' comments are not part of protobuf text format"),
  LexErrorCase(source: "/* hi */", code: .cStyleComment, message: "'/* */' comments are not part of protobuf text format"),
])
func reportsLexicalErrors(_ c: LexErrorCase) {
  let (_, diagnostics) = Lexer.tokens(in: Array(c.source.utf8))
  #expect(diagnostics.count == 1)
  #expect(diagnostics.first?.code == c.code)
  #expect(diagnostics.first?.message.contains(c.message) == true, "\(diagnostics.first?.message ?? "none")")
}

@Test func invalidUTF8IsReportedWithItsOffset() {
  let bytes: [UInt8] = Array("a: \"x".utf8) + [0xFF] + Array("\" # \u{E9}".utf8) + [0xC3]
  let (_, diagnostics) = Lexer.tokens(in: bytes)
  #expect(diagnostics.map(\.code) == [.invalidUTF8, .invalidUTF8])
  #expect(diagnostics.map(\.span.start) == [5, bytes.count - 1])
}

@Test func tokenRangesCoverTheirText() {
  let source = "model { ssd { num_classes: 90 } }  # end"
  let tokens = Lexer.tokens(in: source)
  let bytes = Array(source.utf8)
  let texts = tokens.dropLast().map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
  #expect(texts == ["model", "{", "ssd", "{", "num_classes", ":", "90", "}", "}", "# end"])
}

@Test func protoStyleCommentsAreComments() {
  let tokens = Lexer.tokens(in: "a // x\n/* y\n z */ b", style: .slashes)
  #expect(tokens.map(\.kind) == [.identifier, .comment, .comment, .identifier, .eof])
}

/// Random bytes (fixed seed) into the lexer: spans ordered, in bounds, `.eof` last.
@Test func randomBytesLexSafely() {
  var rng = SplitMix64(seed: 0x5EED)
  let alphabet = Array("ab_019.xXeE+-\"'\\#{}<>[]:;,/@$ \n\t".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80, 0x9C]
  for _ in 0..<2000 {
    let length = Int(rng.next() % 64)
    let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    let (tokens, _) = Lexer.tokens(in: bytes)
    #expect(tokens.last?.kind == .eof)
    var previousEnd = 0
    for token in tokens {
      #expect(token.start >= previousEnd && token.start <= token.end && token.end <= bytes.count)
      previousEnd = token.end
    }
  }
}
