import Diagnostics

// Codes of the type checker. Never rename or reuse one.
extension DiagnosticCode {
  /// A field that the enclosing message type does not declare.
  package static let unknownField = DiagnosticCode("unknown-field")
  /// A bracketed `[extension]` or `[type.url/Any]` name that does not resolve.
  package static let unknownExtension = DiagnosticCode("unknown-extension")
  /// A value of the wrong kind for its field: a message where a number goes,
  /// a string for an integer, a float for an integer, a list for a singular field.
  package static let typeMismatch = DiagnosticCode("type-mismatch")
  /// An identifier that is not a value of the field's enum.
  package static let unknownEnumValue = DiagnosticCode("unknown-enum-value")
  /// An integer outside the range of its field's type.
  package static let integerOutOfRange = DiagnosticCode("integer-out-of-range")
  /// A non-repeated field given more than once in one message.
  package static let duplicateField = DiagnosticCode("duplicate-field")
  /// Two members of one `oneof` set in one message.
  package static let oneofConflict = DiagnosticCode("oneof-conflict")
  /// A `required` field that is not set.
  package static let missingRequiredField = DiagnosticCode("missing-required-field")
  /// A `string` field whose escapes produce bytes that are not UTF-8.
  package static let nonUTF8String = DiagnosticCode("non-utf8-string")
}

/// The checker's codes with a summary and a minimal pipeline.config that produces each.
package let checkCodeCatalog: [DiagnosticCode.Info] = [
  .init(.unknownField, "a field its message does not declare", example: "model { sdd { } }"),
  .init(.unknownExtension, "a bracketed name that does not resolve", example: "[pkg.no_such_extension]: 1"),
  .init(.typeMismatch, "a value of the wrong kind", example: "train_config { num_steps: 1e5 }"),
  .init(.unknownEnumValue, "a name its enum does not have", example: "train_config { fine_tune_checkpoint_version: V3 }"),
  .init(.integerOutOfRange, "an integer too large or negative for its type", example: "train_config { batch_size: -1 }"),
  .init(.duplicateField, "a singular field set twice", example: "train_config { batch_size: 8 batch_size: 16 }"),
  .init(.oneofConflict, "two members of one oneof",
        example: "train_config { optimizer { adam_optimizer { } momentum_optimizer { } } }"),
  // The bundled schema declares no required field; forks loaded with
  // --proto-path may. The test runs this example against such a schema.
  .init(.missingRequiredField, "a required field left unset", example: "item { }"),
  .init(.nonUTF8String, "a string field that is not UTF-8",
        example: "train_config { fine_tune_checkpoint: \"\\377\" }"),
]
