import Check
import Diagnostics
import Syntax

extension LintRule {
  /// PC105: a manual-step schedule with no steps.
  package static let manualScheduleEmpty = LintRule(
    id: "PC105", name: "manual-schedule-empty", area: .schedule, severity: .error,
    summary: "manual_step_learning_rate without any schedule entry",
    rationale: """
      The optimizer builder raises ValueError ("Empty learning rate schedule.") for a \
      manual-step schedule with no 'schedule' entries. For a constant rate, use \
      constant_learning_rate instead.
      """,
    bad: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.0003 } } } } }
      """,
    good: """
      train_config { optimizer { momentum_optimizer { learning_rate { manual_step_learning_rate {
        initial_learning_rate: 0.0003 schedule { step: 900000 learning_rate: 0.00003 } } } } } }
      """,
    check: { ctx in
      guard let (node, entries) = ctx.manualSchedule(), entries.isEmpty else { return }
      ctx.report(
        "manual_step_learning_rate has no 'schedule' entry: TensorFlow raises ValueError (empty learning rate schedule)",
        at: node.site, node: node,
        help: "add 'schedule { step: N learning_rate: R }' entries, or use constant_learning_rate")
    })
}
