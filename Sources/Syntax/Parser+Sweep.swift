import Diagnostics

// The sweep extension of the parser (`ParseOptions.sweep`, `grammar/sweep.ebnf`):
// directives, the `@append` marker and sweep expressions in value position.
// Errors are reported like any syntax error, and the expression becomes
// `Value.error`, so one mistake yields one diagnostic.
extension ParserState {
  /// The sweep functions after `@`, by name.
  static let sweepKinds: [String: SweepExpression.Kind] = [
    "choice": .choice, "range": .range, "uniform": .uniform, "loguniform": .loguniform, "randint": .randint,
  ]
  static let directiveNames = ["extends", "sweep", "append"]

  /// `@extends …`, `@sweep …` (recorded in `directives`, no field) or `@append field`.
  mutating func parseAtField(depth: Int) -> Field? {
    let at = current
    let next = peekNext()
    guard next.kind == .identifier, next.start == at.end else {
      reportUnknownSweepWord(at, next, known: Self.directiveNames, what: "a directive")
      advance()
      recover()
      return nil
    }
    let word = text(next)
    switch word {
    case "append":
      advance()
      advance()
      guard current.kind == .identifier || current.kind == .leftBracket else {
        report(.error(
          .unexpectedToken, at: span(current), "expected a repeated field after '@append', found \(foundDescription)"))
        recover()
        return nil
      }
      guard var field = parseField(depth: depth) else { return nil }
      field.appendMarker = UInt32(at.start)
      return field
    case "extends", "sweep":
      if depth > 0 || fieldTop > 0 {
        report(.error(
          .misplacedDirective, at: span(at.start, next.end),
          "'@\(word)' must come before the first field of the file",
          help: "move the directives to the top of the sweep file"))
      }
      advance()
      advance()
      if word == "extends" { parseExtends(at) } else { parseStrategy(at) }
      return nil
    default:
      reportUnknownSweepWord(at, next, known: Self.directiveNames, what: "a directive")
      advance()
      recover()
      return nil
    }
  }

  mutating func parseExtends(_ at: Token) {
    guard current.kind == .string, let value = parseScalar(), case .scalar(let path) = value else {
      report(.error(
        .unexpectedToken, at: span(current),
        "expected the base config as a string after '@extends', found \(foundDescription)",
        help: "write '@extends \"base.config\"' or '@extends \"stdlib:NAME\"'"))
      recover()
      return
    }
    directives.append(Directive(kind: .extends(path), range: TextRange(at.start, path.range.upperBound)))
  }

  /// `grid`, `one_at_a_time`, `random(trials: 60, seed: 7)`.
  mutating func parseStrategy(_ at: Token) {
    guard current.kind == .identifier else {
      report(.error(
        .unexpectedToken, at: span(current), "expected a strategy after '@sweep', found \(foundDescription)",
        help: "write '@sweep grid', '@sweep one_at_a_time' or '@sweep random(trials: 60, seed: 1)'"))
      recover()
      return
    }
    let strategy = current.range
    advance()
    let first = sweepItemStack.count
    var end = strategy.upperBound
    var parenthesised = false
    if current.kind == .leftParen {
      parenthesised = true
      let open = current
      advance()
      while current.kind != .rightParen {
        guard current.kind == .identifier, peekNext().kind == .colon else {
          reportInSweep(open, expected: "'name: value' or ')'")
          skipBalanced(from: .leftParen)
          return
        }
        let label = current.range
        advance()
        advance()
        guard isScalarStart(current.kind), let value = parseScalar() else {
          reportInSweep(open, expected: "a value")
          skipBalanced(from: .leftParen)
          return
        }
        sweepItemStack.append(SweepItem(label: label, value: value))
        if current.kind == .comma {
          advance()
        } else if current.kind != .rightParen {
          reportInSweep(open, expected: "',' or ')'")
          skipBalanced(from: .leftParen)
          return
        }
      }
      end = current.end
      advance()
    }
    directives.append(Directive(
      kind: .sweep(strategy: strategy, arguments: storeSweepItems(from: first), hasParentheses: parenthesised),
      range: TextRange(at.start, end)))
  }

  /// Moves the items pushed since `base` into `sweepItems` (inner expressions
  /// finish first, so each expression's items end up contiguous).
  mutating func storeSweepItems(from base: Int) -> IndexRange {
    let start = sweepItems.count
    sweepItems.append(contentsOf: sweepItemStack[base...])
    sweepItemStack.removeSubrange(base...)
    return IndexRange(start, sweepItems.count)
  }

  func isScalarStart(_ kind: TokenKind) -> Bool {
    kind == .identifier || kind == .integer || kind == .float || kind == .string || kind == .minus || kind == .plus
  }

