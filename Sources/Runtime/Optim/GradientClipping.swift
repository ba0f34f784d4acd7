/// `tf.clip_by_global_norm`: scales all gradients by
/// `clipNorm * min(1 / globalNorm, 1 / clipNorm)` (TensorFlow's exact form), so
/// they are unchanged when the global norm is at most `clipNorm`.
package enum GradientClipping {
  /// Clips in place and returns the global norm before clipping.
  @discardableResult
  package static func clipByGlobalNorm(_ parameters: [Parameter], clipNorm: Float) -> Float {
    precondition(clipNorm > 0, "clip norm must be positive, got \(clipNorm)")
    var sum = 0.0
    for p in parameters {
      for i in 0..<p.grad.count { sum += Double(p.grad.data[i]) * Double(p.grad.data[i]) }
    }
    let norm = Float(sum.squareRoot())
    let scale = clipNorm * min(1 / norm, 1 / clipNorm)
    if scale != 1 {
      for p in parameters {
        for i in 0..<p.grad.count { p.grad.data[i] *= scale }
      }
    }
    return norm
  }
}
