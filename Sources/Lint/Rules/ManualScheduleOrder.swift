import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC106: manual-step boundaries at 0 or out of order.
  package static let manualScheduleOrder = LintRule(
    id: "PC106", name: "manual-schedule-order", area: .schedule, severity: .error,
    summary: "manual schedule steps not strictly increasing",
    rationale: """
      learning_schedules.manual_stepping requires strictly increasing boundaries and raises \
      ValueError otherwise: an out-of-order or repeated step makes the piecewise schedule \
      ambiguous.
      """,
    bad: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.001
        schedule { step: 50000 learning_rate: 0.0001 }
        schedule { step: 20000 learning_rate: 0.00001 } } } } } }
      """,
    good: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.001
        schedule { step: 20000 learning_rate: 0.0001 }
        schedule { step: 50000 learning_rate: 0.00001 } } } } } }
      """,
    check: { ctx in
      guard let (_, entries) = ctx.manualSchedule() else { return }
      var previous: (Int, Setting)?
      for (step, _) in entries {
        guard let s = step.int else { continue }
        if let (p, prior) = previous, s <= p {
          ctx.report(
            "schedule step \(s) comes after step \(p): steps must be strictly increasing, and TensorFlow raises ValueError",
            at: step.range, path: step.path, labels: [(prior.range, "step \(p) here")],
            help: "order the schedule entries by step, without repeats")
        }
        previous = (s, step)
      }
    })

  /// PC112: a manual schedule whose first step is 0.
  package static let manualScheduleStepZero = LintRule(
    id: "PC112", name: "manual-schedule-step-zero", area: .schedule, severity: .warning,
    summary: "manual schedule starting at step 0",
    rationale: """
      The rate before the first schedule step is initial_learning_rate. A first step of 0 \
      replaces it at once, so initial_learning_rate is never used and whoever tunes it later \
      changes nothing. Several zoo configs do this.
      """,
    bad: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.001 schedule { step: 0 learning_rate: 0.0002 } } } } } }
      """,
    good: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.0002 schedule { step: 900000 learning_rate: 0.00002 } } } } } }
      """,
    check: { ctx in
      guard let (node, entries) = ctx.manualSchedule(), let first = entries.first, first.step.int == 0,
        ctx.setting(node, "warmup")?.bool != true
      else { return }
      let initial = ctx.setting(node, "initial_learning_rate")
      ctx.report(
        "the first schedule step is 0, so initial_learning_rate \(show(initial?.double ?? 0.002)) is never used",
        at: first.step.range, path: first.step.path, labels: [(initial?.range, "never used")],
        help: "set initial_learning_rate to this entry's rate (\(show(first.rate?.double ?? 0))) and remove the entry")
    })
}
