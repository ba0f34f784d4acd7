/// Spatial resizing of `[N, H, W, C]` to `[N, OH, OW, C]` by nearest neighbour
/// or bilinear interpolation, with TensorFlow's `align_corners` and
/// `half_pixel_centers` conventions (TF1 defaults: both false).
package struct Resize: Sendable {
  package enum Method: Sendable { case nearest, bilinear }

  package var method: Method
  package var height: Int
  package var width: Int
  package var alignCorners = false
  package var halfPixelCenters = false

  package init(_ method: Method, height: Int, width: Int, alignCorners: Bool = false,
               halfPixelCenters: Bool = false) {
    precondition(!(alignCorners && halfPixelCenters),
                 "align_corners and half_pixel_centers cannot both be set (as in TensorFlow)")
    self.method = method
    self.height = height
    self.width = width
    self.alignCorners = alignCorners
    self.halfPixelCenters = halfPixelCenters
  }

  private func scale(_ input: Int, _ output: Int) -> Float {
    alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
  }

  /// Source index of output `o` for nearest neighbour.
  private func nearest(_ o: Int, _ input: Int, _ scale: Float) -> Int {
    let position: Float
    if halfPixelCenters {
      position = ((Float(o) + 0.5) * scale).rounded(.down)
    } else if alignCorners {
      position = (Float(o) * scale).rounded(.toNearestOrAwayFromZero)
    } else {
      position = (Float(o) * scale).rounded(.down)
    }
    return min(max(Int(position), 0), input - 1)
  }

  /// Lower and upper source index and the weight of the upper one.
  private func linear(_ o: Int, _ input: Int, _ scale: Float) -> (Int, Int, Float) {
    let position = halfPixelCenters ? (Float(o) + 0.5) * scale - 0.5 : Float(o) * scale
    let floorPosition = position.rounded(.down)
    let lower = max(Int(floorPosition), 0)
    let upper = min(Int(position.rounded(.up)), input - 1)
    return (min(lower, input - 1), upper, position - floorPosition)
  }

  /// Calls `body(outputIndex, inputIndex, weight)` for every contribution.
  private func contributions(_ x: Shape, _ body: (Int, Int, Float) -> Void) {
    let n = x[0], h = x[1], w = x[2]
    let sy = scale(h, height), sx = scale(w, width)
    for img in 0..<n {
      for oy in 0..<height {
        for ox in 0..<width {
          let out = (img * height + oy) * width + ox
          switch method {
          case .nearest:
            body(out, (img * h + nearest(oy, h, sy)) * w + nearest(ox, w, sx), 1)
          case .bilinear:
            let (y0, y1, fy) = linear(oy, h, sy), (x0, x1, fx) = linear(ox, w, sx)
            body(out, (img * h + y0) * w + x0, (1 - fy) * (1 - fx))
            body(out, (img * h + y0) * w + x1, (1 - fy) * fx)
            body(out, (img * h + y1) * w + x0, fy * (1 - fx))
            body(out, (img * h + y1) * w + x1, fy * fx)
          }
        }
      }
    }
  }

  package func forward(_ x: Tensor, into y: Tensor) {
    let (n, _, _, c) = x.nhwc("resize input")
    y.resize(Shape(n, height, width, c))
    y.zero()
    let xs = x.data, ys = y.data
    contributions(x.shape) { out, src, weight in
      let o = ys + out * c, s = xs + src * c
      for i in 0..<c { o[i] += weight * s[i] }
    }
  }

  /// Adds the input gradient into `dx`.
  package func backward(input x: Tensor, gradOutput dy: Tensor, gradInput dx: Tensor) {
    let (n, _, _, c) = x.nhwc("resize input")
    dy.expect(Shape(n, height, width, c), "resize output gradient")
    dx.expect(x.shape, "resize input gradient")
    let gs = dy.data, ds = dx.data
    contributions(x.shape) { out, src, weight in
      let g = gs + out * c, d = ds + src * c
      for i in 0..<c { d[i] += weight * g[i] }
    }
  }
}
