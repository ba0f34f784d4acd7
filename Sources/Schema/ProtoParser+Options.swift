import Diagnostics
import Syntax

// Options and constants of the `.proto` reader: `option …;`, `[…]` lists, literals.
extension ProtoParser {
  // MARK: Options

  /// `option name = value;`
  mutating func parseOptionStatement() -> ProtoOption? {
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
  mutating func parseOption() -> ProtoOption? {
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

  struct StringLiteral {
    var bytes: [UInt8]
    var span: SourceSpan
  }

  /// One or more adjacent string literals at the current token, joined and unescaped.
  mutating func stringLiteral() -> StringLiteral? {
    guard current.kind == .string else { return nil }
    var decoded: [UInt8] = []
    let first = current
    var last = current
    while current.kind == .string {
      decodeLiteral(
        UnsafeBufferPointer(rebasing: bytes[(current.start + 1)..<(current.end - 1)]), dialect: .protoc, into: &decoded)
      last = current
      advance()
    }
    return StringLiteral(bytes: decoded, span: span(first).union(span(last)))
  }

  mutating func parseConstant() -> ProtoConstant? {
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
  mutating func parseOptionList() -> [ProtoOption]? {
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
}

