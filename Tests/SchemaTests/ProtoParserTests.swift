import Diagnostics
import Testing

@testable import Schema

private func parse(_ text: String) -> (ProtoFile, [Diagnostic]) {
  var sources = SourceMap()
  let id = sources.add(path: "t.proto", text: text)
  var diagnostics: [Diagnostic] = []
  let file = ProtoParser.parse(sources[id], importPath: "t.proto", diagnostics: &diagnostics)
  return (file, diagnostics)
}

@Test func fileLevelStatementsAreKept() throws {
  let (file, diagnostics) = parse("""
    // Leading comment.
    syntax = "proto3";
    package a.b.c;
    import public "x.proto";
    import weak "y.proto";
    import "z.proto";
    option java_package = "com.example";
    option (my.custom).options.level = -3;
    option (.fully.qualified) = { name: "n" nested { value: 1 } list: [1, 2] };
    option optimize_for = SPEED;
    service Search { rpc Find (A) returns (A) { option deadline = 1; } }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics)")
  #expect(file.syntax == .proto3)
  #expect(file.package == "a.b.c")
  #expect(file.imports.map(\.path) == ["x.proto", "y.proto", "z.proto"])
  #expect(file.imports.map(\.kind) == [.public, .weak, .normal])
  #expect(file.options.map(\.name) == ["java_package", "(my.custom).options.level", "(.fully.qualified)", "optimize_for"])
  #expect(file.options[0].value.value == .string(Array("com.example".utf8)))
  #expect(file.options[1].value.value == .integer(magnitude: 3, negative: true))
  #expect(file.options[2].value.value == .aggregate("{ name: \"n\" nested { value: 1 } list: [1, 2] }"))
  #expect(file.options[3].value.value == .identifier("SPEED"))
}

@Test func messageBodyStatements() throws {
  let (file, diagnostics) = parse("""
    syntax = "proto2";
    message M {
      option deprecated = true;
      reserved 5, 9 to 11, 40 to max;
      reserved "old", "older";
      extensions 100 to 199, 300 [verification = UNVERIFIED];
      optional int32 a = 1 [packed = false, json_name = "A", (custom.opt) = 2, deprecated = true];
      oneof choice { option (o) = 1; string s = 2; M m = 3; }
      map<string, M> by_name = 4;
      enum E { option allow_alias = true; X = 0; Y = 0 [deprecated = true]; reserved 7; reserved "Z"; }
      extend M { optional int32 ext = 150; }
      message Inner {}
      ;
    }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics)")
  let m = try #require(file.messages.first)
  #expect(m.options.map(\.name) == ["deprecated"])
  #expect(m.reserved.ranges.map(\.range) == [5...5, 9...11, 40...maxFieldNumber])
  #expect(m.reserved.names.map(\.name) == ["old", "older"])
  #expect(m.extensionRanges.map(\.range) == [100...199, 300...300])
  #expect(m.fields.map(\.name) == ["a", "s", "m", "by_name"])
  #expect(m.fields[0].options.map(\.name) == ["packed", "json_name", "(custom.opt)", "deprecated"])
  #expect(m.fields.map(\.oneofIndex) == [nil, 0, 0, nil])
  #expect(m.oneofs.first?.options.map(\.name) == ["(o)"])
  #expect(m.fields[3].isMap && m.fields[3].label == .repeated)
  #expect(m.messages.map(\.name) == ["ByNameEntry", "Inner"])
  #expect(m.messages[0].isMapEntry)
  #expect(m.enums.first?.values.map(\.name) == ["X", "Y"])
  #expect(m.enums.first?.reserved.names.map(\.name) == ["Z"])
  #expect(m.extends.first?.fields.map(\.name) == ["ext"])
}

@Test(arguments: [
  ("class_id_xy_pairs_map", "ClassIdXyPairsMapEntry"),
  ("super_categories", "SuperCategoriesEntry"),
  ("a__b", "ABEntry"),
  ("x2y", "X2yEntry"),
])
func mapEntryNamesFollowProtoc(_ field: String, _ entry: String) {
  #expect(mapEntryName(field) == entry)
}

@Test func parsingTheBundledFilesReportsNothing() {
  for proto in bundledProtos {
    let (file, diagnostics) = parse(proto.text)
    #expect(diagnostics.isEmpty, "\(proto.path)")
    #expect(file.package == "object_detection.protos", "\(proto.path)")
  }
}

/// Random bytes (fixed seed) must not crash the reader, and every span stays in its file.
@Test func randomInputNeverCrashes() {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  let alphabet = Array("message enum oneof map<>{}[]()=;,.\"'/*\n 0123 optional repeated extend reserved to max A b _".utf8)
  for _ in 0..<300 {
    var bytes: [UInt8] = []
    for _ in 0..<Int(state % 200) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes.append(state >> 60 == 0 ? UInt8(truncatingIfNeeded: state >> 33) : alphabet[Int(state >> 33) % alphabet.count])
    }
    var sources = SourceMap()
    let id = sources.add(path: "r.proto", bytes: bytes)
    var diagnostics: [Diagnostic] = []
    let file = ProtoParser.parse(sources[id], importPath: "r.proto", diagnostics: &diagnostics)
    _ = SchemaBuilder.build([file], sources: sources, diagnostics: &diagnostics)
    for d in diagnostics { #expect(d.span.end <= bytes.count) }
  }
}
