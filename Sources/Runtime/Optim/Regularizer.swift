/// Weight regularisation as the TF OD API adds it to the loss.
///
/// The slim path builds `slim.l2_regularizer(weight)`, i.e.
/// `weight * tf.nn.l2_loss(w) = weight * Σw² / 2`; the Keras path builds
/// `tf.keras.regularizers.l2(weight * 0.5)`, i.e. `0.5 * weight * Σw²` — the
/// same value, which is why one `l2` case serves both. L1 is `weight * Σ|w|`
/// on both paths. Gradients are `weight * w` and `weight * sign(w)`.
package enum Regularizer: Sendable, Equatable {
  case l2(weight: Float)
  case l1(weight: Float)

  /// Adds the regularisation gradient of every `regularized` parameter into its
  /// gradient and returns the loss term (summed in Double).
  @discardableResult
  package func apply(_ parameters: [Parameter]) -> Double {
    var loss = 0.0
    for p in parameters where p.regularized {
      let v = p.value.data, g = p.grad.data
      switch self {
      case let .l2(weight):
        var sum = 0.0
        for i in 0..<p.value.count {
          sum += Double(v[i]) * Double(v[i])
          g[i] += weight * v[i]
        }
        loss += Double(weight) * sum / 2
      case let .l1(weight):
        var sum = 0.0
        for i in 0..<p.value.count {
          sum += Double(abs(v[i]))
          g[i] += v[i] > 0 ? weight : (v[i] < 0 ? -weight : 0)
        }
        loss += Double(weight) * sum
      }
    }
    return loss
  }
}
