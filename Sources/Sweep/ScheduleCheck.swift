import Check
import Diagnostics
import Schema

/// A check of one expanded point: diagnostics in the point's own text, which
/// `expand` traces back to the sweep file. The `Lint` module's rules plug in
/// here (`ExpandOptions.pointChecks`).
package typealias PointCheck = @Sendable (TypedConfig) -> [Diagnostic]

/// `unreachable-decay`: a decay schedule longer than training.
///
/// An exponential decay's `decay_steps` or a cosine decay's `total_steps`
/// above `train_config.num_steps` means training stops before the schedule
/// ends (with `staircase`, the rate never decays at all). A sweep that varies
/// `num_steps` is where this slips in, so it is checked for every point.
/// Example: `num_steps: @choice(1000, 100000)` with `decay_steps: 5000`.
package let checkSchedule: PointCheck = { config in
  let root = config.root
  guard case .message(let train)? = config.effective("train_config", in: root)?.kind,
    case .integer(let numSteps)? = config.effective("num_steps", in: train)?.kind, numSteps > 0,
    case .message(let optimizer)? = config.effective("optimizer", in: train)?.kind
  else { return [] }
  var found: [Diagnostic] = []
  for index in config.setFields(of: optimizer) {
    let name = config.schema[optimizer.type].fields[index].name
    guard case .message(let chosen)? = config.effective(name, in: optimizer)?.kind,
      case .message(let rate)? = config.effective("learning_rate", in: chosen)?.kind
    else { continue }
    for (schedule, field) in [("exponential_decay_learning_rate", "decay_steps"), ("cosine_decay_learning_rate", "total_steps")] {
      guard case .message(let view)? = config.effective(schedule, in: rate)?.kind,
        let steps = config.effective(field, in: view), let range = steps.range,
        case .integer(let value) = steps.kind, value > numSteps
      else { continue }
      var d = Diagnostic.warning(
        .unreachableDecay, at: config.tree.span(range),
        "'\(field)' is above train_config.num_steps, so training stops before the decay ends",
        notes: [Note("\(field) \(value) > num_steps \(numSteps)")],
        help: "derive it from num_steps, e.g. '\(field): @(train_config.num_steps)'")
      d.path = "train_config.optimizer.\(name).learning_rate.\(schedule).\(field)"
      found.append(d)
    }
  }
  return found
}