  /// A sweep expression after `name:`; `current` is the `@`.
  mutating func parseSweepValue(depth: Int) -> Value? {
    let at = current
    advance()
    if current.kind == .leftParen, current.start == at.end {
      return parseDerived(at)
    }
    guard current.kind == .identifier, current.start == at.end, let kind = Self.sweepKinds[text(current)] else {
      reportUnknownSweepWord(at, current, known: Array(Self.sweepKinds.keys).sorted(), what: "a sweep function")
      if current.kind == .identifier { advance() }
      if current.kind == .leftParen {
        advance()
        skipBalanced(from: .leftParen)
      }
      return .error(TextRange(at.start, max(at.end, lastCodeEnd)))
    }
    let keyword = current
    advance()
    var name: TextRange?
    if current.kind == .leftBracket {
      let open = current
      advance()
      guard current.kind == .identifier else {
        reportInSweep(open, expected: "an axis name")
        recover()
        return .error(TextRange(at.start, max(at.end, lastCodeEnd)))
      }
      name = current.range
      advance()
      guard current.kind == .rightBracket else {
        reportInSweep(open, expected: "']' after the axis name")
        recover()
        return .error(TextRange(at.start, max(at.end, lastCodeEnd)))
      }
      advance()
    }
    guard current.kind == .leftParen else {
      report(.error(
        .unexpectedToken, at: span(current),
        "expected '(' after '@\(text(keyword))', found \(foundDescription)"))
      recover()
      return .error(TextRange(at.start, keyword.end))
    }
    let open = current
    advance()
    var expression = SweepExpression(kind: kind, name: name, items: .empty, range: TextRange(at.start, open.end))
    let first = sweepItemStack.count
    let ok: Bool
    switch kind {
    case .choice: ok = parseChoiceItems(open, depth: depth, into: &expression)
    case .range: ok = parseRangeItems(open, into: &expression)
    default: ok = parseBounds(open)
    }
    guard ok else {
      sweepItemStack.removeSubrange(first...)
      skipBalanced(from: .leftParen)
      return .error(TextRange(at.start, max(open.end, lastCodeEnd)))
    }
    expression.items = storeSweepItems(from: first)
    expression.range = TextRange(at.start, current.end)
    advance()  // ')'
    sweepStorage.append(expression)
    return .sweep(SweepRef(index: UInt32(sweepStorage.count - 1), range: expression.range))
  }

  /// Items up to (not past) the closing `)`; false after reporting an error.
  mutating func parseChoiceItems(_ open: Token, depth: Int, into expression: inout SweepExpression) -> Bool {
    while current.kind != .rightParen {
      var label: TextRange?
      if current.kind == .identifier, peekNext().kind == .colon {
        label = current.range
        advance()
        advance()
      }
      let value: Value
      switch current.kind {
      case .leftBrace, .leftAngle:
        value = .message(parseMessage(depth: depth + 1, name: nil))
      case .leftBracket where label.map({ text($0.lowerBound, $0.upperBound) == "weights" }) == true:
        let list = parseList(depth: depth)
        expression.weights = list
        label = nil
        if current.kind == .comma { advance() }
        guard current.kind == .rightParen else {
          reportInSweep(open, expected: "')' after the weights")
          return false
        }
        continue
      case let kind where isScalarStart(kind):
        guard let scalar = parseScalar() else { return false }
        value = scalar
      case .at:
        report(.error(
          .unexpectedToken, at: span(current), "a sweep expression cannot be an item of another one",
          help: "put the inner expression inside a message alternative: 'label: { field: @choice(…) }'"))
        return false
      default:
        reportInSweep(open, expected: "a value or a message")
        return false
      }
      if case .error = value { return false }
      sweepItemStack.append(SweepItem(label: label, value: value))
      if current.kind == .comma {
        advance()
      } else if current.kind != .rightParen {
        reportInSweep(open, expected: "',' or ')'")
        return false
      }
    }
    return true
  }

  /// `a to b`, `a to b step s` or `a to b times f`.
  mutating func parseRangeItems(_ open: Token, into expression: inout SweepExpression) -> Bool {
    guard parseNumberItem(open) else { return false }
    guard current.kind == .identifier, text(current) == "to" else {
      reportInSweep(open, expected: "'to'")
      return false
    }
    advance()
    guard parseNumberItem(open) else { return false }
    if current.kind == .identifier, text(current) == "step" || text(current) == "times" {
      expression.rangeMode = text(current) == "step" ? .step : .times
      advance()
      guard parseNumberItem(open) else { return false }
    }
    guard current.kind == .rightParen else {
      reportInSweep(open, expected: "'step', 'times' or ')'")
      return false
    }
    return true
  }

  /// `a, b` for a distribution.
  mutating func parseBounds(_ open: Token) -> Bool {
    guard parseNumberItem(open) else { return false }
    guard current.kind == .comma else {
      reportInSweep(open, expected: "',' between the bounds")
      return false
    }
    advance()
    guard parseNumberItem(open) else { return false }
    guard current.kind == .rightParen else {
      reportInSweep(open, expected: "')' after the bounds")
      return false
    }
    return true
  }

