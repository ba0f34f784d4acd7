import Diagnostics
import Syntax
import Testing

@testable import Schema

/// A `.proto` snippet (after `syntax = "proto2";` unless it sets its own) and the
/// diagnostics expected, as `t.proto:line:column code`.
struct ProtoCase: Sendable, CustomTestStringConvertible {
  let name: String
  let files: [String: String]
  let expected: [String]

  init(_ name: String, _ source: String, _ expected: [String]) {
    self.name = name
    let text = source.hasPrefix("syntax") || source.hasPrefix("edition") || source.hasPrefix("//")
      ? source : "syntax = \"proto2\";\n" + source
    files = ["t.proto": text]
    self.expected = expected.map { "t.proto:" + $0 }
  }

  init(_ name: String, files: [String: String], _ expected: [String]) {
    self.name = name
    self.files = files
    self.expected = expected
  }

  var testDescription: String { name }
}

private let p2 = "syntax = \"proto2\";\n"

@Test(arguments: [
  ProtoCase("valid message", "message A { optional int32 a = 1; repeated string b = 2; }", []),
  ProtoCase("unknown type", "message A { optional Missing m = 1; }", ["2:22 unresolved-type"]),
  ProtoCase("duplicate field number", "message A { optional int32 a = 1; optional int32 b = 1; }",
            ["2:54 duplicate-field-number"]),
  ProtoCase("duplicate field name", "message A { optional int32 a = 1; optional int32 a = 2; }",
            ["2:50 duplicate-field-name"]),
  ProtoCase("float default for int32", "message A { optional int32 a = 1 [default = 1.5]; }", ["2:45 bad-default"]),
  ProtoCase("negative default for uint32", "message A { optional uint32 a = 1 [default = -1]; }",
            ["2:46 bad-default"]),
  ProtoCase("int32 default too large", "message A { optional int32 a = 1 [default = 2147483648]; }",
            ["2:45 bad-default"]),
  ProtoCase("enum default not a value", "enum E { X = 0; }\nmessage A { optional E e = 1 [default = Y]; }",
            ["3:41 bad-default"]),
  ProtoCase("integer default for bool", "message A { optional bool b = 1 [default = 1]; }", ["2:44 bad-default"]),
  ProtoCase("number default for string", "message A { optional string s = 1 [default = 3]; }",
            ["2:46 bad-default"]),
  ProtoCase("default on repeated", "message A { repeated int32 a = 1 [default = 2]; }", ["2:35 bad-default"]),
  ProtoCase("default on message", "message B {}\nmessage A { optional B b = 1 [default = 1]; }", ["3:41 bad-default"]),
  ProtoCase("missing import", "import \"nope.proto\";", ["2:8 import-not-found"]),
  ProtoCase("weak import may be missing", "import weak \"nope.proto\";", []),
  ProtoCase("missing import explains its unknown types",
            "import \"nope.proto\";\nmessage A { optional Nope n = 1; }", ["2:8 import-not-found"]),
  ProtoCase("unterminated message", "message A {\n  optional int32 a = 1;\n", ["2:11 unclosed-delimiter"]),
  ProtoCase("unterminated enum", "enum E {\n  X = 0;\n", ["2:8 unclosed-delimiter"]),
  ProtoCase("stray closing brace", "message A {}\n}", ["3:1 unmatched-delimiter"]),
  ProtoCase("map with float key", "message A { map<float, int32> m = 1; }", ["2:17 bad-map-field"]),
  ProtoCase("map with label", "message A { repeated map<string, int32> m = 1; }", ["2:13 bad-map-field"]),
  ProtoCase("map in oneof", "message A { oneof o { map<string, int32> m = 1; } }", ["2:23 bad-map-field"]),
  ProtoCase("map with unknown value type", "message A { map<string, Nope> m = 1; }", ["2:25 unresolved-type"]),
  ProtoCase("oneof member with label", "message A { oneof o { optional int32 a = 1; } }", ["2:23 label-in-oneof"]),
  ProtoCase("enum alias without allow_alias", "enum E { A = 0; B = 0; }", ["2:21 duplicate-enum-number"]),
  ProtoCase("enum alias with allow_alias", "enum E { option allow_alias = true; A = 0; B = 0; }", []),
  ProtoCase("allow_alias not a bool", "enum E { option allow_alias = 1; A = 0; }", ["2:31 bad-option-value"]),
  ProtoCase("empty enum", "enum E {}", ["2:6 bad-enum"]),
  ProtoCase("enum value names share the enclosing scope", "enum E { X = 0; }\nenum F { X = 0; }",
            ["3:10 duplicate-symbol"]),
  ProtoCase("expected '=' after field name", "message A { optional int32 a 1; }", ["2:30 unexpected-token"]),
  ProtoCase("expected ';' after field", "message A { optional int32 a = 1 }", ["2:34 unexpected-token"]),
  ProtoCase("one error per bad statement, then keep going",
            "message A { optional int32 a 1; optional int32 b = 2; optional Foo c = 3; }",
            ["2:30 unexpected-token", "2:64 unresolved-type"]),
  ProtoCase("garbage at top level", "messsage A {}", ["2:1 unexpected-token"]),
  ProtoCase("group", "message A { optional group G = 1 { optional int32 x = 2; } }", ["2:22 unsupported-group"]),
  ProtoCase("proto2 field without label", "message A { int32 a = 1; }", ["2:13 bad-label"]),
  ProtoCase("reserved number", "message A { reserved 2, 4 to 6; optional int32 a = 5; }", ["2:52 reserved-field"]),
  ProtoCase("reserved name", "message A { reserved \"a\"; optional int32 a = 1; }", ["2:42 reserved-field"]),
  ProtoCase("field number zero", "message A { optional int32 a = 0; }", ["2:32 bad-field-number"]),
  ProtoCase("field number of protobuf's own range", "message A { optional int32 a = 19001; }",
            ["2:32 bad-field-number"]),
  ProtoCase("field number too large", "message A { optional int32 a = 536870912; }", ["2:32 bad-field-number"]),
  ProtoCase("field inside extension range", "message A { extensions 10 to 20; optional int32 a = 15; }",
            ["2:53 extension-out-of-range"]),
  ProtoCase("extension outside the ranges", "message A { extensions 100 to 199; }\nextend A { optional int32 x = 5; }",
            ["3:31 extension-out-of-range"]),
  ProtoCase("extension inside the ranges", "message A { extensions 100 to max; }\nextend A { optional int32 x = 100; }",
            []),
  ProtoCase("extending an enum", "enum E { X = 0; }\nextend E { optional int32 f = 1; }", ["3:8 wrong-kind-of-type"]),
  ProtoCase("duplicate message", "message A {}\nmessage A {}", ["3:9 duplicate-symbol"]),
  ProtoCase("edition", "edition = \"2023\";\nmessage A {}", ["1:1 unsupported-syntax"]),
  ProtoCase("unknown syntax", "syntax = \"proto4\";\nmessage A {}", ["1:10 unsupported-syntax"]),
  ProtoCase("no syntax", "// nothing\nmessage A { optional int32 a = 1; }", ["1:1 missing-syntax"]),
  ProtoCase("proto3 required", "syntax = \"proto3\";\nmessage A { required int32 a = 1; }", ["2:13 bad-label"]),
  ProtoCase("proto3 default", "syntax = \"proto3\";\nmessage A { int32 a = 1 [default = 2]; }", ["2:26 bad-default"]),
  ProtoCase("proto3 enum starting at 1", "syntax = \"proto3\";\nenum E { A = 1; }", ["2:14 bad-enum"]),
  ProtoCase("proto3 implicit and optional fields", "syntax = \"proto3\";\nmessage A { int32 a = 1; optional B b = 2; }\nmessage B {}", []),
  ProtoCase("unterminated block comment", "/* never closed\nmessage A {}", ["2:1 unterminated-comment"]),
  ProtoCase("import cycle", files: [
    "a.proto": p2 + "import \"b.proto\";",
    "b.proto": p2 + "import \"a.proto\";",
  ], ["b.proto:2:8 import-cycle"]),
  ProtoCase("type from a file not imported", files: [
    "a.proto": p2 + "message T {}",
    "b.proto": p2 + "message U { optional T t = 1; }",
  ], ["b.proto:2:22 unimported-type"]),
  ProtoCase("type through import public", files: [
    "a.proto": p2 + "message T {}",
    "b.proto": p2 + "import public \"a.proto\";",
    "c.proto": p2 + "import \"b.proto\";\nmessage U { optional T t = 1; }",
  ], []),
  ProtoCase("type through a plain import of an import", files: [
    "a.proto": p2 + "message T {}",
    "b.proto": p2 + "import \"a.proto\";",
    "c.proto": p2 + "import \"b.proto\";\nmessage U { optional T t = 1; }",
  ], ["c.proto:3:22 unimported-type"]),
  ProtoCase("same message in two files", files: [
    "a.proto": p2 + "package p;\nmessage T {}",
    "b.proto": p2 + "package p;\nmessage T {}",
  ], ["b.proto:3:9 duplicate-symbol"]),
])
func protoDiagnostics(_ c: ProtoCase) {
  let load = loadProtos(c.files)
  #expect(describeDiagnostics(load) == c.expected)
}

