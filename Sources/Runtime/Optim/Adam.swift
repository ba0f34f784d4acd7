/// Adam as TF1's `AdamOptimizer` / `ApplyAdam` define it (the OD API's
/// `adam_optimizer`): at step `t` (from 1)
///
///     lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
///     m   += (grad - m) * (1 - beta1)
///     v   += (grad² - v) * (1 - beta2)
///     var -= lr_t * m / (sqrt(v) + epsilon)
///
/// so epsilon sits outside the root and is not bias-corrected ("epsilon hat"
/// in the paper). `beta^t` is kept as a float32 running product, as TF1's
/// `beta1_power`/`beta2_power` variables are.
package struct AdamOptimizer {
  package var beta1: Float
  package var beta2: Float
  package var epsilon: Float
  package private(set) var beta1Power: Float
  package private(set) var beta2Power: Float
  private var first = Slots(initial: 0)
  private var second = Slots(initial: 0)

  package init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    beta1Power = beta1
    beta2Power = beta2
  }

  package mutating func apply(_ parameters: [Parameter], learningRate lr: Float) {
    let alpha = lr * (1 - beta2Power).squareRoot() / (1 - beta1Power)
    for p in parameters {
      let m = first.slot(for: p).data, s = second.slot(for: p).data
      let v = p.value.data, g = p.grad.data
      for i in 0..<p.value.count {
        m[i] += (g[i] - m[i]) * (1 - beta1)
        s[i] += (g[i] * g[i] - s[i]) * (1 - beta2)
        v[i] -= (m[i] * alpha) / (s[i].squareRoot() + epsilon)
      }
    }
    beta1Power *= beta1
    beta2Power *= beta2
  }
}
