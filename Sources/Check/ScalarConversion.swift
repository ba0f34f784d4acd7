import Diagnostics
import Schema
import Syntax

/// Literal → typed value, by the rules of protobuf's Python text-format parser
/// (TensorFlow's reader), noting where protobuf's C++ parser differs.
extension Checker {
  mutating func convert(_ scalar: Scalar, to field: FieldDescriptor, path: [Enclosing]) -> TypedValue? {
    let range = scalar.range
    switch field.type {
    case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .fixed32, .fixed64, .sfixed32, .sfixed64:
      guard let value = integer(scalar, for: field, path: path) else { return nil }
      return TypedValue(.integer(value), range: range)
    case .float, .double:
      guard let value = floatingPoint(scalar, for: field, path: path) else { return nil }
      return TypedValue(.floatingPoint(value), range: range)
    case .bool:
      guard let value = bool(scalar, for: field, path: path) else { return nil }
      return TypedValue(.bool(value), range: range)
    case .string, .bytes:
      guard scalar.kind == .string else {
        let text = tree.text(scalar.range)
        mismatch(
          scalar, field, path: path, "expected a quoted string for '\(field.name)', found \(scalarKindDescription(scalar))",
          fix: Fix("quote it", edits: [Edit(span(range), "\"\(text)\"")]))
        return nil
      }
      let bytes = tree.decodedBytes(of: scalar)
      if field.type == .bytes { return TypedValue(.bytes(bytes), range: range) }
      guard let string = String(validating: bytes, as: UTF8.self) else {
        report(
          .error(
            .nonUTF8String, at: span(range),
            "'\(field.name)' is a string field, but this value's escapes produce bytes that are not UTF-8",
            notes: [Note("TensorFlow's Python parser rejects it; protobuf's C++ parser accepts it")],
            help: "write the text itself, or \\u escapes for non-ASCII characters"),
          path: path, field: field.name)
        return nil
      }
      return TypedValue(.string(string), range: range)
    case .enum(let id):
      guard let value = enumValue(scalar, schema[id], for: field, path: path) else { return nil }
      return TypedValue(.enumValue(name: value.name, number: value.number), range: range)
    case .message:
      preconditionFailure("callers handle message fields")
    }
  }

  // MARK: Integers

  mutating func integer(_ scalar: Scalar, for field: FieldDescriptor, path: [Enclosing]) -> Int128? {
    let text = tree.text(scalar.literal)
    switch scalar.kind {
    case .integer:
      break
    case .float:
      var fix: Fix?
      if let value = Double(text.filter { $0 != "_" && $0 != "f" && $0 != "F" }), value.rounded() == value,
        abs(value) < 1e18
      {
        let integral = (scalar.sign == .minus ? "-" : "") + String(Int64(value))
        fix = Fix("write \(integral)", edits: [Edit(span(scalar.range), integral)])
      }
      mismatch(
        scalar, field, path: path,
        "'\(field.name)' is an integer (\(scalarTypeName(field.type))), but '\(tree.text(scalar.range))' is written as a float",
        fix: fix)
      return nil
    default:
      mismatch(
        scalar, field, path: path,
        "'\(field.name)' is an integer (\(scalarTypeName(field.type))), not \(scalarKindDescription(scalar))",
        fix: quotedNumberFix(scalar))
      return nil
    }
    guard let magnitude = parseMagnitude(text, flags: scalar.flags) else {
      reportRange(scalar, field, path: path)
      return nil
    }
    let value = scalar.sign == .minus ? -magnitude : magnitude
    if let (minimum, maximum) = field.type.integerRange, value < minimum || value > maximum {
      reportRange(scalar, field, path: path)
      return nil
    }
    return value
  }

  /// The unsigned value of an integer literal, or nil past 2^100 (out of every range).
  func parseMagnitude(_ text: String, flags: TokenFlags) -> Int128? {
    var digits = Substring(text)
    var radix: Int128 = 10
    if flags.contains(.hex) {
      digits = digits.dropFirst(2)
      radix = 16
    } else if flags.contains(.octal) {
      digits = digits.dropFirst()
      radix = 8
    }
    var value: Int128 = 0
    for character in digits where character != "_" {
      guard let digit = character.hexDigitValue else { return nil }
      value = value * radix + Int128(digit)
      if value > Int128(1) << 100 { return nil }
    }
    return value
  }

