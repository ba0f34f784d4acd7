import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC106: manual-step boundaries at 0 or out of order.
  package static let manualScheduleOrder = LintRule(
    id: "PC106", name: "manual-schedule-order", area: .schedule, severity: .error,
    summary: "manual schedule starting at step 0 or not strictly increasing",
    rationale: """
      learning_schedules.manual_stepping requires boundaries that are positive and strictly \
      increasing, and raises ValueError otherwise: step 0 would replace initial_learning_rate, \
      and an out-of-order step makes the piecewise schedule ambiguous.
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
        if s == 0 {
          ctx.report(
            "the first schedule step is 0: TensorFlow raises ValueError, since the rate before the first step is initial_learning_rate",
            at: step.range, path: step.path, help: "set initial_learning_rate to this entry's rate and remove the entry")
        } else if let (p, prior) = previous, s <= p {
          ctx.report(
            "schedule step \(s) comes after step \(p): steps must be strictly increasing, and TensorFlow raises ValueError",
            at: step.range, path: step.path, labels: [(prior.range, "step \(p) here")],
            help: "order the schedule entries by step, without repeats")
        }
        previous = (s, step)
      }
    })
}
