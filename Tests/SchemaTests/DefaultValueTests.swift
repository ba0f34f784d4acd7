import Testing

@testable import Schema

/// A field type and `[default = …]` text, and the value expected (nil: a `bad-default`).
struct DefaultCase: Sendable, CustomTestStringConvertible {
  let type: String
  let literal: String
  let expected: DefaultValue?
  var testDescription: String { "\(type) = \(literal)" }
}

@Test(arguments: [
  DefaultCase(type: "int32", literal: "-2147483648", expected: .integer(-2_147_483_648)),
  DefaultCase(type: "int32", literal: "0x7fffffff", expected: .integer(2_147_483_647)),
  DefaultCase(type: "int32", literal: "-0x10", expected: .integer(-16)),
  DefaultCase(type: "int32", literal: "017", expected: .integer(15)),
  DefaultCase(type: "int32", literal: "0x80000000", expected: nil),
  DefaultCase(type: "uint32", literal: "4294967295", expected: .integer(4_294_967_295)),
  DefaultCase(type: "uint32", literal: "-1", expected: nil),
  DefaultCase(type: "int64", literal: "-9223372036854775808", expected: .integer(Int128(Int64.min))),
  DefaultCase(type: "uint64", literal: "18446744073709551615", expected: .integer(Int128(UInt64.max))),
  DefaultCase(type: "uint64", literal: "18446744073709551616", expected: nil),
  DefaultCase(type: "sint32", literal: "true", expected: nil),
  DefaultCase(type: "float", literal: "0.5", expected: .floatingPoint(0.5)),
  DefaultCase(type: "float", literal: "-2.19", expected: .floatingPoint(-2.19)),
  DefaultCase(type: "float", literal: "1e-8", expected: .floatingPoint(1e-8)),
  DefaultCase(type: "float", literal: ".5", expected: .floatingPoint(0.5)),
  DefaultCase(type: "double", literal: "10000", expected: .floatingPoint(10000)),
  DefaultCase(type: "double", literal: "inf", expected: .floatingPoint(.infinity)),
  DefaultCase(type: "double", literal: "-inf", expected: .floatingPoint(-.infinity)),
  DefaultCase(type: "float", literal: "nonsense", expected: nil),
  DefaultCase(type: "float", literal: "\"1\"", expected: nil),
  DefaultCase(type: "bool", literal: "true", expected: .bool(true)),
  DefaultCase(type: "bool", literal: "false", expected: .bool(false)),
  DefaultCase(type: "bool", literal: "True", expected: nil),
  DefaultCase(type: "string", literal: "\"a\\tb\\n\\\"q\\\"\"", expected: .string("a\tb\n\"q\"")),
  DefaultCase(type: "string", literal: "'single' \"joined\"", expected: .string("singlejoined")),
  DefaultCase(type: "string", literal: "\"caf\\u00e9 \\303\\251\"", expected: .string("café é")),
  DefaultCase(type: "string", literal: "\"\\xff\"", expected: nil),
  DefaultCase(type: "bytes", literal: "\"\\xff\\0\\x41\"", expected: .bytes([0xFF, 0, 0x41])),
  DefaultCase(type: "Mode", literal: "FAST", expected: .enumValue("FAST")),
  DefaultCase(type: "Mode", literal: "SLOW", expected: nil),
  DefaultCase(type: "Mode", literal: "1", expected: nil),
])
func defaultValues(_ c: DefaultCase) throws {
  let source = """
    syntax = "proto2";
    enum Mode { AUTO = 0; FAST = 1; }
    message A { optional \(c.type) f = 1 [default = \(c.literal)]; }
    """
  let load = loadProtos(["t.proto": source])
  let field = try #require(load.schema.message("A")?.field(named: "f"))
  if let expected = c.expected {
    #expect(load.diagnostics.isEmpty, "\(describeDiagnostics(load))")
    #expect(field.defaultValue == expected)
  } else {
    #expect(load.diagnostics.map(\.code) == [.badDefault], "\(describeDiagnostics(load))")
    #expect(field.defaultValue == nil)
  }
}

@Test func nanDefault() throws {
  let load = loadProtos(["t.proto": "syntax = \"proto2\";\nmessage A { optional double f = 1 [default = nan]; }"])
  guard case .floatingPoint(let value)? = load.schema.message("A")?.field(named: "f")?.defaultValue else {
    Issue.record("no floating-point default")
    return
  }
  #expect(value.isNaN)
}