  mutating func parseNumberItem(_ open: Token) -> Bool {
    let startsNumber = current.kind == .integer || current.kind == .float
      || ((current.kind == .minus || current.kind == .plus) && [.integer, .float].contains(peekNext().kind))
    guard startsNumber, let value = parseScalar(), case .scalar = value else {
      reportInSweep(open, expected: "a number")
      return false
    }
    sweepItemStack.append(SweepItem(label: nil, value: value))
    return true
  }

  // MARK: Derived values

  /// `@(expr)`; `current` is the `(`.
  mutating func parseDerived(_ at: Token) -> Value? {
    let open = current
    advance()
    guard let root = parseSum(open), current.kind == .rightParen else {
      if current.kind != .rightParen, !stopped { reportInSweep(open, expected: "an operator or ')'") }
      skipBalanced(from: .leftParen)
      return .error(TextRange(at.start, max(open.end, lastCodeEnd)))
    }
    var expression = SweepExpression(kind: .derived, name: nil, items: .empty, range: TextRange(at.start, current.end))
    expression.expression = root
    advance()
    sweepStorage.append(expression)
    return .sweep(SweepRef(index: UInt32(sweepStorage.count - 1), range: expression.range))
  }

  mutating func appendNode(_ node: SweepExprNode) -> UInt32 {
    exprStorage.append(node)
    return UInt32(exprStorage.count - 1)
  }

  mutating func parseSum(_ open: Token) -> UInt32? {
    guard var lhs = parseProduct(open) else { return nil }
    while current.kind == .plus || current.kind == .minus {
      let op: UInt8 = current.kind == .plus ? UInt8(ascii: "+") : UInt8(ascii: "-")
      advance()
      guard let rhs = parseProduct(open) else { return nil }
      lhs = appendNode(.binary(op, lhs, rhs, range: exprStorage[Int(lhs)].range.union(exprStorage[Int(rhs)].range)))
    }
    return lhs
  }

  mutating func parseProduct(_ open: Token) -> UInt32? {
    guard var lhs = parseFactor(open) else { return nil }
    while current.kind == .star || current.kind == .slash {
      let op: UInt8 = current.kind == .star ? UInt8(ascii: "*") : UInt8(ascii: "/")
      advance()
      guard let rhs = parseFactor(open) else { return nil }
      lhs = appendNode(.binary(op, lhs, rhs, range: exprStorage[Int(lhs)].range.union(exprStorage[Int(rhs)].range)))
    }
    return lhs
  }

  mutating func parseFactor(_ open: Token) -> UInt32? {
    switch current.kind {
    case .minus:
      let start = current.start
      advance()
      guard let operand = parseFactor(open) else { return nil }
      return appendNode(.negate(operand, range: TextRange(start, exprStorage[Int(operand)].range.upperBound)))
    case .leftParen:
      let inner = current
      advance()
      guard let operand = parseSum(inner) else { return nil }
      guard current.kind == .rightParen else {
        reportInSweep(inner, expected: "an operator or ')'")
        return nil
      }
      let range = TextRange(inner.start, current.end)
      advance()
      return appendNode(.group(operand, range: range))
    case .integer, .float:
      guard let value = parseScalar(), case .scalar(let scalar) = value else { return nil }
      return appendNode(.number(scalar))
    case .identifier:
      let first = rangeStorage.count
      let start = current.start
      rangeStorage.append(current.range)
      var end = current.end
      advance()
      while current.kind == .dot {
        advance()
        guard current.kind == .identifier else {
          reportInSweep(open, expected: "a field name after '.'")
          return nil
        }
        rangeStorage.append(current.range)
        end = current.end
        advance()
      }
      return appendNode(.reference(components: IndexRange(first, rangeStorage.count), range: TextRange(start, end)))
    default:
      reportInSweep(open, expected: "a number, a field path or '('")
      return nil
    }
  }

  // MARK: Reports

  @inline(never)
  mutating func reportInSweep(_ open: Token, expected: String) {
    report(.error(
      .unexpectedToken, at: span(current), "expected \(expected), found \(foundDescription)",
      labels: [Label(span(open), "opened here")]))
  }

  @inline(never)
  mutating func reportUnknownSweepWord(_ at: Token, _ word: Token, known: [String], what: String) {
    guard word.kind == .identifier, word.start == at.end else {
      report(.error(
        .unexpectedToken, at: span(at), "expected \(what) right after '@'",
        help: "write '@' and the name without a space: '@choice(…)', '@extends \"…\"'"))
      return
    }
    let found = text(word)
    let nearest = known.min { levenshteinDistance(found, $0) < levenshteinDistance(found, $1) }
    let suggestion = nearest.flatMap { levenshteinDistance(found, $0) <= 2 ? $0 : nil }
    report(.error(
      .unknownSweepFunction, at: span(at.start, word.end), "unknown sweep word '@\(found)'",
      help: suggestion.map { "did you mean '@\($0)'?" } ?? "expected one of \(known.map { "@" + $0 }.joined(separator: ", "))",
      fixes: suggestion.map { [Fix("use '@\($0)'", edits: [Edit(span(word), $0)])] } ?? []))
  }
}
