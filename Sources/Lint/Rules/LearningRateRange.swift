import Check
import Diagnostics
import Syntax

extension LintContext {
  /// Every learning rate of the schedule, with the optimizer's kind.
  func learningRates() -> [Setting] {
    guard let (kind, s) = schedule else { return [] }
    switch kind {
    case .constant: return [setting(s, "learning_rate")].compactMap { $0 }
    case .exponential: return [setting(s, "initial_learning_rate")].compactMap { $0 }
    case .cosine: return [setting(s, "learning_rate_base")].compactMap { $0 }
    case .manual:
      // With warmup the rate ramps up from initial_learning_rate, which may well be 0.
      let warmup = setting(s, "warmup")?.bool == true
      return (warmup ? [] : [setting(s, "initial_learning_rate")].compactMap { $0 })
        + (manualSchedule()?.entries.compactMap(\.rate) ?? [])
    }
  }
}

extension LintRule {
  /// PC110: a learning rate of zero or below.
  package static let nonPositiveLearningRate = LintRule(
    id: "PC110", name: "non-positive-learning-rate", area: .schedule, severity: .error,
    summary: "a learning rate of zero or below",
    rationale: """
      A rate of 0 trains nothing while looking like it runs (the loss stays flat); a \
      negative rate climbs the loss. Either is a typo, often a lost exponent.
      """,
    bad: """
      train_config { optimizer { adam_optimizer { learning_rate { constant_learning_rate { learning_rate: 0 } } } } }
      """,
    good: """
      train_config { optimizer { adam_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.0001 } } } } }
      """,
    check: { ctx in
      for rate in ctx.learningRates() where rate.isSet {
        guard let r = rate.double, r <= 0 else { continue }
        ctx.report(
          "learning rate \(show(r)) is not positive: \(r == 0 ? "the weights never change" : "training climbs the loss")",
          at: rate.range, path: rate.path, help: "set a positive rate (e.g. 0.004 for momentum, 0.0001 for Adam)")
      }
    })

  /// PC111: an implausibly large learning rate.
  package static let largeLearningRate = LintRule(
    id: "PC111", name: "large-learning-rate", area: .schedule, severity: .warning,
    summary: "a learning rate above max(1, batch_size / 100) (above 0.01 for Adam)",
    rationale: """
      Detection models in the zoo train with rates of 0.0001 to 0.1; Adam uses 1e-3 at most. \
      Rates grow about linearly with the batch size (TPU configs with batch 1024 use up to \
      4), so pipec allows max(1, batch_size / 100); above that (0.01 for Adam) training \
      diverges within a few steps, typically as NaN losses: usually a misplaced decimal point.
      """,
    bad: """
      train_config { optimizer { momentum_optimizer { learning_rate { constant_learning_rate { learning_rate: 4 } } } } }
      """,
    good: """
      train_config { optimizer { momentum_optimizer { learning_rate { constant_learning_rate { learning_rate: 0.04 } } } } }
      """,
    check: { ctx in
      let batch = ctx.trainConfig.flatMap { ctx.setting($0, "batch_size")?.int } ?? 32
      let limit = ctx.optimizer?.kind == .adam ? 0.01 : Swift.max(1.0, Double(batch) / 100)
      for rate in ctx.learningRates() where rate.isSet {
        guard let r = rate.double, r > limit else { continue }
        ctx.report(
          "learning rate \(show(r)) is implausibly large (above \(show(limit))\(limit < 1 ? " for Adam" : " for batch size \(batch)")): training will diverge",
          at: rate.range, path: rate.path, help: "check the decimal point; zoo configs use 0.0001 to 0.1")
      }
    })
}
