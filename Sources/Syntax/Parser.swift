import Diagnostics

/// Limits that keep hostile input from exhausting the stack or the reader.
package struct ParseOptions: Sendable {
  /// Messages and lists nested deeper than this are reported and skipped.
  package var maxDepth = 500
  /// After this many errors the rest of the file is skipped.
  package var maxErrors = 50
  /// Read the sweep extension (`*.sweep` files, `grammar/sweep.ebnf`); otherwise
  /// `@` is reported as `sweep-syntax-in-config`.
  package var sweep = false

  package init(maxDepth: Int = 500, maxErrors: Int = 50, sweep: Bool = false) {
    self.maxDepth = maxDepth
    self.maxErrors = maxErrors
    self.sweep = sweep
  }

  /// The options for a file at `path`: sweep syntax for `*.sweep` files.
  package static func forPath(_ path: String) -> ParseOptions {
    ParseOptions(sweep: path.hasSuffix(".sweep"))
  }
}

/// Parses protobuf text format into a `SyntaxTree` by recursive descent.
///
/// Grammar: `grammar/textproto.ebnf`. Every syntax error is reported with a
/// precise span, then the parser resynchronises at the next field that starts
/// a line or at the next closing delimiter, so one run finds every independent
/// error. A node that failed to parse becomes `Value.error` and is not
/// reported again by later stages.
package enum Parser {
  package static func parse(
    _ source: SourceFile, options: ParseOptions = ParseOptions()
  ) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
    source.bytes.withUnsafeBufferPointer { buffer in
      var state = ParserState(buffer, source: source, options: options)
      let root = state.parseFile()
      let tree = SyntaxTree(
        source: source, comments: state.comments, fieldStorage: state.fieldStorage,
        valueStorage: state.valueStorage, rangeStorage: state.rangeStorage, rootFields: root,
        sweepStorage: state.sweepStorage, sweepItems: state.sweepItems, exprStorage: state.exprStorage,
        directives: state.directives)
      return (tree, state.allDiagnostics)
    }
  }
}

struct ParserState {
  let bytes: UnsafeBufferPointer<UInt8>
  let source: SourceFile
  let options: ParseOptions
  var lexer: Lexer
  var current: Token
  /// Whether any token (comments included) has been read: the first one starts a line.
  var sawToken = false
  /// How many lexer reports existed when parsing stopped at the error cap; the
  /// rest come from skipping to the end and are dropped. (An offset cut-off lost
  /// the reports inside the current token, leaving an error node unreported.)
  var lexerReportsAtStop = Int.max
  /// Whether a newline separates `current` from the token before it.
  var currentStartsLine = true
  /// End of the previous non-comment token, to tell trailing comments.
  var lastCodeEnd = -1
  var comments: [Comment] = []
  /// Fields of the messages being parsed, innermost last; a message moves its
  /// own into `fieldStorage` when it closes, so siblings end up contiguous.
  /// Only `fieldStack[..<fieldTop]` is live: the array never shrinks, so
  /// closing a message is one copy, with no `removeLast` and no regrowth.
  var fieldStack: [Field] = []
  var fieldTop = 0
  /// Elements of the lists being parsed, innermost last (a list's message may hold a list).
  var valueStack: [Value] = []
  var fieldStorage: [Field] = []
  var valueStorage: [Value] = []
  var rangeStorage: [TextRange] = []
  var sweepStorage: [SweepExpression] = []
  var sweepItems: [SweepItem] = []
  /// Items of the sweep expressions being parsed, innermost last.
  var sweepItemStack: [SweepItem] = []
  var exprStorage: [SweepExprNode] = []
  var directives: [Directive] = []
  var diagnostics: [Diagnostic] = []
  var errorCount = 0
  var stopped = false
  var reportedDepth = false
  /// A block skipped at the depth limit ran to the end of the file, so every
  /// enclosing block is unclosed too; one error says enough.
  var skippedToEndAtDepthLimit = false
  var lineIndexCache: LineIndex?

