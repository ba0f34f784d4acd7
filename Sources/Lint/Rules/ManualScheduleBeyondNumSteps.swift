import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC107: manual steps that training never reaches.
  package static let manualScheduleBeyondNumSteps = LintRule(
    id: "PC107", name: "manual-schedule-beyond-num-steps", area: .schedule, severity: .warning,
    summary: "manual schedule boundaries beyond num_steps",
    rationale: """
      A manual-step boundary after num_steps is never reached: the rate it sets is never \
      used. Typically num_steps was shortened without moving the schedule, so the run ends \
      at a higher rate than planned.
      """,
    bad: """
      train_config {
        num_steps: 100000
        optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
          initial_learning_rate: 0.0003 schedule { step: 900000 learning_rate: 0.00003 } } } } }
      }
      """,
    good: """
      train_config {
        num_steps: 100000
        optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
          initial_learning_rate: 0.0003 schedule { step: 90000 learning_rate: 0.00003 } } } } }
      }
      """,
    check: { ctx in
      guard let (_, entries) = ctx.manualSchedule(), let steps = ctx.numSteps, let n = steps.int else { return }
      for (step, rate) in entries {
        guard let s = step.int, s > n else { continue }
        let what = rate?.double.map { "the rate \(show($0))" } ?? "its rate"
        ctx.report(
          "schedule step \(s) is beyond num_steps \(n): \(what) is never used",
          at: step.range, path: step.path, labels: [(steps.range, "training stops after \(n) steps")],
          help: "scale the schedule to num_steps, or raise num_steps")
      }
    })
}
