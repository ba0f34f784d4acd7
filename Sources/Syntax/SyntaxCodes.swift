import Diagnostics

// Codes of the text-format front end. Never rename or reuse one.
extension DiagnosticCode {
  /// Bytes that are not valid UTF-8 (TensorFlow reads configs as UTF-8 text).
  package static let invalidUTF8 = DiagnosticCode("invalid-utf8")
  /// A character that starts no token, e.g. a typographic quote.
  package static let unexpectedCharacter = DiagnosticCode("unexpected-character")
  /// A string literal not closed before the end of its line.
  package static let unterminatedString = DiagnosticCode("unterminated-string")
  /// A `/* */` comment of a `.proto` file never closed.
  package static let unterminatedComment = DiagnosticCode("unterminated-comment")
  /// An escape no parser reads: `\x` without digits, `\400`, a short `\u`.
  /// (An unknown escape such as `\d` is a `python-only-syntax` warning.)
  package static let badEscape = DiagnosticCode("bad-escape")
  /// A malformed number: `0x`, `1e`, `09`, `10bar`.
  package static let badNumber = DiagnosticCode("bad-number")
  /// A token that cannot stand where it was found.
  package static let unexpectedToken = DiagnosticCode("unexpected-token")
  /// A `{`, `<` or `[` never closed.
  package static let unclosedDelimiter = DiagnosticCode("unclosed-delimiter")
  /// A closing `}`, `>` or `]` with no matching opener.
  package static let unmatchedDelimiter = DiagnosticCode("unmatched-delimiter")
  /// `{` closed by `>` or `<` closed by `}`.
  package static let mismatchedDelimiter = DiagnosticCode("mismatched-delimiter")
  /// A scalar value given without the `:` that text format requires.
  package static let missingColon = DiagnosticCode("missing-colon")
  /// `//` or `/* */` comments, which text format does not have.
  package static let cStyleComment = DiagnosticCode("c-style-comment")
  /// Messages nested deeper than the parser's limit.
  package static let nestingTooDeep = DiagnosticCode("nesting-too-deep")
  /// More syntax errors than the cap; the rest of the file was skipped.
  package static let tooManyErrors = DiagnosticCode("too-many-errors")
  /// Syntax that TensorFlow's Python parser accepts but protobuf's C++ parser
  /// (and so most other tools) rejects: `+2`, `1_000`.
  package static let pythonOnlySyntax = DiagnosticCode("python-only-syntax")
  /// Syntax that protobuf's C++ parser accepts but TensorFlow's Python parser
  /// rejects: `- 4.6` (a space after the sign).
  package static let cppOnlySyntax = DiagnosticCode("cpp-only-syntax")
  /// Sweep syntax (`@…`) in a file read as a plain config.
  package static let sweepSyntaxInConfig = DiagnosticCode("sweep-syntax-in-config")
}

/// The syntax codes with a summary and a minimal example each; a test runs every example.
package let syntaxCodeCatalog: [DiagnosticCode.Info] = [
  .init(.invalidUTF8, "bytes that are not valid UTF-8", example: "name: \"caf\u{FFFD}\""),
  .init(.unexpectedCharacter, "a character that starts no token", example: "num_classes: 9$0"),
  .init(.unterminatedString, "a string not closed on its line", example: "label_map_path: \"data/map.pbtxt\n"),
  .init(.badEscape, "an incomplete or impossible escape", example: "input_path: \"data\\x.record\""),
  .init(.badNumber, "a malformed number", example: "num_steps: 0x"),
  .init(.unexpectedToken, "a token that cannot stand here", example: "model { : }"),
  .init(.unclosedDelimiter, "a block never closed", example: "train_config {\n  batch_size: 8\n"),
  .init(.unmatchedDelimiter, "a closing delimiter with no opener", example: "num_steps: 10 }"),
  .init(.mismatchedDelimiter, "a block closed by the wrong delimiter", example: "model { ssd < num_classes: 1 } }"),
  .init(.missingColon, "a scalar value without ':'", example: "num_steps 1000"),
  .init(.cStyleComment, "a `//` comment", example: "// training settings\nnum_steps: 1"),
  .init(.nestingTooDeep, "nesting beyond the limit", example: String(repeating: "a {", count: 600)),
  .init(.tooManyErrors, "more errors than the cap", example: String(repeating: "a: $\n", count: 120)),
  .init(.pythonOnlySyntax, "accepted by Python's parser only", example: "num_steps: +1000"),
  .init(.cppOnlySyntax, "accepted by the C++ parser only", example: "momentum: - 0.9"),
  .init(.sweepSyntaxInConfig, "sweep syntax in a plain config", example: "num_steps: @choice(1, 2)"),
]

// Codes of the sweep extension's syntax (only `*.sweep` files produce them).
extension DiagnosticCode {
  /// `@` followed by a word that is no sweep function or directive: `@chioce(…)`.
  package static let unknownSweepFunction = DiagnosticCode("unknown-sweep-function")
  /// `@extends` or `@sweep` after the first field, or inside a message.
  package static let misplacedDirective = DiagnosticCode("misplaced-directive")
}

/// The sweep syntax codes, with examples read as `*.sweep` files (`SweepTests` runs them).
package let sweepSyntaxCodeCatalog: [DiagnosticCode.Info] = [
  .init(.unknownSweepFunction, "an unknown word after '@'", example: "num_steps: @chioce(1, 2)"),
  .init(.misplacedDirective, "a directive after the first field", example: "num_steps: 1\n@sweep grid"),
]
