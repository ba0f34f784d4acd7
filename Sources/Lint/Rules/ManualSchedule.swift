import Check
import Diagnostics
import Syntax

extension LintContext {
  /// The manual-step schedule's entries (step, rate) when that schedule is used.
  func manualSchedule() -> (node: Node, entries: [(step: Setting, rate: Setting?)])? {
    guard let (kind, s) = schedule, kind == "manual_step_learning_rate" else { return nil }
    let entries = children(s, "schedule").compactMap { entry -> (Setting, Setting?)? in
      guard let step = setting(entry, "step") else { return nil }
      return (step, setting(entry, "learning_rate"))
    }
    return (s, entries.map { (step: $0.0, rate: $0.1) })
  }
}
