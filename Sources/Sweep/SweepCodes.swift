import Diagnostics

// Codes of sweep expansion. Never rename or reuse one.
extension DiagnosticCode {
  /// A sweep that cannot be expanded as written: linked axes of different
  /// lengths, a range that never reaches its end, a distribution in a grid.
  package static let invalidSweep = DiagnosticCode("invalid-sweep")
  /// `@extends` naming a base that cannot be read or is not a plain config.
  package static let missingBase = DiagnosticCode("missing-base")
  /// A derived value `@(…)` that cannot be computed for some points: an
  /// unknown reference, division by zero, a fraction for an integer field.
  package static let badDerivedValue = DiagnosticCode("bad-derived-value")
  /// More points than `--max-trials` allows.
  package static let tooManyPoints = DiagnosticCode("too-many-points")
  /// Points that expand to the same config (merged into the first).
  package static let duplicatePoints = DiagnosticCode("duplicate-points")
}

/// The sweep codes with a summary and a sweep file that produces each (`SweepTests` runs them).
package let sweepCodeCatalog: [DiagnosticCode.Info] = [
  .init(.invalidSweep, "a sweep that cannot be expanded",
        example: "train_config { batch_size: @choice[b](4, 8) num_steps: @choice[b](1, 2, 3) }"),
  .init(.missingBase, "a base config that cannot be read", example: "@extends \"stdlib:no_such_config\""),
  .init(.badDerivedValue, "a derived value that cannot be computed",
        example: "train_config { num_steps: 10 batch_size: @(train_config.num_steps / 4) }"),
  .init(.tooManyPoints, "more points than --max-trials allows",
        example: "train_config { num_steps: @range(1 to 20000) }"),
  .init(.duplicatePoints, "points that expand to the same config", example: "train_config { batch_size: @choice(8, 8) }"),
]