  init(_ bytes: UnsafeBufferPointer<UInt8>, source: SourceFile, options: ParseOptions) {
    self.bytes = bytes
    self.source = source
    self.options = options
    lexer = Lexer(bytes, file: source.id)
    // A placeholder ending at -1, so the first `advance` leaves `lastCodeEnd` at -1
    // (no code yet) without a test on every token.
    current = Token(.eof, 0, -1)
    // Room for the fields up front: growing the arrays field by field copied
    // them over and over (10% of parsing a label map). A label map has about one
    // field per 16 bytes, a pipeline.config one per 35; past the cap, growth is
    // amortised anyway and an estimate must not reserve gigabytes.
    let estimate = min(bytes.count / 16, 1 << 17)
    fieldStorage.reserveCapacity(estimate + 16)
    fieldStack.reserveCapacity(estimate / 4 + 32)
    advance()
  }

  var allDiagnostics: [Diagnostic] {
    if lexer.diagnostics.isEmpty && diagnostics.isEmpty { return [] }
    return (lexer.diagnostics.prefix(lexerReportsAtStop) + diagnostics).sortedForOutput()
  }

  // MARK: Tokens

  mutating func advance() {
    lastCodeEnd = current.end
    let leavingInvalid = current.kind == .invalid
    while true {
      let token = lexer.next()
      let startsLine = !sawToken || lexer.newlineBefore
      sawToken = true
      if token.kind == .comment {
        let trailing = lastCodeEnd >= 0 && !hasNewline(lastCodeEnd, token.start)
        comments.append(Comment(range: token.range, isTrailing: trailing))
        continue
      }
      current = token
      currentStartsLine = startsLine
      // Lexer errors count toward the cap too: a file of stray bytes must stop,
      // and the note points at the first token not read.
      if leavingInvalid { checkErrorCap() }
      return
    }
  }

  func hasNewline(_ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end {
      if bytes[i] == UInt8(ascii: "\n") { return true }
      i += 1
    }
    return false
  }

  /// The token after `current`, without consuming anything.
  func peekNext() -> Token {
    var copy = lexer
    var token = copy.next()
    while token.kind == .comment { token = copy.next() }
    return token
  }

  func span(_ start: Int, _ end: Int) -> SourceSpan { SourceSpan(file: source.id, start: start, end: end) }
  func span(_ token: Token) -> SourceSpan { span(token.start, token.end) }

  func text(_ token: Token) -> String { text(token.start, token.end) }
  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  /// How `current` reads in "found …": the token text, or `end of file`.
  var foundDescription: String {
    switch current.kind {
    case .eof: "end of file"
    case .string: "a string"
    case .invalid: "an invalid token"
    default:
      current.end - current.start > 24 ? current.kind.displayName : "'\(text(current))'"
    }
  }

  mutating func report(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .error { errorCount += 1 }
    diagnostics.append(diagnostic)
    checkErrorCap()
  }

  /// Stops parsing once parser and lexer errors together reach the cap.
  mutating func checkErrorCap() {
    if errorCount + lexer.diagnostics.count - lexer.warningCount >= options.maxErrors, !stopped {
      stopped = true
      lexerReportsAtStop = lexer.diagnostics.count
      diagnostics.append(Diagnostic(
        .tooManyErrors, .note, at: span(current.start, current.start),
        "stopped after \(options.maxErrors) errors; the rest of the file was not read",
        help: "fix the errors above and run again"))
    }
  }

  /// The file's line index, built on the first report that needs one.
  mutating func lineIndex() -> LineIndex {
    if let index = lineIndexCache { return index }
    let index = LineIndex(source.bytes)
    lineIndexCache = index
    return index
  }

  mutating func location(_ offset: Int) -> String {
    let (line, column) = lineIndex().location(of: offset)
    return "\(line):\(column)"
  }

  // MARK: Messages

  mutating func parseFile() -> IndexRange {
    parseFields(depth: 0)
    while current.kind != .eof, !stopped {
      // Only stray closers stop the top level; report each and go on.
      report(.error(
        .unmatchedDelimiter, at: span(current), "\(current.kind.displayName) has no matching opening delimiter",
        help: "remove it, or look for a missing '{' above"))
      advance()
      parseFields(depth: 0)
    }
    return storeFields(from: 0)
  }

  /// Pushes a field onto `fieldStack`, reusing a slot left by a closed message.
  @inline(__always)
  mutating func pushField(_ field: Field) {
    if fieldTop < fieldStack.count {
      fieldStack[fieldTop] = field
    } else {
      fieldStack.append(field)
    }
    fieldTop += 1
  }

