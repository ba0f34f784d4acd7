/// `tf.train.ExponentialMovingAverage` of parameter values: shadows start at
/// the value and update as `shadow -= (shadow - value) * (1 - decay)`. With
/// `numUpdates` given, the decay used is `min(decay, (1 + n) / (10 + n))`.
package struct ExponentialMovingAverage {
  package var decay: Float
  private var shadows: [ObjectIdentifier: Tensor] = [:]

  package init(decay: Float) { self.decay = decay }

  /// The shadow copy of `p` (its value if never updated).
  package mutating func shadow(of p: Parameter) -> Tensor {
    if let t = shadows[ObjectIdentifier(p)] { return t }
    let t = Tensor(p.value.shape)
    t.copy(from: p.value)
    shadows[ObjectIdentifier(p)] = t
    return t
  }

  package mutating func update(_ parameters: [Parameter], numUpdates: Int? = nil) {
    var d = decay
    if let n = numUpdates { d = min(decay, Float(1 + n) / Float(10 + n)) }
    let factor = 1 - d
    for p in parameters {
      let s = shadow(of: p).data, v = p.value.data
      for i in 0..<p.value.count { s[i] -= (s[i] - v[i]) * factor }
    }
  }
}
