/// SGD with momentum, TensorFlow's `ApplyMomentum` (the OD API's
/// `momentum_optimizer`): `accum = accum * momentum + grad`, then
/// `var -= lr * accum`, or with Nesterov `var -= lr * grad + lr * momentum * accum`.
/// Accumulators start at zero.
package struct MomentumOptimizer {
  package var momentum: Float
  package var nesterov: Bool
  private var accumulators = Slots(initial: 0)

  package init(momentum: Float, nesterov: Bool = false) {
    self.momentum = momentum
    self.nesterov = nesterov
  }

  package mutating func apply(_ parameters: [Parameter], learningRate lr: Float) {
    for p in parameters {
      let accum = accumulators.slot(for: p).data, v = p.value.data, g = p.grad.data
      let m = momentum
      if nesterov {
        for i in 0..<p.value.count {
          accum[i] = accum[i] * m + g[i]
          v[i] -= g[i] * lr + accum[i] * m * lr
        }
      } else {
        for i in 0..<p.value.count {
          accum[i] = accum[i] * m + g[i]
          v[i] -= lr * accum[i]
        }
      }
    }
  }
}