  /// Moves the fields pushed since `base` into `fieldStorage`.
  mutating func storeFields(from base: Int) -> IndexRange {
    let start = fieldStorage.count
    // Through a buffer: no slice to retain, and no generic `replaceSubrange`.
    fieldStack.withUnsafeBufferPointer { stack in
      fieldStorage.append(contentsOf: UnsafeBufferPointer(rebasing: stack[base..<fieldTop]))
    }
    fieldTop = base
    return IndexRange(start, fieldStorage.count)
  }

  /// Moves the list elements pushed since `base` into `valueStorage`.
  mutating func storeValues(from base: Int) -> IndexRange {
    let start = valueStorage.count
    valueStack.withUnsafeBufferPointer { stack in
      valueStorage.append(contentsOf: UnsafeBufferPointer(rebasing: stack[base...]))
    }
    valueStack.removeLast(valueStack.count - base)
    return IndexRange(start, valueStorage.count)
  }

  /// Pushes fields onto `fieldStack` until end of file or any closing
  /// delimiter (left for the caller).
  mutating func parseFields(depth: Int) {
    while !stopped {
      switch current.kind {
      case .eof, .rightBrace, .rightAngle, .rightBracket:
        return
      case .identifier, .leftBracket:
        if let field = parseField(depth: depth) { pushField(field) }
      case .invalid:
        advance()
        recover()
      case .at where options.sweep:
        if let field = parseAtField(depth: depth) { pushField(field) }
      case .at:
        reportSweepSyntax()
        recover()
      case .semicolon, .comma:
        reportStraySeparator()
        advance()
      default:
        reportExpectedFieldName()
        advance()
        recover()
      }
    }
    if stopped {
      while current.kind != .eof { advance() }
    }
  }

  mutating func parseField(depth: Int) -> Field? {
    guard let name = parseFieldName() else {
      recover()
      return nil
    }
    var colon: UInt32?
    let value: Value
    if current.kind == .colon {
      colon = UInt32(current.start)
      let colonToken = current
      advance()
      if let v = parseValue(depth: depth, afterColon: colonToken) {
        value = v
      } else {
        value = .error(TextRange(colonToken.start, colonToken.end))
      }
    } else {
      switch current.kind {
      case .leftBrace, .leftAngle:
        value = .message(parseMessage(depth: depth, name: name))
      case .leftBracket:
        let list = parseList(depth: depth)
        if valueStorage[list.elements.range].contains(where: { if case .scalar = $0 { true } else { false } }) {
          // Only message lists may omit ':' (TensorFlow's parser agrees).
          reportMissingColon(after: name, beforeList: true)
        }
        value = .list(list)
      case .identifier where startsField(peekNext().kind):
        // `foo` followed by the next field: foo has no value at all.
        reportNoValue(name)
        value = .error(name.range)
      case .identifier, .integer, .float, .string, .minus, .plus:
        reportMissingColon(after: name, beforeList: false)
        value = parseScalar() ?? .error(TextRange(name.range.upperBound, name.range.upperBound))
      case .at where options.sweep:
        reportMissingColon(after: name, beforeList: false)
        value = parseSweepValue(depth: depth) ?? .error(name.range)
      case .at:
        reportSweepSyntax()
        recover()
        value = .error(name.range)
      default:
        if current.kind != .invalid { reportUnexpectedAfterName(name) }
        recover()
        value = .error(name.range)
      }
    }
    var separator: UInt32?
    if current.kind == .comma || current.kind == .semicolon {
      separator = UInt32(current.start)
      advance()
    }
    return Field(name: name, colon: colon, value: value, separator: separator)
  }