  mutating func reportRange(_ scalar: Scalar, _ field: FieldDescriptor, path: [Enclosing]) {
    let (minimum, maximum) = field.type.integerRange ?? (0, 0)
    let typeName = scalarTypeName(field.type)
    let negative = scalar.sign == .minus && minimum == 0
    report(
      .error(
        .integerOutOfRange, at: span(scalar.range),
        negative
          ? "'\(field.name)' is \(typeName), which cannot be negative"
          : "\(tree.text(scalar.range)) is out of range for '\(field.name)' (\(typeName): \(minimum) to \(maximum))"),
      path: path, field: field.name)
  }

  // MARK: Floats

  mutating func floatingPoint(_ scalar: Scalar, for field: FieldDescriptor, path: [Enclosing]) -> Double? {
    let text = tree.text(scalar.literal)
    let sign: Double = scalar.sign == .minus ? -1 : 1
    switch scalar.kind {
    case .integer, .float:
      if scalar.flags.contains(.hex) {
        mismatch(
          scalar, field, path: path,
          "TensorFlow's parser rejects a hexadecimal value for the float field '\(field.name)'",
          note: "protobuf's C++ parser accepts it")
        return nil
      }
      // Python rejects `017` and `01.5` for floats: a leading zero reads as octal.
      let bytes = Array(text.utf8)
      if bytes.count > 1, bytes[0] == UInt8(ascii: "0"), isASCIIDigit(bytes[1]) {
        mismatch(
          scalar, field, path: path,
          "TensorFlow's parser rejects '\(text)' for the float field '\(field.name)': a leading 0 reads as octal",
          fix: Fix("drop the leading zeros", edits: [Edit(span(scalar.literal), String(text.drop { $0 == "0" }.isEmpty ? "0" : text.drop { $0 == "0" }))]))
        return nil
      }
      let cleaned = text.filter { $0 != "_" && $0 != "f" && $0 != "F" }
      guard let value = Double(cleaned.hasPrefix(".") ? "0" + cleaned : cleaned) else {
        mismatch(scalar, field, path: path, "'\(text)' is not a number TensorFlow can read")
        return nil
      }
      return sign * value
    case .identifier:
      let lower = text.lowercased()
      switch lower {
      case "inf", "infinity": return sign * Double.infinity
      case "nan": return Double.nan
      case "inff", "infinityf", "nanf":
        report(
          .warning(
            .pythonOnlySyntax, at: span(scalar.range),
            "'\(text)': TensorFlow's Python parser accepts it, protobuf's C++ parser rejects it",
            help: "write '\(lower.dropLast())'",
            fixes: [Fix("drop the 'f'", edits: [Edit(span(scalar.literal), String(text.dropLast()))])]),
          path: path, field: field.name)
        return lower.hasPrefix("nan") ? Double.nan : sign * Double.infinity
      default:
        mismatch(
          scalar, field, path: path,
          "'\(field.name)' is a number (\(scalarTypeName(field.type))), not \(scalarKindDescription(scalar))")
        return nil
      }
    case .string:
      mismatch(
        scalar, field, path: path,
        "'\(field.name)' is a number (\(scalarTypeName(field.type))), not a string",
        fix: quotedNumberFix(scalar))
      return nil
    }
  }

  // MARK: Bools

  mutating func bool(_ scalar: Scalar, for field: FieldDescriptor, path: [Enclosing]) -> Bool? {
    let text = tree.text(scalar.literal)
    if scalar.sign == nil {
      switch (scalar.kind, text) {
      case (.identifier, "true"), (.identifier, "True"), (.identifier, "t"), (.integer, "1"): return true
      case (.identifier, "false"), (.identifier, "False"), (.identifier, "f"), (.integer, "0"): return false
      default: break
      }
    }
    var fix: Fix?
    switch text.lowercased() {
    case "true", "yes", "on", "\"true\"", "'true'":
      fix = Fix("write true", edits: [Edit(span(scalar.range), "true")])
    case "false", "no", "off", "\"false\"", "'false'":
      fix = Fix("write false", edits: [Edit(span(scalar.range), "false")])
    default:
      break
    }
    mismatch(
      scalar, field, path: path, "'\(field.name)' is a bool: expected true or false, found '\(tree.text(scalar.range))'",
      fix: fix)
    return nil
  }

