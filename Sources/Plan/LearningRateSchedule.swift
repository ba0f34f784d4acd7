#if canImport(Glibc)
  import Glibc
#endif

/// The learning rate as an exact function of the global step, with the TF
/// Object Detection API's semantics (`utils/learning_schedules.py`, wired up by
/// `builders/optimizer_builder.py`).
///
/// Rates are in the optimizer's units (a step size per unit gradient); steps
/// are global steps starting at 0. TensorFlow evaluates in float32, we in
/// Double, so values agree to float32 precision.
package enum LearningRateSchedule: Sendable, Equatable {
  /// `constant_learning_rate`.
  case constant(rate: Double)
  /// `exponential_decay_learning_rate`: `base * factor^((step - burnin) / decaySteps)`
  /// (floored when staircase) from `burninSteps` on, `burninRate` before it
  /// (the base rate when 0), never below `minRate`.
  case exponentialDecay(
    base: Double, decaySteps: Int, factor: Double, staircase: Bool,
    burninRate: Double, burninSteps: Int, minRate: Double)
  /// `manual_step_learning_rate`: `rates[i]` from `boundaries[i-1]` on
  /// (`rates[0]` is the initial rate); with warm-up, steps before the first
  /// boundary ramp linearly from `rates[0]` towards `rates[1]`.
  case manualStep(boundaries: [Int], rates: [Double], warmup: Bool)
  /// `cosine_decay_learning_rate`: linear warm-up from `warmupRate` over
  /// `warmupSteps`, `base` held for `holdSteps` more, then half a cosine down to
  /// 0 at `totalSteps`, and 0 after it.
  case cosineDecay(base: Double, totalSteps: Int, warmupRate: Double, warmupSteps: Int, holdSteps: Int)

  /// The learning rate at global step `step`.
  package func rate(at step: Int) -> Double {
    switch self {
    case .constant(let rate):
      return rate

    case .exponentialDecay(
      let base, let decaySteps, let factor, let staircase, let burninRate, let burninSteps, let minRate):
      // tf.train.exponential_decay(base, step - burnin_steps, decay_steps, factor, staircase)
      let burnin = burninRate == 0 ? base : burninRate
      var exponent = Double(step - burninSteps) / Double(max(decaySteps, 1))
      if staircase { exponent = exponent.rounded(.down) }
      let decayed = base * pow(factor, exponent)
      return max(step < burninSteps ? burnin : decayed, minRate)

    case .manualStep(let boundaries, let rates, let warmup):
      guard !rates.isEmpty else { return 0 }
      if warmup, let first = boundaries.first, step < first, rates.count > 1 {
        // The builder expands the warm-up into one boundary per step: rate(s) = r0 + s * (r1 - r0) / b0.
        let slope = (rates[1] - rates[0]) / Double(first)
        return rates[0] + slope * Double(step)
      }
      // The index of the last boundary reached (boundaries prefixed with 0).
      let reached = boundaries.prefix { $0 <= step }.count
      return rates[min(reached, rates.count - 1)]

    case .cosineDecay(let base, let totalSteps, let warmupRate, let warmupSteps, let holdSteps):
      if step > totalSteps { return 0 }
      let decaySpan = Double(totalSteps - warmupSteps - holdSteps)
      var rate = 0.5 * base * (1 + cos(Double.pi * Double(step - warmupSteps - holdSteps) / decaySpan))
      if holdSteps > 0, step <= warmupSteps + holdSteps { rate = base }
      if warmupSteps > 0, step < warmupSteps {
        let slope = (base - warmupRate) / Double(warmupSteps)
        rate = slope * Double(step) + warmupRate
      }
      return rate
    }
  }

  /// The name of the config message this schedule comes from.
  package var kind: String {
    switch self {
    case .constant: "constant"
    case .exponentialDecay: "exponential decay"
    case .manualStep: "manual step"
    case .cosineDecay: "cosine decay"
    }
  }

  /// The steps where the schedule changes character, labelled, up to `lastStep`:
  /// step 0, the end of warm-up or burn-in, each boundary and decay milestone, the last step.
  package func milestones(lastStep: Int) -> [(step: Int, label: String)] {
    var points: [(Int, String)] = [(0, "start")]
    switch self {
    case .constant:
      break
    case .exponentialDecay(_, let decaySteps, _, _, _, let burninSteps, _):
      if burninSteps > 0 { points.append((burninSteps, "end of burn-in")) }
      if decaySteps > 0 {
        var k = 1
        var s = burninSteps + decaySteps
        while s < lastStep, k <= 3 {
          points.append((s, "decay \(k)"))
          k += 1
          s += decaySteps
        }
      }
    case .manualStep(let boundaries, _, let warmup):
      for (i, b) in boundaries.enumerated() {
        points.append((b, i == 0 && warmup ? "end of warm-up" : "boundary \(i + 1)"))
      }
    case .cosineDecay(_, let totalSteps, _, let warmupSteps, let holdSteps):
      if warmupSteps > 0 { points.append((warmupSteps, "end of warm-up")) }
      if holdSteps > 0 { points.append((warmupSteps + holdSteps, "end of hold")) }
      points.append(((warmupSteps + holdSteps + totalSteps) / 2, "half-way down"))
      if totalSteps < lastStep { points.append((totalSteps, "end of decay")) }
    }
    points.append((lastStep, "last step"))
    var seen = Set<Int>()
    return points.filter { $0.0 <= lastStep && seen.insert($0.0).inserted }.sorted { $0.0 < $1.0 }
      .map { (step: $0.0, label: $0.1) }
  }
}