  /// `ident`, `[a.b.c]` or `[domain.com/a.b.C]`.
  mutating func parseFieldName() -> FieldName? {
    if current.kind == .identifier {
      let name = FieldName(kind: .identifier, range: current.range)
      advance()
      return name
    }
    precondition(current.kind == .leftBracket, "callers check for a field-name start")
    let open = current
    advance()
    let firstComponent = rangeStorage.count
    var slashIndex = -1
    while true {
      guard current.kind == .identifier else {
        report(.error(
          .unexpectedToken, at: span(current),
          "expected an extension or type name inside '[ ]', found \(foundDescription)",
          labels: [Label(span(open), "name opened here")]))
        return nil
      }
      rangeStorage.append(current.range)
      advance()
      if current.kind == .dot {
        advance()
      } else if current.kind == .slash, slashIndex < 0 {
        slashIndex = rangeStorage.count - firstComponent
        advance()
      } else if current.kind == .rightBracket {
        let range = TextRange(open.start, current.end)
        advance()
        return FieldName(
          kind: slashIndex < 0 ? .extension : .any, range: range,
          components: IndexRange(firstComponent, rangeStorage.count), slashIndex: UInt32(max(slashIndex, 0)))
      } else {
        report(.error(
          .unexpectedToken, at: span(current),
          "expected '.', '/' or ']' in a bracketed name, found \(foundDescription)",
          labels: [Label(span(open), "name opened here")]))
        return nil
      }
    }
  }

  /// A value after `:`: a scalar, a message or a list.
  mutating func parseValue(depth: Int, afterColon colon: Token) -> Value? {
    switch current.kind {
    case .leftBrace, .leftAngle:
      return .message(parseMessage(depth: depth, name: nil))
    case .leftBracket:
      return .list(parseList(depth: depth))
    case .identifier where currentStartsLine && startsField(peekNext().kind):
      // `a:` with the next field on the following line: the value is missing.
      reportExpectedValue(after: colon)
      return nil
    case .identifier, .integer, .float, .string, .minus, .plus:
      return parseScalar()
    case .invalid:
      let range = current.range
      advance()
      return .error(range)
    case .at where options.sweep:
      return parseSweepValue(depth: depth)
    case .at:
      reportSweepSyntax()
      recover()
      return nil
    default:
      reportExpectedValue(after: colon)
      if !currentStartsLine { recover() }
      return nil
    }
  }

  mutating func parseMessage(depth: Int, name: FieldName?) -> MessageValue {
    let open = current
    let closer: TokenKind = open.kind == .leftAngle ? .rightAngle : .rightBrace
    advance()
    if depth + 1 > options.maxDepth {
      reportDepth(open)
      let close = skipBalanced(from: open.kind)
      if close == nil { skippedToEndAtDepthLimit = true }
      return MessageValue(
        fields: .empty, open: UInt32(open.start), close: close.map(UInt32.init),
        end: UInt32(max(lastCodeEnd, open.end)), isAngle: open.kind == .leftAngle)
    }
    let base = fieldTop
    parseFields(depth: depth + 1)
    let fields = storeFields(from: base)
    var close: UInt32?
    switch current.kind {
    case closer:
      close = UInt32(current.start)
      advance()
    case .rightBrace, .rightAngle, .rightBracket:
      reportMismatched(open, closer: closer)
      if current.kind != .rightBracket { close = UInt32(current.start) }
      advance()
    default:
      if !stopped { reportUnclosed(open, closer: closer, name: name) }
    }
    return MessageValue(
      fields: fields, open: UInt32(open.start), close: close, end: UInt32(max(lastCodeEnd, open.end)),
      isAngle: open.kind == .leftAngle)
  }

  mutating func finishList(_ open: Token, base: Int, close: Int?) -> ListValue {
    ListValue(
      elements: storeValues(from: base), open: UInt32(open.start), close: close.map(UInt32.init),
      end: UInt32(max(lastCodeEnd, open.end)))
  }

