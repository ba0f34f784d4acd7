import Testing

@testable import Schema

/// Files, a field (`Message.field`, by full message name) and the full name its type resolves to.
struct ScopeCase: Sendable, CustomTestStringConvertible {
  let name: String
  let files: [String: String]
  let field: String
  let resolvesTo: String
  var testDescription: String { name }
}

private let p2 = "syntax = \"proto2\";\n"

@Test(arguments: [
  ScopeCase(
    name: "nested type shadows an outer one",
    files: ["t.proto": p2 + "package p;\nmessage T {}\nmessage A { message T {} optional T t = 1; }"],
    field: "p.A.t", resolvesTo: "p.A.T"),
  ScopeCase(
    name: "outer type when no nested one",
    files: ["t.proto": p2 + "package p;\nmessage T {}\nmessage A { message B { optional T t = 1; } }"],
    field: "p.A.B.t", resolvesTo: "p.T"),
  ScopeCase(
    name: "fully qualified name skips the nested one",
    files: ["t.proto": p2 + "package p;\nmessage T {}\nmessage A { message T {} optional .p.T t = 1; }"],
    field: "p.A.t", resolvesTo: "p.T"),
  ScopeCase(
    name: "relative Outer.Inner",
    files: ["t.proto": p2 + "package p;\nmessage Outer { message Inner {} }\nmessage A { optional Outer.Inner i = 1; }"],
    field: "p.A.i", resolvesTo: "p.Outer.Inner"),
  ScopeCase(
    name: "sibling nested type from a nested message",
    files: ["t.proto": p2 + "package p;\nmessage A { message B {} message C { optional B b = 1; } }"],
    field: "p.A.C.b", resolvesTo: "p.A.B"),
  ScopeCase(
    name: "package-qualified name from another package",
    files: [
      "a.proto": p2 + "package lib.util;\nmessage T {}",
      "b.proto": p2 + "package app;\nimport \"a.proto\";\nmessage A { optional lib.util.T t = 1; }",
    ],
    field: "app.A.t", resolvesTo: "lib.util.T"),
  ScopeCase(
    name: "parent package is a scope",
    files: [
      "a.proto": p2 + "package corp;\nmessage T {}",
      "b.proto": p2 + "package corp.team;\nimport \"a.proto\";\nmessage A { optional T t = 1; }",
    ],
    field: "corp.team.A.t", resolvesTo: "corp.T"),
  ScopeCase(
    name: "partial package name relative to an enclosing package",
    files: [
      "a.proto": p2 + "package corp.lib;\nmessage T {}",
      "b.proto": p2 + "package corp.app;\nimport \"a.proto\";\nmessage A { optional lib.T t = 1; }",
    ],
    field: "corp.app.A.t", resolvesTo: "corp.lib.T"),
  ScopeCase(
    name: "nested enum",
    files: ["t.proto": p2 + "package p;\nmessage A { enum Mode { X = 0; } optional Mode m = 1; }"],
    field: "p.A.m", resolvesTo: "p.A.Mode"),
  ScopeCase(
    name: "no package",
    files: ["t.proto": p2 + "message T {}\nmessage A { optional T t = 1; optional .T u = 2; }"],
    field: "A.u", resolvesTo: "T"),
])
func scopeResolution(_ c: ScopeCase) throws {
  let load = loadProtos(c.files)
  #expect(load.diagnostics.isEmpty, "\(describeDiagnostics(load))")
  let dot = try #require(c.field.lastIndex(of: "."))
  let message = try #require(load.schema.message(String(c.field[..<dot])))
  let field = try #require(message.field(named: String(c.field[c.field.index(after: dot)...])))
  switch field.type {
  case .message(let id): #expect(load.schema[id].fullName == c.resolvesTo)
  case .enum(let id): #expect(load.schema[id].fullName == c.resolvesTo)
  default: Issue.record("not a named type: \(field.type)")
  }
}

/// protoc stops at the first scope holding a compound name's first part, even
/// when an outer scope would have the whole name.
@Test func compoundNameStopsAtFirstMatchOfItsFirstPart() {
  let load = loadProtos([
    "t.proto": p2 + "package p;\nmessage B { message C {} }\nmessage A { message B {} optional B.C c = 1; }",
  ])
  #expect(describeDiagnostics(load) == ["t.proto:4:35 unresolved-type"])
  #expect(load.diagnostics.first?.message == "unknown type 'B.C' (looked for 'p.A.B.C')")
}

@Test func extensionsAreKeyedByFullName() throws {
  let load = loadProtos([
    "t.proto": p2 + "package p;\nmessage A { extensions 100 to 199; }\nmessage Host { extend A { optional int32 x = 100; } }\nextend A { repeated string y = 101; }",
  ])
  #expect(load.diagnostics.isEmpty, "\(describeDiagnostics(load))")
  let a = try #require(load.schema.message(named: "p.A"))
  #expect(load.schema.extensions.map(\.fullName) == ["p.y", "p.Host.x"] || load.schema.extensions.map(\.fullName) == ["p.Host.x", "p.y"])
  for e in load.schema.extensions { #expect(e.extendee == a) }
  #expect(load.schema.extensions.first { $0.fullName == "p.y" }?.field.label == .repeated)
}