  // MARK: Enums

  mutating func enumValue(
    _ scalar: Scalar, _ descriptor: EnumDescriptor, for field: FieldDescriptor, path: [Enclosing]
  ) -> EnumValueDescriptor? {
    let text = tree.text(scalar.literal)
    switch scalar.kind {
    case .identifier where scalar.sign == nil:
      if let value = descriptor.value(named: text) { return value }
      unknownEnumValue(scalar, text, descriptor, field, path: path)
      return nil
    case .integer where !scalar.flags.contains(.octal):
      let magnitude = parseMagnitude(text, flags: scalar.flags) ?? Int128(Int64.max)
      let number = scalar.sign == .minus ? -magnitude : magnitude
      if number >= Int128(Int32.min), number <= Int128(Int32.max), let value = descriptor.value(numbered: Int32(number)) {
        return value
      }
      report(
        .error(
          .unknownEnumValue, at: span(scalar.range),
          "\(descriptor.name) has no value numbered \(tree.text(scalar.range))",
          help: "use one of: \(enumListing(descriptor))"),
        path: path, field: field.name)
      return nil
    case .string:
      let inner = String(decoding: tree.decodedBytes(of: scalar), as: UTF8.self)
      var fixes: [Fix] = []
      if descriptor.value(named: inner) != nil {
        fixes.append(Fix("remove the quotes", edits: [Edit(span(scalar.range), inner)]))
      }
      mismatch(
        scalar, field, path: path,
        "'\(field.name)' is an enum (\(descriptor.name)): write the value name without quotes",
        fix: fixes.first)
      return nil
    default:
      mismatch(
        scalar, field, path: path,
        "'\(field.name)' is an enum (\(descriptor.name)), not \(scalarKindDescription(scalar))",
        help: "use one of: \(enumListing(descriptor))")
      return nil
    }
  }

  mutating func unknownEnumValue(
    _ scalar: Scalar, _ text: String, _ descriptor: EnumDescriptor, _ field: FieldDescriptor, path: [Enclosing]
  ) {
    let names = descriptor.values.map(\.name)
    let nearest = nearestNames(to: text, among: names)
    var fixes: [Fix] = []
    if let best = nearest.first {
      fixes.append(Fix("use \(best)", edits: [Edit(span(scalar.literal), best)], isSafe: nearest.count == 1))
    }
    let help = nearest.first.map { nearest.count == 1 ? "did you mean \($0)? " : "did you mean one of \(nearest.joined(separator: ", "))? " } ?? ""
    report(
      .error(
        .unknownEnumValue, at: span(scalar.range),
        "\(descriptor.name) has no value '\(text)'",
        help: help + "valid values: \(enumListing(descriptor))",
        fixes: fixes),
      path: path, field: field.name)
  }

  func enumListing(_ descriptor: EnumDescriptor) -> String {
    let names = descriptor.values.map(\.name)
    if names.count <= 12 { return names.joined(separator: ", ") }
    return names.prefix(12).joined(separator: ", ") + ", … (\(names.count) in all)"
  }

  // MARK: Shared

  mutating func mismatch(
    _ scalar: Scalar, _ field: FieldDescriptor, path: [Enclosing], _ message: String,
    note: String? = nil, help: String? = nil, fix: Fix? = nil
  ) {
    report(
      .error(
        .typeMismatch, at: span(scalar.range), message,
        notes: note.map { [Note($0)] } ?? [], help: help, fixes: fix.map { [$0] } ?? []),
      path: path, field: field.name)
  }

  /// `"16"` for a number field: offer the number without quotes.
  func quotedNumberFix(_ scalar: Scalar) -> Fix? {
    guard scalar.kind == .string else { return nil }
    let inner = String(decoding: tree.decodedBytes(of: scalar), as: UTF8.self)
    guard Double(inner) != nil else { return nil }
    return Fix("remove the quotes", edits: [Edit(span(scalar.range), inner)])
  }
}

func isASCIIDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
