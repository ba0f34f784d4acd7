/// Concatenation of `[N, H, W, C_i]` tensors along channels into `[N, H, W, ΣC_i]`.
package enum Concat {
  package static func outputShape(_ inputs: [Tensor]) -> Shape {
    precondition(!inputs.isEmpty, "concat needs at least one input")
    let (n, h, w, _) = inputs[0].nhwc("concat input 0")
    var c = 0
    for (i, t) in inputs.enumerated() {
      let s = t.nhwc("concat input \(i)")
      precondition(s.n == n && s.h == h && s.w == w,
                   "concat input \(i) has shape \(t.shape), expected [\(n), \(h), \(w), C]")
      c += s.c
    }
    return Shape(n, h, w, c)
  }

  /// Writes the inputs side by side along the channel axis into `y`.
  package static func forward(_ inputs: [Tensor], into y: Tensor) {
    y.resize(outputShape(inputs))
    let pixels = y.shape[0] * y.shape[1] * y.shape[2], total = y.shape[3]
    var offset = 0
    for t in inputs {
      let c = t.shape[3]
      for p in 0..<pixels { (y.data + p * total + offset).update(from: t.data + p * c, count: c) }
      offset += c
    }
  }

  /// Adds each input's channel slice of `dy` into its gradient.
  package static func backward(gradOutput dy: Tensor, gradInputs: [Tensor?], channels: [Int]) {
    precondition(gradInputs.count == channels.count, "one channel count per input gradient")
    let pixels = dy.shape[0] * dy.shape[1] * dy.shape[2], total = dy.shape[3]
    var offset = 0
    for (d, c) in zip(gradInputs, channels) {
      if let d {
        precondition(d.count == pixels * c, "concat input gradient has shape \(d.shape)")
        for p in 0..<pixels {
          let src = dy.data + p * total + offset, dst = d.data + p * c
          for i in 0..<c { dst[i] += src[i] }
        }
      }
      offset += c
    }
  }
}
