/// RMSProp as TF1's `RMSPropOptimizer` / `ApplyRMSProp` define it (the OD API's
/// `rms_prop_optimizer`, whose defaults are decay 0.9, momentum 0.9, epsilon 1):
///
///     ms  += (grad² - ms) * (1 - decay)
///     mom  = mom * momentum + lr * grad / sqrt(ms + epsilon)
///     var -= mom
///
/// The mean-square slot starts at **one** (TF1's ones initializer; Keras's
/// RMSprop starts at zero), the momentum slot at zero. `centered` subtracts the
/// square of a running mean gradient inside the root, as `ApplyCenteredRMSProp`.
package struct RMSPropOptimizer {
  package var decay: Float
  package var momentum: Float
  package var epsilon: Float
  package var centered: Bool
  private var meanSquare = Slots(initial: 1)
  private var meanGrad = Slots(initial: 0)
  private var moment = Slots(initial: 0)

  package init(decay: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-10,
               centered: Bool = false) {
    self.decay = decay
    self.momentum = momentum
    self.epsilon = epsilon
    self.centered = centered
  }

  package mutating func apply(_ parameters: [Parameter], learningRate lr: Float) {
    let keep = 1 - decay
    for p in parameters {
      let ms = meanSquare.slot(for: p).data, mom = moment.slot(for: p).data
      let mg = centered ? meanGrad.slot(for: p).data : nil
      let v = p.value.data, g = p.grad.data
      for i in 0..<p.value.count {
        ms[i] += (g[i] * g[i] - ms[i]) * keep
        var denominator = ms[i] + epsilon
        if let mg {
          mg[i] += (g[i] - mg[i]) * keep
          denominator = ms[i] - mg[i] * mg[i] + epsilon
        }
        mom[i] = mom[i] * momentum + lr * g[i] / denominator.squareRoot()
        v[i] -= mom[i]
      }
    }
  }
}
