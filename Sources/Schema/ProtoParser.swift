import Diagnostics
import Syntax

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
  private let source: SourceFile
  /// `source.bytes`, borrowed for the parse (see `parse`).
  private let bytes: UnsafeBufferPointer<UInt8>
  private var tokens: [Token] = []
  private var index = 0
  private var diagnostics: [Diagnostic] = []
  private var file: ProtoFile
  private var sawSyntax = false
  /// `lineNumber` is 1 + the newlines before `lineOffset`; tokens are asked for in order.
  private var lineOffset = 0
  private var lineNumber = 1

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

  private init(source: SourceFile, bytes buffer: UnsafeBufferPointer<UInt8>, importPath: String) {
    self.source = source
    self.bytes = buffer
    file = ProtoFile(importPath: importPath, fileID: source.id)
    var lexer = Lexer(buffer, file: source.id, style: .slashes)
    var all: [Token] = []
    all.reserveCapacity(buffer.count / 5)
    while true {
      let token = lexer.next()
      if token.kind == .comment { continue }
      all.append(token)
      if token.kind == .eof { break }
    }
    tokens = all
    diagnostics = lexer.diagnostics
  }

  // MARK: Token access

  private var current: Token { tokens[index] }

  private func peekKind(_ offset: Int = 1) -> TokenKind {
    let i = index + offset
    return i < tokens.count ? tokens[i].kind : .eof
  }

  private mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  /// 1-based line of `token`, counting newlines forward from the last token asked about.
  private mutating func line(_ token: Token) -> Int {
    while lineOffset < token.start {
      if bytes[lineOffset] == UInt8(ascii: "\n") { lineNumber += 1 }
      lineOffset += 1
    }
    while lineOffset > token.start {
      lineOffset -= 1
      if bytes[lineOffset] == UInt8(ascii: "\n") { lineNumber -= 1 }
    }
    return lineNumber
  }

  private func span(_ token: Token) -> SourceSpan { SourceSpan(file: source.id, start: token.start, end: token.end) }

  private func text(_ token: Token) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
  }

  /// Whether `token` is the identifier `word`, compared without allocating.
  private func isWord(_ token: Token, _ word: StaticString) -> Bool {
    guard token.kind == .identifier, token.end - token.start == word.utf8CodeUnitCount else { return false }
    let pointer = word.utf8Start
    guard bytes[token.start] == pointer[0] else { return false }
    var i = 1
    while i < word.utf8CodeUnitCount {
      if bytes[token.start + i] != pointer[i] { return false }
      i += 1
    }
    return true
  }

  private func isWord(_ word: StaticString) -> Bool { isWord(current, word) }

  /// How a token reads in "found …": `'foo'`, `'}'`, `end of file`.
  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier, .integer, .float: "'\(text(token))'"
    case .string: "string \(text(token))"
    default: token.kind.displayName
    }
  }

  /// Reports "expected X, found Y" at the current token, unless the lexer already reported it.
  private mutating func unexpected(_ expected: String, help: String? = nil) {
    let token = current
    if token.kind == .invalid { return }
    diagnostics.append(.error(
      .unexpectedToken, at: span(token), "expected \(expected), found \(describe(token))", help: help))
  }

  /// Consumes a token of `kind`, or reports what was expected and returns nil.
  @discardableResult
  private mutating func expect(_ kind: TokenKind, _ expected: String? = nil) -> Token? {
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
  private mutating func recover() {
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
  private mutating func skipBlock() {
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

  private mutating func parseFile() {
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

  private mutating func parseSyntax() -> Bool {
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

  private mutating func parsePackage() -> Bool {
    advance()
    guard let (name, _) = parseFullIdentifier(allowLeadingDot: false) else { return false }
    guard expect(.semicolon, "';'") != nil else { return false }
    file.package = name
    return true
  }

  private mutating func parseImport() -> Bool {
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
  private mutating func parseFullIdentifier(allowLeadingDot: Bool) -> (String, SourceSpan)? {
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

  // MARK: Options

  /// `option name = value;`
  private mutating func parseOptionStatement() -> ProtoOption? {
    advance()
    guard let option = parseOption() else {
      recover()
      return nil
    }
    guard expect(.semicolon, "';'") != nil else {
      recover()
      return nil
    }
    return option
  }

  /// `name = value`, where name is `ident`, `(full.ident)`, and `.`-joined parts of those.
  private mutating func parseOption() -> ProtoOption? {
    let start = current
    var name = ""
    var last = current
    while true {
      if current.kind == .leftParen {
        advance()
        guard let (inner, _) = parseFullIdentifier(allowLeadingDot: true) else { return nil }
        last = current
        guard expect(.rightParen, "')'") != nil else { return nil }
        name += "(" + inner + ")"
      } else if current.kind == .identifier {
        name += text(current)
        last = current
        advance()
      } else {
        unexpected("an option name")
        return nil
      }
      guard current.kind == .dot else { break }
      name += "."
      advance()
    }
    guard expect(.equals, "'=' after option name") != nil else { return nil }
    guard let value = parseConstant() else { return nil }
    return ProtoOption(name: name, value: value, nameSpan: span(start).union(span(last)))
  }

  private struct StringLiteral {
    var bytes: [UInt8]
    var span: SourceSpan
  }

  /// One or more adjacent string literals at the current token, joined and unescaped.
  private mutating func stringLiteral() -> StringLiteral? {
    guard current.kind == .string else { return nil }
    var decoded: [UInt8] = []
    let first = current
    var last = current
    while current.kind == .string {
      unescapeStringLiteral(bytes[(current.start + 1)..<(current.end - 1)], into: &decoded)
      last = current
      advance()
    }
    return StringLiteral(bytes: decoded, span: span(first).union(span(last)))
  }

  private mutating func parseConstant() -> ProtoConstant? {
    let start = current
    switch current.kind {
    case .minus, .plus:
      let negative = current.kind == .minus
      advance()
      let token = current
      let whole = span(start).union(span(token))
      switch token.kind {
      case .integer:
        advance()
        return ProtoConstant(value: .integer(magnitude: integerValue(token), negative: negative), span: whole)
      case .float:
        advance()
        let value = floatValue(token)
        return ProtoConstant(value: .float(negative ? -value : value), span: whole)
      case .identifier:
        advance()
        let name = text(token)
        return ProtoConstant(value: negative ? .negativeIdentifier(name) : .identifier(name), span: whole)
      default:
        unexpected("a number after '\(negative ? "-" : "+")'")
        return nil
      }
    case .integer:
      advance()
      return ProtoConstant(value: .integer(magnitude: integerValue(start), negative: false), span: span(start))
    case .float:
      advance()
      return ProtoConstant(value: .float(floatValue(start)), span: span(start))
    case .string:
      guard let literal = stringLiteral() else { return nil }
      return ProtoConstant(value: .string(literal.bytes), span: literal.span)
    case .identifier:
      guard let (name, nameSpan) = parseFullIdentifier(allowLeadingDot: false) else { return nil }
      return ProtoConstant(value: .identifier(name), span: nameSpan)
    case .leftBrace:
      // An aggregate value in text format; kept verbatim.
      var depth = 0
      var end = current
      while current.kind != .eof {
        if current.kind == .leftBrace { depth += 1 }
        if current.kind == .rightBrace { depth -= 1 }
        end = current
        advance()
        if depth == 0 { break }
      }
      guard depth == 0 else {
        diagnostics.append(.error(.unclosedDelimiter, at: span(start), "'{' of an option value is never closed"))
        return nil
      }
      let whole = span(start).union(span(end))
      return ProtoConstant(value: .aggregate(source.text(whole)), span: whole)
    default:
      unexpected("a constant (number, string, name or '{')")
      return nil
    }
  }

  /// `[a = 1, b = 2]` after a field or enum value; nil after reporting an error.
  private mutating func parseOptionList() -> [ProtoOption]? {
    guard current.kind == .leftBracket else { return [] }
    advance()
    var options: [ProtoOption] = []
    while true {
      guard let option = parseOption() else { return nil }
      options.append(option)
      if current.kind == .comma {
        advance()
        continue
      }
      guard expect(.rightBracket, "',' or ']'") != nil else { return nil }
      return options
    }
  }

  // MARK: Numbers

  /// The value of an integer token (decimal, hex or octal), or nil past 64 bits.
  private func integerValue(_ token: Token) -> UInt64? {
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

  private func floatValue(_ token: Token) -> Double {
    var text = text(token)
    if token.flags.contains(.floatSuffix) { text.removeLast() }
    text.removeAll { $0 == "_" }
    if text.hasPrefix(".") { text = "0" + text }
    if text.hasSuffix(".") { text += "0" }
    return Double(text) ?? .nan
  }

  /// A field or enum number: an integer, optionally negative (enum values only).
  private mutating func parseNumber(allowNegative: Bool) -> (Int64, SourceSpan)? {
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

  // MARK: Messages

  private mutating func parseMessage() -> ProtoMessage? {
    advance()
    guard current.kind == .identifier else {
      unexpected("a message name")
      recover()
      return nil
    }
    let nameToken = current
    advance()
    guard let open = expect(.leftBrace, "'{' after message name") else {
      recover()
      return nil
    }
    var message = ProtoMessage(name: text(nameToken), nameSpan: span(nameToken), span: span(nameToken))
    message.line = line(nameToken)
    while current.kind != .rightBrace {
      if current.kind == .eof {
        unclosed(open, "message '\(message.name)'")
        message.span = message.span.union(span(current))
        return message
      }
      if !parseMessageItem(&message) { recover() }
    }
    message.span = message.span.union(span(current))
    advance()
    return message
  }

  private mutating func unclosed(_ open: Token, _ what: String) {
    diagnostics.append(.error(
      .unclosedDelimiter, at: span(open), "'{' of \(what) is never closed",
      labels: [Label(span(current), "expected '}' before the end of the file")]))
  }

  /// One statement of a message body; false after reporting an error (the caller recovers).
  private mutating func parseMessageItem(_ message: inout ProtoMessage) -> Bool {
    if isWord("message"), peekKind() == .identifier {
      if let nested = parseMessage() { message.messages.append(nested) }
    } else if isWord("enum"), peekKind() == .identifier {
      if let e = parseEnum() { message.enums.append(e) }
    } else if isWord("extend"), peekKind() == .identifier || peekKind() == .dot {
      if let extend = parseExtend() { message.extends.append(extend) }
    } else if isWord("option"), peekKind() == .identifier || peekKind() == .leftParen {
      if let option = parseOptionStatement() { message.options.append(option) }
    } else if isWord("oneof"), peekKind() == .identifier {
      return parseOneof(&message)
    } else if isWord("reserved"), peekKind() != .equals {
      advance()
      guard let reserved = parseReserved() else { return false }
      message.reserved.ranges += reserved.ranges
      message.reserved.names += reserved.names
    } else if isWord("extensions"), peekKind() != .equals {
      advance()
      guard let reserved = parseRanges() else { return false }
      if current.kind == .leftBracket { guard parseOptionList() != nil else { return false } }
      guard expect(.semicolon, "';'") != nil else { return false }
      message.extensionRanges += reserved.ranges
    } else if current.kind == .semicolon {
      advance()
    } else {
      guard let field = parseField(in: &message, oneof: nil) else { return false }
      message.fields.append(field)
    }
    return true
  }

  private mutating func parseOneof(_ message: inout ProtoMessage) -> Bool {
    advance()
    let nameToken = current
    advance()
    guard let open = expect(.leftBrace, "'{' after oneof name") else { return false }
    let oneofIndex = message.oneofs.count
    message.oneofs.append(ProtoOneof(name: text(nameToken), nameSpan: span(nameToken)))
    while current.kind != .rightBrace {
      if current.kind == .eof {
        unclosed(open, "oneof '\(text(nameToken))'")
        return true
      }
      if isWord("option"), peekKind() == .identifier || peekKind() == .leftParen {
        if let option = parseOptionStatement() { message.oneofs[oneofIndex].options.append(option) }
      } else if current.kind == .semicolon {
        advance()
      } else if let field = parseField(in: &message, oneof: oneofIndex) {
        message.fields.append(field)
      } else {
        recover()
      }
    }
    advance()
    return true
  }

  /// `reserved` ranges or names, through the `;`.
  private mutating func parseReserved() -> ProtoReserved? {
    if current.kind == .string {
      var reserved = ProtoReserved()
      while true {
        guard let literal = stringLiteral() else {
          unexpected("a field name in quotes")
          return nil
        }
        reserved.names.append((String(decoding: literal.bytes, as: UTF8.self), literal.span))
        if current.kind == .comma {
          advance()
          continue
        }
        guard expect(.semicolon, "',' or ';'") != nil else { return nil }
        return reserved
      }
    }
    guard let reserved = parseRanges() else { return nil }
    guard expect(.semicolon, "',' or ';'") != nil else { return nil }
    return reserved
  }

  /// `2, 15, 9 to 11, 100 to max`, stopping before `;` or `[`.
  private mutating func parseRanges() -> ProtoReserved? {
    var reserved = ProtoReserved()
    while true {
      guard let (low, lowSpan) = parseNumber(allowNegative: true) else { return nil }
      var high = low
      var whole = lowSpan
      if isWord("to") {
        advance()
        if isWord("max") {
          high = maxFieldNumber
          whole = whole.union(span(current))
          advance()
        } else {
          guard let (value, highSpan) = parseNumber(allowNegative: true) else { return nil }
          high = value
          whole = whole.union(highSpan)
        }
      }
      guard low <= high else {
        diagnostics.append(.error(.badFieldNumber, at: whole, "range \(low) to \(high) is empty"))
        return nil
      }
      reserved.ranges.append((low...high, whole))
      guard current.kind == .comma else { return reserved }
      advance()
    }
  }

  // MARK: Fields

  /// `[label] type name = number [options];` (also the `map<K, V>` form).
  private mutating func parseField(in message: inout ProtoMessage, oneof: Int?) -> ProtoField? {
    let start = current
    var label: ProtoLabel? = nil
    if let l = ProtoLabel(rawValue: isLabelWord() ? text(current) : "") {
      label = l
      if oneof != nil {
        diagnostics.append(.error(
          .labelInOneof, at: span(current), "fields in a oneof cannot have a label ('\(l.rawValue)')",
          help: "remove '\(l.rawValue)'; a oneof member is always optional"))
        label = nil
      }
      advance()
    }
    if isWord("group") {
      diagnostics.append(.error(
        .unsupportedGroup, at: span(current), "group fields are not supported",
        help: "declare a nested message and a field of that type instead"))
      while current.kind != .leftBrace, current.kind != .semicolon, current.kind != .eof { advance() }
      if current.kind == .leftBrace { skipBlock() }
      return nil
    }
    if isWord("map"), peekKind() == .leftAngle {
      return parseMapField(in: &message, label: label, labelToken: label != nil ? start : nil, oneof: oneof)
    }
    if label == nil, oneof == nil, file.syntax == .proto2, current.kind == .identifier {
      diagnostics.append(.error(
        .badLabel, at: span(current), "expected 'optional', 'required' or 'repeated', found '\(text(current))'",
        help: "proto2 fields need a label"))
    } else if label == .required, file.syntax == .proto3 {
      diagnostics.append(.error(.badLabel, at: span(start), "'required' fields are not allowed in proto3"))
    }
    guard let (typeName, typeSpan) = parseFullIdentifier(allowLeadingDot: true) else { return nil }
    let type: ProtoTypeReference
    if let scalar = scalarType(typeName) {
      type = .scalar(scalar)
    } else {
      type = .named(typeName, typeSpan)
    }
    return parseFieldRest(label: label, type: type, typeSpan: typeSpan, oneof: oneof)
  }

  private func isLabelWord() -> Bool {
    // `optional foo = 1;` in proto3 names a field of type `optional`? No: protoc treats
    // a label word followed by `=` as a type name, so do the same.
    guard peekKind() != .equals else { return false }
    return isWord("optional") || isWord("required") || isWord("repeated")
  }

  /// `name = number [options];` after the type.
  private mutating func parseFieldRest(
    label: ProtoLabel?, type: ProtoTypeReference, typeSpan: SourceSpan, oneof: Int?
  ) -> ProtoField? {
    guard current.kind == .identifier else {
      unexpected("a field name")
      return nil
    }
    let nameToken = current
    advance()
    guard expect(.equals, "'=' after field name") != nil else { return nil }
    guard let (number, numberSpan) = parseNumber(allowNegative: false) else { return nil }
    guard let options = parseOptionList() else { return nil }
    guard expect(.semicolon, "';' after field") != nil else { return nil }
    var field = ProtoField(
      name: text(nameToken), nameSpan: span(nameToken), label: label, type: type, typeSpan: typeSpan,
      number: number, numberSpan: numberSpan, options: options)
    field.oneofIndex = oneof
    field.line = line(nameToken)
    return field
  }

  /// `map<K, V> name = N;`: a repeated field of a synthetic nested `NameEntry` message.
  private mutating func parseMapField(
    in message: inout ProtoMessage, label: ProtoLabel?, labelToken: Token?, oneof: Int?
  ) -> ProtoField? {
    let mapToken = current
    advance()
    advance()  // <
    guard let (keyName, keySpan) = parseFullIdentifier(allowLeadingDot: true) else { return nil }
    guard expect(.comma, "',' between map key and value types") != nil else { return nil }
    guard let (valueName, valueSpan) = parseFullIdentifier(allowLeadingDot: true) else { return nil }
    guard let close = expect(.rightAngle, "'>'") else { return nil }
    let typeSpan = span(mapToken).union(span(close))
    let entryName = mapEntryName(current.kind == .identifier ? text(current) : "")
    guard var field = parseFieldRest(
      label: .repeated, type: .named(entryName, typeSpan), typeSpan: typeSpan, oneof: nil)
    else { return nil }
    field.isMap = true

    var valid = true
    if let labelToken {
      diagnostics.append(.error(
        .badMapField, at: span(labelToken), "map fields cannot have a label",
        help: "a map is implicitly repeated; remove the label"))
      valid = false
    }
    if oneof != nil {
      diagnostics.append(.error(.badMapField, at: typeSpan, "map fields are not allowed in a oneof"))
      valid = false
    }
    let keyType = scalarType(keyName)
    switch keyType {
    case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .fixed32, .fixed64, .sfixed32, .sfixed64,
      .bool, .string:
      break
    default:
      diagnostics.append(.error(
        .badMapField, at: keySpan, "'\(keyName)' cannot be a map key",
        help: "map keys are integer types, bool or string"))
      valid = false
    }
    guard valid, let keyType else { return nil }

    var entry = ProtoMessage(name: entryName, nameSpan: field.nameSpan, span: typeSpan)
    entry.isMapEntry = true
    entry.line = field.line
    entry.fields = [
      ProtoField(
        name: "key", nameSpan: keySpan, label: .optional, type: .scalar(keyType), typeSpan: keySpan,
        number: 1, numberSpan: keySpan, line: field.line),
      ProtoField(
        name: "value", nameSpan: valueSpan, label: .optional,
        type: scalarType(valueName).map { .scalar($0) } ?? .named(valueName, valueSpan),
        typeSpan: valueSpan, number: 2, numberSpan: valueSpan, line: field.line),
    ]
    message.messages.append(entry)
    return field
  }

  // MARK: Enums

  private mutating func parseEnum() -> ProtoEnum? {
    advance()
    guard current.kind == .identifier else {
      unexpected("an enum name")
      recover()
      return nil
    }
    let nameToken = current
    advance()
    guard let open = expect(.leftBrace, "'{' after enum name") else {
      recover()
      return nil
    }
    var e = ProtoEnum(name: text(nameToken), nameSpan: span(nameToken), span: span(nameToken))
    e.line = line(nameToken)
    while current.kind != .rightBrace {
      if current.kind == .eof {
        unclosed(open, "enum '\(e.name)'")
        e.span = e.span.union(span(current))
        return e
      }
      if isWord("option"), peekKind() == .identifier || peekKind() == .leftParen {
        if let option = parseOptionStatement() { e.options.append(option) }
      } else if isWord("reserved"), peekKind() != .equals {
        advance()
        if let reserved = parseReserved() {
          e.reserved.ranges += reserved.ranges
          e.reserved.names += reserved.names
        } else {
          recover()
        }
      } else if current.kind == .semicolon {
        advance()
      } else if let value = parseEnumValue() {
        e.values.append(value)
      } else {
        recover()
      }
    }
    e.span = e.span.union(span(current))
    advance()
    return e
  }

  private mutating func parseEnumValue() -> ProtoEnumValue? {
    guard current.kind == .identifier else {
      unexpected("an enum value name")
      return nil
    }
    let nameToken = current
    advance()
    guard expect(.equals, "'=' after enum value name") != nil else { return nil }
    guard let (number, numberSpan) = parseNumber(allowNegative: true) else { return nil }
    guard let options = parseOptionList() else { return nil }
    guard expect(.semicolon, "';' after enum value") != nil else { return nil }
    return ProtoEnumValue(
      name: text(nameToken), nameSpan: span(nameToken), number: number, numberSpan: numberSpan, options: options)
  }

  // MARK: Extend

  private mutating func parseExtend() -> ProtoExtend? {
    advance()
    guard let (extendee, extendeeSpan) = parseFullIdentifier(allowLeadingDot: true) else {
      recover()
      return nil
    }
    guard let open = expect(.leftBrace, "'{' after extended type") else {
      recover()
      return nil
    }
    var extend = ProtoExtend(extendee: extendee, extendeeSpan: extendeeSpan)
    // Extension fields need a scope for their (impossible) map entries; none is kept.
    var scratch = ProtoMessage(name: "", nameSpan: extendeeSpan, span: extendeeSpan)
    while current.kind != .rightBrace {
      if current.kind == .eof {
        unclosed(open, "extend '\(extendee)'")
        return extend
      }
      if current.kind == .semicolon {
        advance()
      } else if isWord("map"), peekKind() == .leftAngle {
        diagnostics.append(.error(.badMapField, at: span(current), "extensions cannot be map fields"))
        recover()
      } else if let field = parseField(in: &scratch, oneof: nil) {
        extend.fields.append(field)
      } else {
        recover()
      }
    }
    advance()
    return extend
  }
}

/// The scalar type a type name spells, skipping the string comparisons for the
/// (common) names that cannot be one: scalar keywords are lower case, at most 8 bytes.
private func scalarType(_ name: String) -> FieldType? {
  guard let first = name.utf8.first, first >= UInt8(ascii: "b"), first <= UInt8(ascii: "u"), name.utf8.count <= 8
  else { return nil }
  return FieldType(keyword: name)
}

/// protoc's name for the entry message of map field `name`: `class_id_map` -> `ClassIdMapEntry`.
package func mapEntryName(_ fieldName: String) -> String {
  var result = ""
  var capitalizeNext = true
  for c in fieldName {
    if c == "_" {
      capitalizeNext = true
    } else if capitalizeNext {
      result += c.isASCII ? c.uppercased() : String(c)
      capitalizeNext = false
    } else {
      result.append(c)
    }
  }
  return result + "Entry"
}

/// Appends the bytes a string literal's body (between the quotes) stands for.
///
/// The lexer has already reported malformed escapes; here they decode leniently.
package func unescapeStringLiteral<Body: RandomAccessCollection<UInt8>>(_ body: Body, into out: inout [UInt8])
where Body.Index == Int {
  var i = body.startIndex
  func hex(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
  while i < body.endIndex {
    let b = body[i]
    guard b == UInt8(ascii: "\\"), i + 1 < body.endIndex else {
      out.append(b)
      i += 1
      continue
    }
    let c = body[i + 1]
    i += 2
    switch c {
    case UInt8(ascii: "a"): out.append(0x07)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "v"): out.append(0x0B)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var value = UInt32(c - UInt8(ascii: "0"))
      var n = 1
      while n < 3, i < body.endIndex, body[i] >= UInt8(ascii: "0"), body[i] <= UInt8(ascii: "7") {
        value = value * 8 + UInt32(body[i] - UInt8(ascii: "0"))
        i += 1
        n += 1
      }
      out.append(UInt8(truncatingIfNeeded: value))
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
      var value: UInt32 = 0
      var n = 0
      while n < 2, i < body.endIndex, let d = hex(body[i]) {
        value = value * 16 + d
        i += 1
        n += 1
      }
      out.append(UInt8(truncatingIfNeeded: value))
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = c == UInt8(ascii: "u") ? 4 : 8
      var value: UInt32 = 0
      var n = 0
      while n < count, i < body.endIndex, let d = hex(body[i]) {
        value = value &* 16 &+ d
        i += 1
        n += 1
      }
      let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
      out += Array(String(Character(scalar)).utf8)
    default:
      // \\ \' \" \? and anything the lexer already rejected.
      out.append(c)
    }
  }
}

/// Token kinds compared by raw value: the synthesised `==` of `TokenKind` is not
/// specialised across modules and showed up in profiles as a witness call per comparison.
@inline(__always)
private func == (a: TokenKind, b: TokenKind) -> Bool { a.rawValue == b.rawValue }

@inline(__always)
private func != (a: TokenKind, b: TokenKind) -> Bool { a.rawValue != b.rawValue }
