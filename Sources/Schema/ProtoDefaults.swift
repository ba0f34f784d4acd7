import Diagnostics

/// Interprets a field's `[default = …]` constant for the field's type.
///
/// Integers (decimal, hex, octal, negative) must fit the type; floats accept
/// integers, `inf`, `-inf` and `nan`; bools only `true`/`false`; strings must be
/// UTF-8 (bytes need not); enum defaults must name a value of the enum.
/// Returns nil after appending a `bad-default` diagnostic.
func parseDefault(
  _ constant: ProtoConstant, for type: FieldType, enums: [EnumDescriptor], diagnostics: inout [Diagnostic]
) -> DefaultValue? {
  func fail(_ message: String, help: String? = nil) -> DefaultValue? {
    diagnostics.append(.error(.badDefault, at: constant.span, message, help: help))
    return nil
  }
  let typeName = describe(type, enums: enums)
  switch type {
  case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .fixed32, .fixed64, .sfixed32, .sfixed64:
    guard case .integer(let magnitude, let negative) = constant.value else {
      return fail("default of a \(typeName) field must be an integer, found \(describe(constant))")
    }
    guard let range = type.integerRange, let magnitude else {
      return fail("default \(describe(constant)) does not fit \(typeName)")
    }
    let value = negative ? -Int128(magnitude) : Int128(magnitude)
    guard value >= range.min, value <= range.max else {
      return fail("default \(value) is out of range for \(typeName) (\(range.min) to \(range.max))")
    }
    return .integer(value)
  case .float, .double:
    switch constant.value {
    case .integer(let magnitude?, let negative):
      return .floatingPoint(negative ? -Double(magnitude) : Double(magnitude))
    case .float(let value):
      return .floatingPoint(value)
    case .identifier("inf"), .identifier("infinity"):
      return .floatingPoint(.infinity)
    case .negativeIdentifier("inf"), .negativeIdentifier("infinity"):
      return .floatingPoint(-.infinity)
    case .identifier("nan"), .negativeIdentifier("nan"):
      return .floatingPoint(.nan)
    default:
      return fail(
        "default of a \(typeName) field must be a number, 'inf', '-inf' or 'nan', found \(describe(constant))")
    }
  case .bool:
    switch constant.value {
    case .identifier("true"): return .bool(true)
    case .identifier("false"): return .bool(false)
    default: return fail("default of a bool field must be 'true' or 'false', found \(describe(constant))")
    }
  case .string:
    guard case .string(let bytes) = constant.value else {
      return fail("default of a string field must be a quoted string, found \(describe(constant))")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return fail("default of a string field must be valid UTF-8", help: "use a bytes field for binary data")
    }
    return .string(text)
  case .bytes:
    guard case .string(let bytes) = constant.value else {
      return fail("default of a bytes field must be a quoted string, found \(describe(constant))")
    }
    return .bytes(bytes)
  case .enum(let id):
    let e = enums[id.index]
    guard case .identifier(let name) = constant.value else {
      return fail("default of an enum field must be a value name of \(e.name), found \(describe(constant))")
    }
    guard e.value(named: name) != nil else {
      let names = e.values.map(\.name).joined(separator: ", ")
      return fail("'\(name)' is not a value of enum \(e.name)", help: "values of \(e.name): \(names)")
    }
    return .enumValue(name)
  case .message:
    return fail("message fields cannot have a default value")
  }
}

/// How a type reads in messages: `int32`, `enum Mode`, `message Foo`.
func describe(_ type: FieldType, enums: [EnumDescriptor]) -> String {
  if case .enum(let id) = type, id.index < enums.count { return "enum \(enums[id.index].name)" }
  return type.keyword
}

private func describe(_ constant: ProtoConstant) -> String {
  switch constant.value {
  case .identifier(let name): "'\(name)'"
  case .negativeIdentifier(let name): "'-\(name)'"
  case .integer(let magnitude?, let negative): negative ? "-\(magnitude)" : "\(magnitude)"
  case .integer(nil, _): "an integer beyond 64 bits"
  case .float(let value): "\(value)"
  case .string: "a string"
  case .aggregate: "a '{ … }' value"
  }
}