  mutating func parseList(depth: Int) -> ListValue {
    let open = current
    advance()
    let base = valueStack.count
    if depth + 1 > options.maxDepth {
      reportDepth(open)
      let close = skipBalanced(from: .leftBracket)
      if close == nil { skippedToEndAtDepthLimit = true }
      return finishList(open, base: base, close: close)
    }
    if current.kind == .rightBracket {
      let close = current.start
      advance()
      return finishList(open, base: base, close: close)
    }
    var holdsMessages: Bool?
    while !stopped {
      switch current.kind {
      case .leftBrace, .leftAngle:
        let message = Value.message(parseMessage(depth: depth + 1, name: nil))
        valueStack.append(checkListElement(message, isMessage: true, in: &holdsMessages, open: open))
      case .identifier, .integer, .float, .string, .minus, .plus:
        let range = current.range
        let scalar = parseScalar() ?? .error(range)
        if case .scalar = scalar {
          valueStack.append(checkListElement(scalar, isMessage: false, in: &holdsMessages, open: open))
        } else {
          valueStack.append(scalar)
        }
      case .invalid:
        valueStack.append(.error(current.range))
        advance()
      case .eof, .rightBrace, .rightAngle:
        reportUnclosed(open, closer: .rightBracket, name: nil)
        return finishList(open, base: base, close: nil)
      default:
        reportInList(open, expected: "a list element")
        skipToListEnd()
      }
      if current.kind == .comma {
        let comma = current
        advance()
        if current.kind == .rightBracket { reportTrailingComma(comma) }
      } else if current.kind != .rightBracket, current.kind != .eof {
        if current.kind == .rightBrace || current.kind == .rightAngle {
          reportUnclosed(open, closer: .rightBracket, name: nil)
          return finishList(open, base: base, close: nil)
        }
        reportInList(open, expected: "',' or ']' in a list")
        skipToListEnd()
      }
      if current.kind == .rightBracket {
        let close = current.start
        advance()
        return finishList(open, base: base, close: close)
      }
    }
    return finishList(open, base: base, close: nil)
  }

  /// A list holds messages or scalars, never both (the spec's MessageList and
  /// ScalarList); the first element decides, and a stray one becomes `.error`.
  mutating func checkListElement(
    _ value: Value, isMessage: Bool, in holdsMessages: inout Bool?, open: Token
  ) -> Value {
    guard let expectMessages = holdsMessages else {
      holdsMessages = isMessage
      return value
    }
    guard expectMessages != isMessage else { return value }
    report(.error(
      .unexpectedToken, at: span(value.range.lowerBound, value.range.upperBound),
      expectMessages ? "a list of messages cannot hold a scalar value" : "a list of scalar values cannot hold a message",
      labels: [Label(span(open), "list opened here")],
      help: "a list holds either messages or scalar values, as its field's type requires"))
    return .error(value.range)
  }

  /// `-1.5`, `inf`, `"a" "b"`, `ENUM_VALUE`, with TensorFlow's sign rules.
  mutating func parseScalar() -> Value? {
    var sign: Scalar.Sign?
    var signOffset: UInt32 = 0
    if current.kind == .minus || current.kind == .plus {
      let signToken = current
      sign = current.kind == .minus ? .minus : .plus
      signOffset = UInt32(current.start)
      advance()
      let adjacent = current.start == signToken.end
      guard [.integer, .float, .identifier].contains(current.kind) else {
        if current.kind != .invalid {
          report(.error(
            .unexpectedToken, at: span(current),
            "expected a number after '\(text(signToken))', found \(foundDescription)"))
        }
        return .error(signToken.range)
      }
      if sign == .plus {
        if adjacent {
          report(.warning(
            .pythonOnlySyntax, at: span(signToken.start, current.end),
            "'+\(text(current))': TensorFlow's Python parser accepts a leading '+', protobuf's C++ parser rejects it",
            help: "drop the '+' so every protobuf tool reads the value",
            fixes: [Fix("remove '+'", edits: [Edit(span(signToken), "")])]))
        } else {
          report(.error(
            .unexpectedToken, at: span(signToken),
            "'+' followed by a space is rejected by TensorFlow's parser and by protobuf's C++ parser",
            fixes: [Fix("remove '+'", edits: [Edit(span(signToken.start, current.start), "")])]))
        }
      } else if !adjacent {
        report(.error(
          .cppOnlySyntax, at: span(signToken.start, current.end),
          "TensorFlow's parser rejects a space between '-' and '\(text(current))' (protobuf's C++ parser accepts it)",
          help: "write '-\(text(current))'",
          fixes: [Fix("remove the space", edits: [Edit(span(signToken.end, current.start), "")])]))
      }
    }
    let token = current
    let kind: Scalar.Kind
    switch token.kind {
    case .identifier: kind = .identifier
    case .integer: kind = .integer
    case .float: kind = .float
    case .string: kind = .string
    default:
      preconditionFailure("callers check for a scalar start")
    }
    if token.flags.contains(.digitSeparators) {
      let digits = text(token).filter { $0 != "_" }
      report(.warning(
        .pythonOnlySyntax, at: span(token),
        "'\(text(token))': TensorFlow's Python parser accepts '_' between digits, protobuf's C++ parser rejects it",
        help: "write '\(digits)'",
        fixes: [Fix("remove the separators", edits: [Edit(span(token), digits)])]))
    }
    advance()
    var scalar = Scalar(
      kind: kind, sign: sign, signOffset: signOffset, literal: token.range, flags: token.flags,
      end: UInt32(token.end))
    if kind == .string, current.kind == .string {
      let first = rangeStorage.count
      while current.kind == .string {
        rangeStorage.append(current.range)
        scalar.flags.formUnion(current.flags)
        scalar.end = UInt32(current.end)
        advance()
      }
      scalar.moreStrings = IndexRange(first, rangeStorage.count)
    }
    return .scalar(scalar)
  }

