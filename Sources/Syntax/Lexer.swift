import Diagnostics

/// Which comment syntax the input uses: `#` in text format, `//` and `/* */` in `.proto` files.
package enum CommentStyle: Sendable {
  case hash
  case slashes
}

/// Splits UTF-8 bytes into tokens of protobuf text format (and of the `.proto`
/// language, with `CommentStyle.slashes`).
///
/// Works on a borrowed buffer, so it lives inside `withUnsafeBufferPointer`;
/// `Lexer.tokens(in:)` is the owning convenience for tests. Malformed input
/// becomes an `.invalid` token (or a diagnostic on a valid one) and lexing goes
/// on, so every problem of a file is found in one pass. Comments are returned
/// as `.comment` tokens; whitespace is skipped.
///
/// Reference: protobuf's text-format language specification (lexical elements).
package struct Lexer {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let file: FileID
  private let style: CommentStyle
  package private(set) var position: Int = 0
  /// Whether the whitespace skipped before the last token held a newline.
  package private(set) var newlineBefore = false
  package var diagnostics: [Diagnostic] = []
  /// Within the string being lexed: the first unknown-escape warning, and the
  /// control escapes (`\t`, `\n`, …) seen, which a Windows path turns into
  /// control characters without a word from TensorFlow.
  private var unknownEscapeWarning: Int?
  private var controlEscapes: [Int] = []
  /// How many of `diagnostics` are warnings, so the parser's error cap counts errors only.
  package private(set) var warningCount = 0

  package init(_ bytes: UnsafeBufferPointer<UInt8>, file: FileID, style: CommentStyle = .hash) {
    self.bytes = bytes
    self.file = file
    self.style = style
    // A UTF-8 byte-order mark is not part of the text. TensorFlow decodes a config
    // with Python's 'utf-8' codec, which keeps it as U+FEFF, and its tokenizer then
    // rejects that character, so in a config it is an error (skipped all the same).
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      position = 3
      if style == .hash {
        diagnostics.append(.error(
          .unexpectedCharacter, at: span(0, 3), "byte-order mark (U+FEFF) at the start of the file",
          help: "TensorFlow's parser rejects it; save the file as UTF-8 without a byte-order mark",
          fixes: [Fix("remove the byte-order mark", edits: [Edit(span(0, 3), "")])]))
      }
    }
  }

  /// All tokens of `source`, ending with `.eof`, and the lexer's diagnostics.
  package static func tokens(
    in source: [UInt8], style: CommentStyle = .hash
  ) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    source.withUnsafeBufferPointer { buffer in
      var lexer = Lexer(buffer, file: FileID(0), style: style)
      var tokens: [Token] = []
      while true {
        let token = lexer.next()
        tokens.append(token)
        if token.kind == .eof { break }
      }
      return (tokens, lexer.diagnostics)
    }
  }

  package static func tokens(in source: String, style: CommentStyle = .hash) -> [Token] {
    tokens(in: Array(source.utf8), style: style).tokens
  }

  @inline(__always)
  private func peek(_ offset: Int = 0) -> UInt8? {
    let i = position + offset
    return i < bytes.count ? bytes[i] : nil
  }

  /// The next token, skipping whitespace.
  // Inlined into the parser's `advance`: a call per token, with its register saves,
  // was a tenth of the lexer's instructions. The rare kinds stay out of line.
  @inline(__always)
  package mutating func next() -> Token {
    skipWhitespace()
    let start = position
    guard let byte = peek() else { return Token(.eof, start, start) }
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
      // A local index: `position` is a stored property, written once at the end.
      var i = start + 1
      while i < bytes.count, isIdentifierContinue(bytes[i]) { i += 1 }
      position = i
      return Token(.identifier, start, i)
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      return lexNumber()
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return lexString(quote: byte)
    case UInt8(ascii: "#") where style == .hash:
      return lexLineComment(prefix: 1)
    case UInt8(ascii: "/"):
      if peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*") {
        return lexSlashComment()
      }
      position += 1
      return Token(.slash, start, position)
    case UInt8(ascii: "."):
      if let next = peek(1), isDigit(next) { return lexNumber() }
      position += 1
      return Token(.dot, start, position)
    default:
      if let kind = punctuation(byte) {
        position += 1
        return Token(kind, start, position)
      }
      return lexUnexpected()
    }
  }

  @inline(__always)
  private func punctuation(_ byte: UInt8) -> TokenKind? {
    switch byte {
    case UInt8(ascii: ":"): .colon
    case UInt8(ascii: "{"): .leftBrace
    case UInt8(ascii: "}"): .rightBrace
    case UInt8(ascii: "<"): .leftAngle
    case UInt8(ascii: ">"): .rightAngle
    case UInt8(ascii: "["): .leftBracket
    case UInt8(ascii: "]"): .rightBracket
    case UInt8(ascii: "("): .leftParen
    case UInt8(ascii: ")"): .rightParen
    case UInt8(ascii: ","): .comma
    case UInt8(ascii: ";"): .semicolon
    case UInt8(ascii: "-"): .minus
    case UInt8(ascii: "+"): .plus
    case UInt8(ascii: "*"): .star
    case UInt8(ascii: "="): .equals
    case UInt8(ascii: "@"): .at
    default: nil
    }
  }

  // MARK: Whitespace and comments

  @inline(__always)
  private mutating func skipWhitespace() {
    // Spaces and newlines first, and any other printable ASCII byte ends the run
    // at once: indentation is most of a config's whitespace.
    var newline = false
    var i = position
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x20 {
        i += 1
      } else if b == 0x0A {
        newline = true
        i += 1
      } else if b > 0x20 && b < 0x80 {
        break
      } else if b >= 0x09 && b <= 0x0D {  // \t, \v, \f, \r
        i += 1
      } else if (b >= 0x1C && b <= 0x1F) || b >= 0x80, pythonWhitespaceLength(at: i) != nil {
        position = i
        skipPythonWhitespace()
        i = position
      } else {
        break
      }
    }
    position = i
    newlineBefore = newline
  }

  /// Length of a character at `i` that only Python's tokenizer takes for whitespace
  /// (its `\s` is Unicode-aware: U+00A0, U+2000...U+200A, U+3000, 0x1C...0x1F, ...), or nil.
  private func pythonWhitespaceLength(at i: Int) -> Int? {
    let b = bytes[i]
    if b >= 0x1C && b <= 0x1F { return 1 }
    guard b >= 0x80, let length = utf8SequenceLength(at: i) else { return nil }
    switch decodeScalar(at: i, length: length).value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return length
    default: return nil
    }
  }

  /// A run of Unicode spaces (often a pasted non-breaking space): one warning for the run.
  private mutating func skipPythonWhitespace() {
    let start = position
    var count = 0
    while position < bytes.count, let length = pythonWhitespaceLength(at: position) {
      position += length
      count += 1
    }
    let firstLength = pythonWhitespaceLength(at: start) ?? 1
    let first = bytes[start] < 0x80 ? UInt32(bytes[start]) : decodeScalar(at: start, length: firstLength).value
    warningCount += 1
    diagnostics.append(.warning(
      .pythonOnlySyntax, at: span(start, position),
      "U+\(hex4(first)) is whitespace to TensorFlow's Python parser, but protobuf's C++ parser rejects it",
      help: "use a plain space",
      fixes: [Fix("replace with spaces", edits: [Edit(span(start, position), String(repeating: " ", count: count))])]))
  }

  /// A comment running to the end of the line; the newline is not part of it.
  private mutating func lexLineComment(prefix: Int) -> Token {
    let start = position
    position += prefix
    var sawNonASCII = false
    while let b = peek(), b != UInt8(ascii: "\n") {
      if b >= 0x80 { sawNonASCII = true }
      position += 1
    }
    // Every carriage return before the newline goes: with only one stripped,
    // `#\r\r` printed as `#\r` + newline would re-read as `#` (found by pipec-fuzz).
    var end = position
    while end > start + prefix, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    if sawNonASCII { validateUTF8(start, end) }
    return Token(.comment, start, end)
  }

  private mutating func lexSlashComment() -> Token {
    let start = position
    let isBlock = peek(1) == UInt8(ascii: "*")
    let token: Token
    if isBlock {
      position += 2
      var closed = false
      while let b = peek() {
        if b == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
          position += 2
          closed = true
          break
        }
        position += 1
      }
      token = Token(.comment, start, position)
      if !closed, style == .slashes {
        diagnostics.append(.error(
          .unterminatedComment, at: span(start, start + 2), "block comment is never closed",
          help: "add '*/' where the comment ends"))
      }
    } else {
      token = lexLineComment(prefix: 2)
    }
    if style == .hash {
      let fixes = isBlock ? [] : [Fix("use '#'", edits: [Edit(span(start, start + 2), "#")])]
      diagnostics.append(.error(
        .cStyleComment, at: span(start, start + 2),
        isBlock ? "'/* */' comments are not part of protobuf text format"
          : "'//' comments are not part of protobuf text format",
        help: "comments in pipeline.config start with '#' and run to the end of the line",
        fixes: fixes))
    }
    return token
  }

  // MARK: Numbers

  /// DEC_INT, OCT_INT, HEX_INT or FLOAT, starting at a digit or at `.digit`.
  private mutating func lexNumber() -> Token {
    let start = position
    var flags: TokenFlags = []
    var isFloat = false

    if peek() == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
      position += 2
      let digitsStart = position
      while let b = peek(), isHexDigit(b) { position += 1 }
      if position == digitsStart {
        return badNumber(start, "'0x' must be followed by hexadecimal digits")
      }
      flags.insert(.hex)
      return finishNumber(Token(.integer, start, position, flags: flags))
    }

    scanDigits(&flags)
    if peek() == UInt8(ascii: ".") {
      isFloat = true
      position += 1
      scanDigits(&flags)
    }
    if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
      // Only an exponent if digits follow; `1e` alone is malformed.
      var look = 1
      if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { look = 2 }
      if let d = peek(look), isDigit(d) {
        isFloat = true
        position += look
        scanDigits(&flags)
      } else {
        position += look
        return badNumber(start, "exponent has no digits")
      }
    }
    if let f = peek(), f | 0x20 == UInt8(ascii: "f") {
      // `1f` and `1.5f` are floats; `1foo` is not (checked by finishNumber).
      if peek(1).map(isIdentifierContinue) != true {
        position += 1
        isFloat = true
        flags.insert(.floatSuffix)
      }
    }
    if isFloat, bytes[start] == UInt8(ascii: "0"), position - start > 1, isDigit(bytes[start + 1]) {
      // Protobuf's C++ parser and TensorFlow's Python parser (`-?0[0-9]+` is an
      // "invalid octal float") both reject `01.5`, `00e3`, `07f`.
      return badNumber(
        start, "a number that starts with 0 is octal and cannot have a fraction, exponent or 'f' suffix")
    }
    if !isFloat, bytes[start] == UInt8(ascii: "0"), position - start > 1 {
      flags.insert(.octal)
      for i in (start + 1)..<position where bytes[i] >= UInt8(ascii: "8") {
        // `scanDigits` lets `_` through between digits; no parser accepts it in an octal number.
        let found = bytes[i] == UInt8(ascii: "_")
          ? "a '_' separator" : "the digit '\(Character(UnicodeScalar(bytes[i])))'"
        return badNumber(start, "'\(text(start, position))' starts with 0, which makes it octal, but has \(found)")
      }
    }
    return finishNumber(Token(isFloat ? .float : .integer, start, position, flags: flags))
  }

  /// Decimal digits, allowing `_` between digits (which only Python accepts).
  private mutating func scanDigits(_ flags: inout TokenFlags) {
    while let b = peek() {
      if isDigit(b) {
        position += 1
      } else if b == UInt8(ascii: "_"), position > 0, isDigit(bytes[position - 1]),
        let n = peek(1), isDigit(n)
      {
        flags.insert(.digitSeparators)
        position += 1
      } else {
        return
      }
    }
  }

  /// Rejects a number glued to a following identifier (`10bar`), as the spec requires.
  private mutating func finishNumber(_ token: Token) -> Token {
    guard let b = peek(), isIdentifierContinue(b) || b == UInt8(ascii: ".") else { return token }
    let glueStart = position
    while let c = peek(), isIdentifierContinue(c) || c == UInt8(ascii: ".") { position += 1 }
    let number = text(token.start, glueStart)
    let rest = text(glueStart, position)
    diagnostics.append(.error(
      .badNumber, at: span(token.start, position),
      "number '\(number)' is immediately followed by '\(rest)'",
      help: "separate a number from the next token with a space"))
    return Token(.invalid, token.start, position)
  }

  private mutating func badNumber(_ start: Int, _ message: String) -> Token {
    while let c = peek(), isIdentifierContinue(c) || c == UInt8(ascii: ".") { position += 1 }
    diagnostics.append(.error(
      .badNumber, at: span(start, position), "malformed number '\(text(start, position))': \(message)"))
    return Token(.invalid, start, position)
  }

  // MARK: Strings

  /// A single- or double-quoted string on one line, with its escapes checked.
  private mutating func lexString(quote: UInt8) -> Token {
    let start = position
    // Most strings are plain ASCII on one line, without escapes: those close here,
    // on a local index. Anything else is read again below, byte by byte.
    var i = start + 1
    while i < bytes.count {
      let b = bytes[i]
      if b == quote {
        position = i + 1
        return Token(.string, start, position)
      }
      if b == UInt8(ascii: "\\") || b == UInt8(ascii: "\n") || b >= 0x80 { break }
      i += 1
    }
    position += 1
    var flags: TokenFlags = []
    var valid = true
    unknownEscapeWarning = nil
    controlEscapes.removeAll(keepingCapacity: true)
    while let b = peek() {
      if b == quote {
        position += 1
        noteControlEscapesOfAPath()
        return Token(valid ? .string : .invalid, start, position, flags: flags)
      }
      if b == UInt8(ascii: "\n") { break }
      if b == UInt8(ascii: "\\") {
        flags.insert(.escapes)
        if !lexEscape(&flags) { valid = false }
        continue
      }
      if b >= 0x80 {
        flags.insert(.unicode)
        if let length = utf8SequenceLength(at: position) {
          position += length
        } else {
          reportInvalidUTF8(at: position)
          position += 1
          valid = false
        }
        continue
      }
      position += 1
    }
    var end = position
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    let q = quote == UInt8(ascii: "\"") ? "\"" : "'"
    diagnostics.append(.error(
      .unterminatedString, at: span(start, end),
      "string is not closed before the end of the line",
      help: "add the closing \(q); a string cannot span lines, but adjacent strings are joined: \"a\" \"b\"",
      fixes: [Fix("close the string", edits: [Edit(span(end, end), q)], isSafe: false)]))
    return Token(.invalid, start, end)
  }

  /// Consumes one escape at a backslash; reports and returns false when malformed.
  private mutating func lexEscape(_ flags: inout TokenFlags) -> Bool {
    let start = position
    position += 1
    guard let c = peek(), c != UInt8(ascii: "\n") else {
      diagnostics.append(.error(.badEscape, at: span(start, position), "backslash at the end of a line"))
      return false
    }
    switch c {
    case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
      UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "v"):
      controlEscapes.append(start)
      position += 1
      return true
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
      position += 1
      return true
    case UInt8(ascii: "?"):
      position += 1
      warningCount += 1
      diagnostics.append(.warning(
        .pythonOnlySyntax, at: span(start, position),
        "'\\?' means '\\?' to TensorFlow's Python parser but '?' to protobuf's C++ parser",
        help: "write '?' (a question mark needs no escape)",
        fixes: [Fix("write '?'", edits: [Edit(span(start, position), "?")], isSafe: false)]))
      return true
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var n = 0
      var value = 0
      while n < 3, let d = peek(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") {
        value = value * 8 + Int(d - UInt8(ascii: "0"))
        position += 1
        n += 1
      }
      if value > 0o377 {
        diagnostics.append(.error(
          .badEscape, at: span(start, position),
          "octal escape '\(text(start, position))' is above '\\377', the largest byte",
          help: "write a character above U+00FF as '\\u' followed by 4 hexadecimal digits"))
        return false
      }
      return true
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
      position += 1
      var n = 0
      while n < 2, let d = peek(), isHexDigit(d) {
        position += 1
        n += 1
      }
      if n == 0 {
        diagnostics.append(.error(
          .badEscape, at: span(start, position), "'\\x' must be followed by one or two hexadecimal digits"))
        return false
      }
      return true
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      flags.insert(.unicode)
      let count = c == UInt8(ascii: "u") ? 4 : 8
      position += 1
      var value: UInt32 = 0
      for _ in 0..<count {
        guard let d = peek(), let v = hexValue(d) else {
          diagnostics.append(.error(
            .badEscape, at: span(start, position),
            "'\\\(Character(UnicodeScalar(c)))' must be followed by exactly \(count) hexadecimal digits"))
          return false
        }
        value = value &* 16 &+ UInt32(v)
        position += 1
      }
      if value > 0x10FFFF {
        diagnostics.append(.error(
          .badEscape, at: span(start, position),
          "'\(text(start, position))' is beyond the last Unicode code point U+10FFFF"))
        return false
      }
      return true
    default:
      guard c >= 0x20, c < 0x7F else {
        // A backslash before a control or non-ASCII character: no parser reads that as intended.
        let length = c < 0x80 ? 1 : (utf8SequenceLength(at: position) ?? 1)
        position += length
        diagnostics.append(.error(.badEscape, at: span(start, position), "backslash before a non-printable or non-ASCII character"))
        return false
      }
      // TensorFlow's Python parser keeps an unknown escape as written (backslash
      // and character); protobuf's C++ parser rejects the file.
      position += 1
      let shown = text(start, position)
      if unknownEscapeWarning == nil { unknownEscapeWarning = diagnostics.count }
      warningCount += 1
      diagnostics.append(.warning(
        .pythonOnlySyntax, at: span(start, position),
        "'\(shown)' is not an escape: TensorFlow's Python parser keeps the backslash, protobuf's C++ parser rejects the string",
        help: "write '\\\\' for a backslash; in paths, '/' works on every system",
        fixes: [Fix("double the backslash", edits: [Edit(span(start, start + 1), "\\\\")])]))
      return true
    }
  }

  /// A string with an unknown escape is most likely a Windows path; its `\t`
  /// or `\n` then silently become control characters in TensorFlow.
  private mutating func noteControlEscapesOfAPath() {
    guard let index = unknownEscapeWarning, let first = controlEscapes.first else { return }
    let shown = text(first, first + 2)
    diagnostics[index].notes.append(Note(
      "TensorFlow reads '\(shown)' in the same string as a control character, so this path will not be what you wrote",
      at: span(first, first + 2)))
  }

  // MARK: Unexpected input

  /// Anything else: a stray ASCII character, typographic quotes, or invalid UTF-8.
  private mutating func lexUnexpected() -> Token {
    let start = position
    let byte = bytes[start]
    if byte < 0x80 {
      position += 1
      let shown = byte >= 0x20 && byte < 0x7F
        ? "'\(Character(UnicodeScalar(byte)))'" : "byte 0x\(hex2(byte))"
      diagnostics.append(.error(.unexpectedCharacter, at: span(start, position), "unexpected character \(shown)"))
      return Token(.invalid, start, position)
    }
    guard let length = utf8SequenceLength(at: start) else {
      reportInvalidUTF8(at: start)
      position += 1
      while let b = peek(), b >= 0x80, utf8SequenceLength(at: position) == nil { position += 1 }
      return Token(.invalid, start, position)
    }
    let scalar = decodeScalar(at: start, length: length)
    position += length
    if let close = closingSmartQuote(scalar) {
      // Treat a typographic quotation as a string the user meant to write.
      while let b = peek(), b != UInt8(ascii: "\n") {
        if b >= 0x80, let l = utf8SequenceLength(at: position) {
          let s = decodeScalar(at: position, length: l)
          position += l
          if s == close { break }
        } else {
          position += 1
        }
      }
      let ascii = scalar.value == 0x2018 || scalar.value == 0x2019 ? "'" : "\""
      diagnostics.append(.error(
        .unexpectedCharacter, at: span(start, start + length),
        "typographic quote '\(Character(scalar))' cannot open a string",
        help: "use a plain ASCII quote (\(ascii)); word processors and chat tools replace them"))
      return Token(.invalid, start, position)
    }
    diagnostics.append(.error(
      .unexpectedCharacter, at: span(start, position),
      "unexpected character '\(Character(scalar))' (U+\(hex4(scalar.value)))",
      help: "outside strings and comments a config holds only ASCII"))
    return Token(.invalid, start, position)
  }

  private func closingSmartQuote(_ s: Unicode.Scalar) -> Unicode.Scalar? {
    switch s.value {
    case 0x201C, 0x201D: Unicode.Scalar(0x201D)
    case 0x2018, 0x2019: Unicode.Scalar(0x2019)
    default: nil
    }
  }

  // MARK: UTF-8

  /// Length of the valid UTF-8 sequence starting at `i` (a byte >= 0x80), or nil.
  private func utf8SequenceLength(at i: Int) -> Int? {
    let b0 = bytes[i]
    let length: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch b0 {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; upper = 0x9F  // no surrogates
    case 0xF0: length = 4; lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; upper = 0x8F
    default: return nil
    }
    guard i + length <= bytes.count else { return nil }
    let b1 = bytes[i + 1]
    guard b1 >= lower, b1 <= upper else { return nil }
    for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
    return length
  }

  private func decodeScalar(at i: Int, length: Int) -> Unicode.Scalar {
    var value = UInt32(bytes[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  private mutating func validateUTF8(_ start: Int, _ end: Int) {
    var i = start
    while i < end {
      if bytes[i] < 0x80 {
        i += 1
      } else if let length = utf8SequenceLength(at: i), i + length <= end {
        i += length
      } else {
        reportInvalidUTF8(at: i)
        i += 1
      }
    }
  }

  private mutating func reportInvalidUTF8(at i: Int) {
    diagnostics.append(.error(
      .invalidUTF8, at: span(i, i + 1), "invalid UTF-8 byte 0x\(hex2(bytes[i]))",
      help: "TensorFlow reads configs as UTF-8; re-save the file as UTF-8"))
  }

  // MARK: Helpers

  private func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(file: file, start: start, end: end)
  }

  private func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

@inline(__always) func isIdentifierStart(_ b: UInt8) -> Bool {
  (b | 0x20) &- UInt8(ascii: "a") < 26 || b == UInt8(ascii: "_")
}

@inline(__always) func isIdentifierContinue(_ b: UInt8) -> Bool {
  isIdentifierStart(b) || isDigit(b)
}

@inline(__always) func isHexDigit(_ b: UInt8) -> Bool { hexValue(b) != nil }

@inline(__always) func hexValue(_ b: UInt8) -> UInt8? {
  if isDigit(b) { return b - UInt8(ascii: "0") }
  let lower = b | 0x20
  if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return lower - UInt8(ascii: "a") + 10 }
  return nil
}

private let hexDigits = Array("0123456789ABCDEF".utf8)

func hex2(_ b: UInt8) -> String {
  String(decoding: [hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]], as: UTF8.self)
}

func hex4(_ v: UInt32) -> String {
  var digits: [UInt8] = []
  var x = v
  repeat {
    digits.append(hexDigits[Int(x & 15)])
    x >>= 4
  } while x > 0 || digits.count < 4
  return String(decoding: digits.reversed(), as: UTF8.self)
}
