import Diagnostics
import Syntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Reads one `.proto` file (proto2 or proto3) into a `ProtoFile`.
///
/// Shares the text-format lexer (`CommentStyle.slashes`). Names are not
/// resolved here; see `SchemaBuilder`. A statement that fails to parse is
/// reported once and skipped up to its `;` or its block, so parsing goes on.
/// `map<K, V>` fields get their entry message synthesised here, as protoc does.
/// Services are skipped; groups are reported as unsupported.
///
/// Reference: https://protobuf.dev/reference/protobuf/proto2-spec/ and proto3-spec.
package struct ProtoParser {
  let source: SourceFile
  /// `source.bytes`, borrowed for the parse (see `parse`).
  let bytes: UnsafeBufferPointer<UInt8>
  var tokens: [Token] = []
  var index = 0
  var diagnostics: [Diagnostic] = []
  var file: ProtoFile
  var sawSyntax = false
  /// `lineNumber` is 1 + the newlines before `lineOffset`; tokens are asked for in order.
  var lineOffset = 0
  var lineNumber = 1

  /// Parses `source`, known to other files as `importPath`, appending its diagnostics.
  package static func parse(
    _ source: SourceFile, importPath: String, diagnostics: inout [Diagnostic]
  ) -> ProtoFile {
    source.bytes.withUnsafeBufferPointer { buffer in
      var parser = ProtoParser(source: source, bytes: buffer, importPath: importPath)
      parser.parseFile()
      diagnostics += parser.diagnostics
      return parser.file
    }
  }

  init(source: SourceFile, bytes buffer: UnsafeBufferPointer<UInt8>, importPath: String) {
    self.source = source
    self.bytes = buffer
    file = ProtoFile(importPath: importPath, fileID: source.id)
    var lexer = Lexer(buffer, file: source.id, style: .slashes)
    var all: [Token] = []
    all.reserveCapacity(buffer.count / 5)
    // Kinds matched by pattern here and in `isWord`: `==` on `TokenKind` is a call
    // across modules, and these run for every token.
    reading: while true {
      let token = lexer.next()
      switch token.kind {
      case .comment: continue
      case .eof:
        all.append(token)
        break reading
      default: all.append(token)
      }
    }
    tokens = all
    diagnostics = lexer.diagnostics
  }

  // MARK: Token access

  var current: Token { tokens[index] }

  func peekKind(_ offset: Int = 1) -> TokenKind {
    let i = index + offset
    return i < tokens.count ? tokens[i].kind : .eof
  }

  mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  /// 1-based line of `token`, counting newlines forward from the last token asked about.
  mutating func line(_ token: Token) -> Int {
    // Forward by `memchr`, newline to newline: a loop over every byte was 2.6% of
    // loading the bundled schema.
    if lineOffset < token.start, let base = bytes.baseAddress {
      while lineOffset < token.start {
        guard let found = memchr(base + lineOffset, Int32(UInt8(ascii: "\n")), token.start - lineOffset) else {
          lineOffset = token.start
          break
        }
        lineNumber += 1
        lineOffset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
      }
    }
    while lineOffset > token.start {
      lineOffset -= 1
      if bytes[lineOffset] == UInt8(ascii: "\n") { lineNumber -= 1 }
    }
    return lineNumber
  }

  func span(_ token: Token) -> SourceSpan { SourceSpan(file: source.id, start: token.start, end: token.end) }

  func text(_ token: Token) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
  }

  /// Whether `token` is the identifier `word`, compared without allocating.
  func isWord(_ token: Token, _ word: StaticString) -> Bool {
    guard token.end - token.start == word.utf8CodeUnitCount, case .identifier = token.kind else { return false }
    let pointer = word.utf8Start
    guard bytes[token.start] == pointer[0] else { return false }
    var i = 1
    while i < word.utf8CodeUnitCount {
      if bytes[token.start + i] != pointer[i] { return false }
      i += 1
    }
    return true
  }

  func isWord(_ word: StaticString) -> Bool { isWord(current, word) }

  /// How a token reads in "found …": `'foo'`, `'}'`, `end of file`.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier, .integer, .float: "'\(text(token))'"
    case .string: "string \(text(token))"
    default: token.kind.displayName
    }
  }

  /// Reports "expected X, found Y" at the current token, unless the lexer already reported it.
  mutating func unexpected(_ expected: String, help: String? = nil) {
    let token = current
    if token.kind == .invalid { return }
    diagnostics.append(.error(
      .unexpectedToken, at: span(token), "expected \(expected), found \(describe(token))", help: help))
  }

  /// Consumes a token of `kind`, or reports what was expected and returns nil.
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ expected: String? = nil) -> Token? {
    guard current.kind == kind else {
      unexpected(expected ?? kind.displayName)
      return nil
    }
    let token = current
    advance()
    return token
  }

  /// After an error: skips to just past the next `;`, or past a `{ … }` block,
  /// or up to (not past) the `}` closing the enclosing block.
  mutating func recover() {
    var depth = 0
    while current.kind != .eof {
      switch current.kind {
      case .semicolon where depth == 0:
        advance()
        return
      case .leftBrace:
        depth += 1
      case .rightBrace:
        if depth == 0 { return }
        depth -= 1
        if depth == 0 {
          advance()
          return
        }
      default: break
      }
      advance()
    }
  }

  /// Skips a balanced `{ … }` starting at the current `{`.
  mutating func skipBlock() {
    var depth = 0
    while current.kind != .eof {
      if current.kind == .leftBrace { depth += 1 }
      if current.kind == .rightBrace {
        depth -= 1
        if depth <= 0 {
          advance()
          return
        }
      }
      advance()
    }
  }

  // MARK: File

  mutating func parseFile() {
    while current.kind != .eof {
      let ok: Bool
      if isWord("syntax") || isWord("edition") {
        ok = parseSyntax()
      } else if isWord("package") {
        ok = parsePackage()
      } else if isWord("import") {
        ok = parseImport()
      } else if isWord("option") {
        if let option = parseOptionStatement() { file.options.append(option) }
        ok = true
      } else if isWord("message") {
        if let message = parseMessage() { file.messages.append(message) }
        ok = true
      } else if isWord("enum") {
        if let e = parseEnum() { file.enums.append(e) }
        ok = true
      } else if isWord("extend") {
        if let extend = parseExtend() { file.extends.append(extend) }
        ok = true
      } else if isWord("service") {
        // Services describe RPCs, which configs never use.
        advance()
        while current.kind != .leftBrace, current.kind != .eof { advance() }
        skipBlock()
        ok = true
      } else if current.kind == .semicolon {
        advance()
        ok = true
      } else if current.kind == .rightBrace {
        diagnostics.append(.error(.unmatchedDelimiter, at: span(current), "'}' closes nothing"))
        advance()
        ok = true
      } else {
        unexpected("'message', 'enum', 'import', 'option', 'package', 'syntax' or 'extend'")
        ok = false
      }
      if !ok { recover() }
    }
    if !sawSyntax {
      diagnostics.append(.warning(
        .missingSyntax, at: SourceSpan(file: source.id, start: 0, end: 0),
        "no 'syntax' statement; reading the file as proto2",
        help: "start the file with 'syntax = \"proto2\";'"))
    }
  }

  mutating func parseSyntax() -> Bool {
    let isEdition = isWord("edition")
    let keyword = current
    advance()
    guard expect(.equals, "'='") != nil else { return false }
    guard current.kind == .string, let value = stringLiteral() else {
      unexpected("a string such as \"proto2\"")
      return false
    }
    let valueSpan = value.span
    guard expect(.semicolon, "';'") != nil else { return false }
    sawSyntax = true
    let name = String(decoding: value.bytes, as: UTF8.self)
    if isEdition {
      diagnostics.append(.error(
        .unsupportedSyntax, at: span(keyword).union(valueSpan),
        "edition \"\(name)\" is not supported; pipec reads proto2 and proto3",
        help: "declare 'syntax = \"proto2\";' or 'syntax = \"proto3\";'"))
    } else if let syntax = ProtoSyntax(rawValue: name) {
      file.syntax = syntax
    } else {
      diagnostics.append(.error(
        .unsupportedSyntax, at: valueSpan, "unknown syntax \"\(name)\"; expected \"proto2\" or \"proto3\""))
    }
    return true
  }

  mutating func parsePackage() -> Bool {
    advance()
    guard let (name, _) = parseFullIdentifier(allowLeadingDot: false) else { return false }
    guard expect(.semicolon, "';'") != nil else { return false }
    file.package = name
    return true
  }

  mutating func parseImport() -> Bool {
    advance()
    var kind = ProtoImport.Kind.normal
    if isWord("public") {
      kind = .public
      advance()
    } else if isWord("weak") {
      kind = .weak
      advance()
    }
    guard current.kind == .string, let path = stringLiteral() else {
      unexpected("a file name in quotes")
      return false
    }
    guard expect(.semicolon, "';'") != nil else { return false }
    file.imports.append(ProtoImport(path: String(decoding: path.bytes, as: UTF8.self), kind: kind, span: path.span))
    return true
  }

  // MARK: Names

  /// `a.b.c` (or `.a.b.c` where allowed), as text and span.
  mutating func parseFullIdentifier(allowLeadingDot: Bool) -> (String, SourceSpan)? {
    let start = current
    var name = ""
    if allowLeadingDot, current.kind == .dot {
      name = "."
      advance()
    }
    guard current.kind == .identifier else {
      unexpected("a name")
      return nil
    }
    name += text(current)
    var last = current
    advance()
    while current.kind == .dot {
      advance()
      guard current.kind == .identifier else {
        unexpected("a name after '.'")
        return nil
      }
      name += "." + text(current)
      last = current
      advance()
    }
    return (name, span(start).union(span(last)))
  }

  // MARK: Numbers

  /// The value of an integer token (decimal, hex or octal), or nil past 64 bits.
  func integerValue(_ token: Token) -> UInt64? {
    var start = token.start
    var radix: UInt64 = 10
    if token.flags.contains(.hex) {
      start += 2
      radix = 16
    } else if token.flags.contains(.octal) {
      radix = 8
    }
    var value: UInt64 = 0
    for i in start..<token.end {
      let b = bytes[i]
      if b == UInt8(ascii: "_") { continue }
      let digit: UInt64
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(b - UInt8(ascii: "A") + 10)
      default: return nil
      }
      let (m, o1) = value.multipliedReportingOverflow(by: radix)
      let (s, o2) = m.addingReportingOverflow(digit)
      if o1 || o2 { return nil }
      value = s
    }
    return value
  }

  func floatValue(_ token: Token) -> Double {
    var text = text(token)
    if token.flags.contains(.floatSuffix) { text.removeLast() }
    text.removeAll { $0 == "_" }
    if text.hasPrefix(".") { text = "0" + text }
    if text.hasSuffix(".") { text += "0" }
    return Double(text) ?? .nan
  }

  /// A field or enum number: an integer, optionally negative (enum values only).
  mutating func parseNumber(allowNegative: Bool) -> (Int64, SourceSpan)? {
    let start = current
    var negative = false
    if current.kind == .minus, allowNegative {
      negative = true
      advance()
    }
    guard current.kind == .integer else {
      unexpected(allowNegative ? "an integer" : "a field number")
      return nil
    }
    let token = current
    advance()
    let whole = span(start).union(span(token))
    guard let magnitude = integerValue(token), magnitude <= UInt64(Int64.max) else {
      diagnostics.append(.error(.badNumber, at: whole, "number \(text(token)) is too large"))
      return nil
    }
    return (negative ? -Int64(magnitude) : Int64(magnitude), whole)
  }

}
