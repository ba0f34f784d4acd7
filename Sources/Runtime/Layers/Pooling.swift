/// Max or average pooling over `[N, H, W, C]` with TensorFlow's window rules.
///
/// Average pooling divides by the number of window elements inside the input,
/// so `SAME` padding does not pull border averages toward zero (TensorFlow's
/// `avg_pool`). Max pooling ignores padding; its gradient goes to the first
/// maximum of each window, found again from the input in `backward`.
package struct Pooling: Sendable {
  package enum Kind: Sendable { case max, average }

  package var kind: Kind
  package var kernel: (height: Int, width: Int)
  package var stride: (height: Int, width: Int)
  package var padding: Padding

  package init(_ kind: Kind, kernel: (Int, Int), stride: (Int, Int), padding: Padding = .valid) {
    self.kind = kind
    self.kernel = (kernel.0, kernel.1)
    self.stride = (stride.0, stride.1)
    self.padding = padding
  }

  package func window(height: Int, width: Int) -> Window {
    Window(height: height, width: width, kernel: (kernel.height, kernel.width),
           stride: (stride.height, stride.width), padding: padding)
  }

  package func outputShape(for input: Shape) -> Shape {
    precondition(input.rank == 4, "pooling input must be [N, H, W, C], got \(input)")
    let win = window(height: input[1], width: input[2])
    return Shape(input[0], win.y.output, win.x.output, input[3])
  }

  /// The in-bounds tap ranges of output `(oy, ox)`.
  @inline(__always) private func taps(_ win: Window, _ oy: Int, _ ox: Int)
    -> (Range<Int>, Range<Int>)
  {
    let y0 = win.y.source(oy, 0), x0 = win.x.source(ox, 0)
    return (max(y0, 0)..<min(y0 + kernel.height, win.y.input),
            max(x0, 0)..<min(x0 + kernel.width, win.x.input))
  }

  package func forward(_ x: Tensor, into y: Tensor) {
    let (n, h, w, c) = x.nhwc("pooling input")
    y.resize(outputShape(for: x.shape))
    let win = window(height: h, width: w)
    let xs = x.data, ys = y.data
    for img in 0..<n {
      for oy in 0..<win.y.output {
        for ox in 0..<win.x.output {
          let out = ys + ((img * win.y.output + oy) * win.x.output + ox) * c
          let (ry, rx) = taps(win, oy, ox)
          out.update(repeating: kind == .max ? -Float.infinity : 0, count: c)
          for iy in ry {
            for ix in rx {
              let src = xs + ((img * h + iy) * w + ix) * c
              if kind == .max {
                for i in 0..<c where src[i] > out[i] { out[i] = src[i] }
              } else {
                for i in 0..<c { out[i] += src[i] }
              }
            }
          }
          if kind == .average {
            let scale = 1 / Float(max(ry.count * rx.count, 1))
            for i in 0..<c { out[i] *= scale }
          }
        }
      }
    }
  }

  /// Adds the input gradient into `dx`.
  package func backward(input x: Tensor, gradOutput dy: Tensor, gradInput dx: Tensor) {
    let (n, h, w, c) = x.nhwc("pooling input")
    dy.expect(outputShape(for: x.shape), "pooling output gradient")
    dx.expect(x.shape, "pooling input gradient")
    let win = window(height: h, width: w)
    let xs = x.data, gs = dy.data, ds = dx.data
    for img in 0..<n {
      for oy in 0..<win.y.output {
        for ox in 0..<win.x.output {
          let g = gs + ((img * win.y.output + oy) * win.x.output + ox) * c
          let (ry, rx) = taps(win, oy, ox)
          if kind == .average {
            let scale = 1 / Float(max(ry.count * rx.count, 1))
            for iy in ry {
              for ix in rx {
                let d = ds + ((img * h + iy) * w + ix) * c
                for i in 0..<c { d[i] += g[i] * scale }
              }
            }
          } else {
            for i in 0..<c {
              var best = -Float.infinity, at = -1
              for iy in ry {
                for ix in rx {
                  let v = xs[((img * h + iy) * w + ix) * c + i]
                  if v > best || at < 0 { best = v; at = (img * h + iy) * w + ix }
                }
              }
              if at >= 0 { ds[at * c + i] += g[i] }
            }
          }
        }
      }
    }
  }
}