@Test func syntaxErrorsSayWhatWasExpectedAndFound() throws {
  let load = loadProtos(["t.proto": p2 + "message A { optional int32 a 1; }"])
  let d = try #require(load.diagnostics.first)
  #expect(d.message == "expected '=' after field name, found '1'")
}

@Test func missingImportListsTheSearchPath() throws {
  var sources = SourceMap()
  var diagnostics: [Diagnostic] = []
  _ = Schema.load(
    roots: ["t.proto"], sources: &sources, diagnostics: &diagnostics, searchPath: ["protos", "vendor/protos"]
  ) { path in
    path == "t.proto" ? .found(displayPath: "protos/t.proto", bytes: Array((p2 + "import \"x/y.proto\";").utf8)) : .missing
  }
  let d = try #require(diagnostics.first)
  #expect(d.code == .importNotFound)
  #expect(d.message == "import \"x/y.proto\" not found")
  #expect(d.notes.map(\.message) == ["searched: protos, vendor/protos"])
  #expect(sources[d.span.file].path == "protos/t.proto")
}

@Test func unknownTypeSuggestsANearName() throws {
  let load = loadProtos(["t.proto": p2 + "message Anchor {}\nmessage A { optional Anchr a = 1; }"])
  let d = try #require(load.diagnostics.first)
  #expect(d.message == "unknown type 'Anchr'")
  #expect(d.help == "did you mean 'Anchor'?")
}

@Test func duplicateNumberPointsAtTheFirstField() throws {
  let load = loadProtos(["t.proto": p2 + "message A {\n  optional int32 a = 1;\n  optional int32 b = 1;\n}"])
  let d = try #require(load.diagnostics.first)
  let note = try #require(d.notes.first?.span)
  #expect(LineIndex(load.sources[note.file].bytes).byteLocation(of: note.start) == (3, 18))
}

/// Every example in the schema code catalogue produces its code (those needing
/// several files have no example and are covered by `protoDiagnostics`).
@Test(arguments: schemaCodeCatalog.filter { !$0.example.isEmpty }.map(\.code.rawValue))
func catalogExampleProducesItsCode(_ code: String) throws {
  let info = try #require(schemaCodeCatalog.first { $0.code.rawValue == code })
  let load = loadProtos(["example.proto": info.example])
  #expect(load.diagnostics.map(\.code.rawValue).contains(code), "\(describeDiagnostics(load))")
}
