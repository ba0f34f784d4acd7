/// Mean over the spatial axes: `[N, H, W, C]` to `[N, 1, 1, C]`.
package enum GlobalAveragePool {
  package static func forward(_ x: Tensor, into y: Tensor) {
    let (n, h, w, c) = x.nhwc("global average pool input")
    y.resize(Shape(n, 1, 1, c))
    y.zero()
    let scale = 1 / Float(max(h * w, 1))
    for img in 0..<n {
      let out = y.data + img * c
      for p in 0..<(h * w) {
        let src = x.data + (img * h * w + p) * c
        for i in 0..<c { out[i] += src[i] }
      }
      for i in 0..<c { out[i] *= scale }
    }
  }

  /// Adds `dy / (H * W)` to every pixel of `dx`.
  package static func backward(gradOutput dy: Tensor, gradInput dx: Tensor) {
    let (n, h, w, c) = dx.nhwc("global average pool input gradient")
    dy.expect(Shape(n, 1, 1, c), "global average pool output gradient")
    let scale = 1 / Float(max(h * w, 1))
    for img in 0..<n {
      let g = dy.data + img * c
      for p in 0..<(h * w) {
        let d = dx.data + (img * h * w + p) * c
        for i in 0..<c { d[i] += g[i] * scale }
      }
    }
  }
}
