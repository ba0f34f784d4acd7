import Diagnostics

// Codes of the lint engine itself (rule codes are the rule names). Never rename or reuse one.
extension DiagnosticCode {
  /// The target (TF1 or TF2) was not given and was inferred from the config.
  package static let inferredTarget = DiagnosticCode("inferred-target")
  /// A `# pipec: disable=…` comment that silenced nothing.
  package static let unusedSuppression = DiagnosticCode("unused-suppression")
  /// A `# pipec: disable=…` comment without `reason="…"`.
  package static let suppressionWithoutReason = DiagnosticCode("suppression-without-reason")
  /// A suppression or `.pipec.config` naming a rule that does not exist.
  package static let unknownLintRule = DiagnosticCode("unknown-lint-rule")
  /// A `# pipec:` comment that is not a directive pipec knows.
  package static let malformedSuppression = DiagnosticCode("malformed-suppression")
}

/// The lint engine's own codes with a summary and a minimal config that produces each.
package let lintCodeCatalog: [DiagnosticCode.Info] = [
  .init(.inferredTarget, "the TF1/TF2 target was inferred from the config",
        example: "model { ssd { feature_extractor { type: \"ssd_mobilenet_v2_keras\" } } }"),
  .init(.unusedSuppression, "a suppression that silences nothing",
        example: "train_config { num_steps: 10 }  # pipec: disable=low-momentum reason=\"tuned\""),
  .init(.suppressionWithoutReason, "a suppression without a reason",
        example: "train_config { optimizer { momentum_optimizer { momentum_optimizer_value: 0.5 } } }  # pipec: disable=low-momentum"),
  .init(.unknownLintRule, "a suppression naming no rule",
        example: "# pipec: disable-file=low-momentun reason=\"x\"\ntrain_config { num_steps: 1 }"),
  .init(.malformedSuppression, "a pipec comment that is not a directive",
        example: "# pipec: disabel=low-momentum\ntrain_config { num_steps: 1 }"),
]