  // MARK: Recovery

  /// Skips to the next field that starts a line, a closing delimiter, or the end.
  mutating func recover() {
    while true {
      switch current.kind {
      case .eof, .rightBrace, .rightAngle:
        return
      case .identifier where currentStartsLine, .leftBracket where currentStartsLine:
        return
      case .leftBrace, .leftAngle, .leftParen:
        let kind = current.kind
        advance()
        skipBalanced(from: kind)
      default:
        advance()
      }
    }
  }

  /// Skips past the delimiter that closes an opener already consumed;
  /// returns that delimiter's offset, or nil at the end of the file.
  @discardableResult
  mutating func skipBalanced(from opener: TokenKind) -> Int? {
    var depth = 1
    while current.kind != .eof {
      switch current.kind {
      case .leftBrace, .leftAngle, .leftBracket, .leftParen:
        depth += 1
      case .rightBrace, .rightAngle, .rightBracket, .rightParen:
        depth -= 1
      default:
        break
      }
      let offset = current.start
      advance()
      if depth == 0 { return offset }
    }
    return nil
  }

  mutating func skipToListEnd() {
    while true {
      switch current.kind {
      case .eof, .rightBracket, .rightBrace, .rightAngle:
        return
      case .leftBrace, .leftAngle, .leftBracket, .leftParen:
        let kind = current.kind
        advance()
        skipBalanced(from: kind)
      default:
        advance()
      }
    }
  }

  // MARK: Reports
  //
  // Building a diagnostic takes many temporaries; kept out of the recursive
  // parse functions, they do not enlarge every nesting level's stack frame
  // (in a debug build, 500 levels would otherwise need over 8 MB of stack).

  func startsField(_ next: TokenKind) -> Bool {
    next == .colon || next == .leftBrace || next == .leftAngle
  }

  @inline(never)
  mutating func reportStraySeparator() {
    report(.error(
      .unexpectedToken, at: span(current), "\(current.kind.displayName) must follow a field",
      fixes: [Fix("remove it", edits: [Edit(span(current), "")])]))
  }

  @inline(never)
  mutating func reportExpectedFieldName() {
    report(.error(
      .unexpectedToken, at: span(current), "expected a field name, found \(foundDescription)"))
  }

  @inline(never)
  mutating func reportMissingColon(after name: FieldName, beforeList: Bool) {
    let at = name.range.upperBound
    report(.error(
      .missingColon, at: span(at, at),
      "expected ':' between field name '\(text(name.range.lowerBound, at))' and its \(beforeList ? "list of values" : "value")",
      help: beforeList
        ? "a list of scalar values needs ':' (only message values may omit it)"
        : "a scalar value needs ':' (only message values may omit it)",
      fixes: [Fix("insert ':'", edits: [Edit(span(at, at), ":")])]))
  }

  @inline(never)
  mutating func reportNoValue(_ name: FieldName) {
    report(.error(
      .unexpectedToken, at: span(name.range.lowerBound, name.range.upperBound),
      "field '\(text(name.range.lowerBound, name.range.upperBound))' has no value",
      help: "write 'name: value' or 'name { … }'"))
  }

  @inline(never)
  mutating func reportUnexpectedAfterName(_ name: FieldName) {
    report(.error(
      .unexpectedToken, at: span(current),
      "expected ':' or '{' after field name '\(text(name.range.lowerBound, name.range.upperBound))', found \(foundDescription)"))
  }

