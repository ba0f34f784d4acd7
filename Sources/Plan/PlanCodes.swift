import Diagnostics

// Codes of lowering. Never rename or reuse one.
extension DiagnosticCode {
  /// A feature extractor whose layers pipec cannot derive; the plan holds
  /// everything else, without its shapes and cost.
  package static let unsupportedExtractor = DiagnosticCode("unsupported-extractor")
  /// A part of the config that lowering cannot turn into a plan node (an
  /// unknown image resizer, anchor generator, or a schedule TensorFlow rejects).
  package static let unplannableSetting = DiagnosticCode("unplannable-setting")
}

/// Lowering's codes with a summary and a minimal pipeline.config that produces each.
package let planCodeCatalog: [DiagnosticCode.Info] = [
  .init(
    .unsupportedExtractor, "a feature extractor whose shapes pipec cannot derive",
    example:
      "model { ssd { image_resizer { fixed_shape_resizer { } } feature_extractor { type: 'ssd_pnasnet' } } }"),
  .init(
    .unplannableSetting, "a setting that cannot be lowered to a plan",
    example:
      "train_config { optimizer { momentum_optimizer { learning_rate { cosine_decay_learning_rate { total_steps: 10 warmup_steps: 20 } } } } }"
  ),
]
