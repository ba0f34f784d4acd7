import Diagnostics
import Syntax

// Declarations of the `.proto` reader: messages, fields, maps, oneofs, enums, extends.
extension ProtoParser {
  // MARK: Messages

  mutating func parseMessage() -> ProtoMessage? {
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

  mutating func unclosed(_ open: Token, _ what: String) {
    diagnostics.append(.error(
      .unclosedDelimiter, at: span(open), "'{' of \(what) is never closed",
      labels: [Label(span(current), "expected '}' before the end of the file")]))
  }

  /// One statement of a message body; false after reporting an error (the caller recovers).
  mutating func parseMessageItem(_ message: inout ProtoMessage) -> Bool {
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

  mutating func parseOneof(_ message: inout ProtoMessage) -> Bool {
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
  mutating func parseReserved() -> ProtoReserved? {
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
  mutating func parseRanges() -> ProtoReserved? {
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
  mutating func parseField(in message: inout ProtoMessage, oneof: Int?) -> ProtoField? {
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

  func isLabelWord() -> Bool {
    // `optional foo = 1;` in proto3 names a field of type `optional`? No: protoc treats
    // a label word followed by `=` as a type name, so do the same.
    guard peekKind() != .equals else { return false }
    return isWord("optional") || isWord("required") || isWord("repeated")
  }

  /// `name = number [options];` after the type.
  mutating func parseFieldRest(
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
  mutating func parseMapField(
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

  mutating func parseEnum() -> ProtoEnum? {
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

  mutating func parseEnumValue() -> ProtoEnumValue? {
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

  mutating func parseExtend() -> ProtoExtend? {
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