  @inline(never)
  mutating func reportExpectedValue(after colon: Token) {
    report(.error(
      .unexpectedToken, at: span(current), "expected a value after ':', found \(foundDescription)",
      labels: [Label(span(colon), "value expected after this")]))
  }

  /// `current` closes `open` with the wrong delimiter.
  @inline(never)
  mutating func reportMismatched(_ open: Token, closer: TokenKind) {
    if current.kind == .rightBracket {
      report(.error(
        .mismatchedDelimiter, at: span(current), "']' cannot close \(open.kind.displayName)",
        labels: [Label(span(open), "opened here")]))
      return
    }
    report(.error(
      .mismatchedDelimiter, at: span(current),
      "\(open.kind.displayName) is closed by \(current.kind.displayName)",
      labels: [Label(span(open), "opened here")],
      help: "close '\(text(open))' with \(closer.displayName)",
      fixes: [Fix("use \(closer.displayName)", edits: [Edit(span(current), closer == .rightBrace ? "}" : ">")])]))
  }

  @inline(never)
  mutating func reportInList(_ open: Token, expected: String) {
    report(.error(
      .unexpectedToken, at: span(current), "expected \(expected), found \(foundDescription)",
      labels: [Label(span(open), "list opened here")]))
  }

  @inline(never)
  mutating func reportTrailingComma(_ comma: Token) {
    report(.error(
      .unexpectedToken, at: span(comma), "a list cannot end with ','",
      help: "TensorFlow's parser rejects a trailing comma in a list",
      fixes: [Fix("remove the comma", edits: [Edit(span(comma), "")])]))
  }

  @inline(never)
  mutating func reportUnclosed(_ open: Token, closer: TokenKind, name: FieldName?) {
    guard !skippedToEndAtDepthLimit else { return }
    let what = name.map { "'\(text($0.range.lowerBound, $0.range.upperBound))'" }
      ?? (open.kind == .leftBracket ? "the list" : "the block")
    var notes: [Note] = []
    if let (line, field) = lineWhereBlockLikelyEnds(open) {
      notes.append(Note(
        "'\(field)' on line \(line) is indented like \(what) but is read as part of it; a '}' is probably missing before line \(line)"))
    }
    report(.error(
      .unclosedDelimiter, at: span(current),
      "expected \(closer.displayName) to close \(what) opened at \(location(open.start)), found \(foundDescription)",
      labels: [Label(span(open), "opened here")],
      notes: notes,
      help: "add \(closer.displayName) where \(what) ends"))
  }

  /// The first later line that starts a field indented no deeper than the
  /// opener's line, with that field's name: where a forgotten `}` most likely belongs.
  mutating func lineWhereBlockLikelyEnds(_ open: Token) -> (Int, String)? {
    let index = lineIndex()
    let openLine = index.lineIndex(of: open.start)
    let openIndent = indentation(index.lineRange(openLine))
    var line = openLine + 1
    while line < index.lineCount {
      let range = index.lineRange(line)
      let indent = indentation(range)
      let first = range.lowerBound + indent
      if first < range.upperBound, isIdentifierStart(bytes[first]), indent <= openIndent {
        var end = first
        while end < range.upperBound, isIdentifierContinue(bytes[end]) { end += 1 }
        return (line + 1, text(first, end))
      }
      line += 1
    }
    return nil
  }

  func indentation(_ range: Range<Int>) -> Int {
    var i = range.lowerBound
    while i < range.upperBound, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
    return i - range.lowerBound
  }

  @inline(never)
  mutating func reportDepth(_ open: Token) {
    guard !reportedDepth else { return }
    reportedDepth = true
    report(.error(
      .nestingTooDeep, at: span(open),
      "nesting deeper than \(options.maxDepth) levels; the nested block is skipped",
      help: "no pipeline.config nests this deep: look for a generated or corrupted file"))
  }

  @inline(never)
  mutating func reportSweepSyntax() {
    let at = current
    report(.error(
      .sweepSyntaxInConfig, at: span(at.start, max(at.end, peekNext().end)),
      "'@' starts sweep syntax, which a plain pipeline.config cannot hold",
      help: "name the file *.sweep and run 'pipec expand' to turn it into plain configs"))
    advance()
  }
}
