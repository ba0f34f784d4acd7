import Diagnostics
import Syntax

// Codes of the `.proto` reader and schema builder. Never rename or reuse one.
// Plain syntax errors reuse the front end's `unexpected-token` ("expected X, found Y")
// and `unclosed-delimiter` (a message or enum never closed).
extension DiagnosticCode {
  /// A `syntax` other than proto2/proto3, or an `edition` (editions are not supported).
  package static let unsupportedSyntax = DiagnosticCode("unsupported-syntax")
  /// A file without a `syntax` statement; read as proto2, as protoc does.
  package static let missingSyntax = DiagnosticCode("missing-syntax")
  /// An `import` found in no directory of the search path.
  package static let importNotFound = DiagnosticCode("import-not-found")
  /// A file that imports itself, directly or through others.
  package static let importCycle = DiagnosticCode("import-cycle")
  /// A `.proto` file that exists but cannot be read.
  package static let unreadableProto = DiagnosticCode("unreadable-proto")
  /// A type name that resolves to no message or enum.
  package static let unresolvedType = DiagnosticCode("unresolved-type")
  /// A type defined in a file that the using file does not import.
  package static let unimportedType = DiagnosticCode("unimported-type")
  /// A name that resolves to something other than what the place needs (an enum
  /// extended, a package used as a field type).
  package static let wrongKindOfType = DiagnosticCode("wrong-kind-of-type")
  /// Two definitions of the same full name (messages, enums, or enum values,
  /// which share their enclosing scope as in C++).
  package static let duplicateSymbol = DiagnosticCode("duplicate-symbol")
  /// Two fields of one message with the same number.
  package static let duplicateFieldNumber = DiagnosticCode("duplicate-field-number")
  /// Two fields of one message with the same name.
  package static let duplicateFieldName = DiagnosticCode("duplicate-field-name")
  /// A field number outside 1 to 536870911, or in protobuf's own 19000 to 19999.
  package static let badFieldNumber = DiagnosticCode("bad-field-number")
  /// A field whose number or name the message has `reserved`.
  package static let reservedField = DiagnosticCode("reserved-field")
  /// Two enum values with one number, without `option allow_alias = true`.
  package static let duplicateEnumNumber = DiagnosticCode("duplicate-enum-number")
  /// An enum without values, or (proto3) whose first value is not zero.
  package static let badEnum = DiagnosticCode("bad-enum")
  /// A `[default = …]` that does not fit the field's type, or on a field that cannot have one.
  package static let badDefault = DiagnosticCode("bad-default")
  /// A proto2 field without `optional`, `required` or `repeated`, or `required` in proto3.
  package static let badLabel = DiagnosticCode("bad-label")
  /// A label on a field inside a `oneof`.
  package static let labelInOneof = DiagnosticCode("label-in-oneof")
  /// A `map<K, V>` whose key is not an integer, bool or string type, or a map with a label.
  package static let badMapField = DiagnosticCode("bad-map-field")
  /// `group` fields, which pipec does not support (they are deprecated in protobuf).
  package static let unsupportedGroup = DiagnosticCode("unsupported-group")
  /// An extension field whose number is in none of the extendee's `extensions` ranges,
  /// or an `extensions` range overlapping a field.
  package static let extensionOutOfRange = DiagnosticCode("extension-out-of-range")
  /// An option value of the wrong type (`allow_alias = 1`, `deprecated = "yes"`).
  package static let badOptionValue = DiagnosticCode("bad-option-value")
}

/// The schema codes with a summary and a minimal `.proto` example each; a test runs every example.
package let schemaCodeCatalog: [DiagnosticCode.Info] = [
  .init(.unsupportedSyntax, "a syntax other than proto2/proto3, or an edition", example: "edition = \"2023\";"),
  .init(.missingSyntax, "no syntax statement", example: "message A {}"),
  .init(.importNotFound, "an import found nowhere on the search path",
        example: "syntax = \"proto2\";\nimport \"missing/thing.proto\";"),
  .init(.importCycle, "a file importing itself", example: "syntax = \"proto2\";\nimport \"example.proto\";"),
  .init(.unreadableProto, "a .proto file that cannot be read", example: ""),
  .init(.unresolvedType, "a type name that names nothing",
        example: "syntax = \"proto2\";\nmessage A { optional Missing m = 1; }"),
  .init(.unimportedType, "a type from a file that is not imported", example: ""),
  .init(.wrongKindOfType, "a name of the wrong kind",
        example: "syntax = \"proto2\";\nenum E { X = 0; }\nextend E { optional int32 f = 1; }"),
  .init(.duplicateSymbol, "a name defined twice", example: "syntax = \"proto2\";\nmessage A {}\nmessage A {}"),
  .init(.duplicateFieldNumber, "two fields with one number",
        example: "syntax = \"proto2\";\nmessage A { optional int32 a = 1; optional int32 b = 1; }"),
  .init(.duplicateFieldName, "two fields with one name",
        example: "syntax = \"proto2\";\nmessage A { optional int32 a = 1; optional int32 a = 2; }"),
  .init(.badFieldNumber, "a field number out of range",
        example: "syntax = \"proto2\";\nmessage A { optional int32 a = 0; }"),
  .init(.reservedField, "a reserved number or name used",
        example: "syntax = \"proto2\";\nmessage A { reserved 2; optional int32 a = 2; }"),
  .init(.duplicateEnumNumber, "an enum alias without allow_alias",
        example: "syntax = \"proto2\";\nenum E { A = 0; B = 0; }"),
  .init(.badEnum, "an enum without values", example: "syntax = \"proto2\";\nenum E {}"),
  .init(.badDefault, "a default that does not fit the type",
        example: "syntax = \"proto2\";\nmessage A { optional int32 a = 1 [default = 1.5]; }"),
  .init(.badLabel, "a missing or invalid field label", example: "syntax = \"proto2\";\nmessage A { int32 a = 1; }"),
  .init(.labelInOneof, "a label in a oneof",
        example: "syntax = \"proto2\";\nmessage A { oneof o { optional int32 a = 1; } }"),
  .init(.badMapField, "an invalid map key or a labelled map",
        example: "syntax = \"proto2\";\nmessage A { map<float, int32> m = 1; }"),
  .init(.unsupportedGroup, "a group field",
        example: "syntax = \"proto2\";\nmessage A { optional group G = 1 { optional int32 x = 2; } }"),
  .init(.extensionOutOfRange, "an extension outside the extendee's ranges",
        example: "syntax = \"proto2\";\nmessage A { extensions 100 to 199; }\nextend A { optional int32 x = 5; }"),
  .init(.badOptionValue, "an option value of the wrong type",
        example: "syntax = \"proto2\";\nenum E { option allow_alias = 1; A = 0; }"),
]
