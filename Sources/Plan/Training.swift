/// The training part of a plan: how many steps of which batch, the optimizer
/// and its schedule, and what happens to each image on the way in.
package struct TrainingPlan: Sendable, Equatable {
  package var batchSize: Int
  /// `num_steps`; 0 means "train forever" in the Object Detection API.
  package var steps: Int
  package var optimizer: Component?
  package var schedule: LearningRateSchedule?
  package var scheduleOrigin: Origin?
  /// Optimizer state slots per parameter (momentum 1, RMSProp 2, Adam 2).
  package var optimizerSlots: Int
  package var movingAverageDecay: Double?
  /// `gradient_clipping_by_norm`, 0 when off.
  package var gradientClippingNorm: Double
  package var fineTuneCheckpoint: String?
  package var fineTuneCheckpointType: String?
  /// The augmentation ops in the order they run, each with every parameter resolved.
  package var augmentation: [Component]
  /// Every other scalar of `train_config`, resolved.
  package var settings: [Parameter]
  package var origin: Origin

  /// The step whose rate the summary calls "last": `steps`, or the schedule's
  /// natural end when training runs forever.
  package var lastStep: Int {
    if steps > 0 { return steps }
    switch schedule {
    case .cosineDecay(_, let total, _, _, _)?: return total
    case .manualStep(let boundaries, _, _)?: return (boundaries.last ?? 0) * 2 + 1000
    case .exponentialDecay(_, let decaySteps, _, _, _, let burnin, _)?: return burnin + 4 * decaySteps
    default: return 100_000
    }
  }
}

/// One input reader: where examples come from and how they are read.
package struct InputPlan: Sendable, Equatable {
  package var name: String
  package var reader: String?
  package var paths: [String]
  package var labelMap: String?
  package var shuffle: Bool
  package var parameters: [Parameter]
  package var origin: Origin
}

/// Evaluation settings.
package struct EvaluationPlan: Sendable, Equatable {
  package var metrics: [String]
  /// `num_examples`; nil when unset (the whole eval set).
  package var numExamples: Int?
  package var parameters: [Parameter]
  package var origin: Origin
}
