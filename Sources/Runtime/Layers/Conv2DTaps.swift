/// The tap-product path of `Conv2D`, for stride-1 convolutions with a k×k kernel and fewer
/// output than input channels (the SSD heads: 3×3, 192 or 448 channels in, 12 out).
///
/// im2col multiplies `[pixels, kh·kw·Cin]` columns by a `[kh·kw·Cin, Cout]` filter: with 12
/// outputs that GEMM is 12 wide, far below the BLAS's peak, and the columns copy the input
/// kh·kw times. Here the input is multiplied as it lies by the filter with its taps side by
/// side (`tapWeights`, `[Cin, kh·kw·Cout]`), giving every input pixel's contribution to each
/// tap; each output pixel then adds the kh·kw contributions its window reads. Backward runs
/// the same identity the other way: the output gradient gathered per input pixel and tap
/// (`[pixels, kh·kw·Cout]`, kh·kw times smaller than im2col's columns) times the tap filter
/// gives the input gradient, and the input transposed times it the filter gradient. All
/// three GEMMs are at least kh·kw·Cout wide, with the input's channels as the short side.
extension Conv2D {
  /// Whether this layer's shape suits the tap-product path.
  var suitsTapProducts: Bool {
    stride == (1, 1) && dilation == (1, 1) && kernel != (1, 1) && outChannels < inChannels
  }

  /// Columns of the tap filter: `kh·kw·Cout`.
  var tapWidth: Int { kernel.height * kernel.width * outChannels }

  /// Lays the filter out as `tapWeights[ci, tap·Cout + co] = weight[tap, ci, co]`. Called before
  /// every pass that reads it (the weights change between steps), outside parallel regions.
  package func prepareTapWeights() {
    guard usesTapProducts else { return }
    let taps = kernel.height * kernel.width, ci = inChannels, co = outChannels, width = tapWidth
    tapWeights.resize(Shape(ci, width))
    let src = weight.data, dst = tapWeights.data
    for tap in 0..<taps {
      for c in 0..<ci {
        (dst + c * width + tap * co).update(from: src + (tap * ci + c) * co, count: co)
      }
    }
  }

  /// Forward over output rows `range` (flattened `n, oy, ox`) by worker `part`, in bands of
  /// output rows whose tap products fit `tapBandElements`.
  func tapForwardRows<E: OutputEpilogue>(
    _ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>, _ win: Window,
    epilogue: E, range: Range<Int>, part: Int
  ) {
    let oh = win.y.output, ow = win.x.output, ih = win.y.input, iw = win.x.input
    let kh = kernel.height, kw = kernel.width, ci = inChannels, co = outChannels
    let width = tapWidth, pixels = oh * ow
    let bandRows = max(1, tapBandElements / max(1, iw * width) - (kh - 1))
    let scratch = columns[part]
    let bs = bias?.data
    var start = range.lowerBound
    while start < range.upperBound {
      let n = start / pixels, oy = start % pixels / ow
      let oyEnd = min(oh, oy + bandRows)
      let end = min(range.upperBound, n * pixels + oyEnd * ow)
      let lastRow = (end - 1) % pixels / ow
      // Input rows the band's windows read, clipped to the image.
      let lo = max(0, win.y.source(oy, 0)), hi = min(ih, win.y.source(lastRow, kh - 1) + 1)
      if hi > lo {
        scratch.resize(Shape((hi - lo) * iw * width))
        BLAS.gemm(transA: false, transB: false, m: (hi - lo) * iw, n: width, k: ci,
                  a: xs + (n * ih + lo) * iw * ci, lda: ci, b: tapWeights.data, ldb: width,
                  beta: 0, c: scratch.data, ldc: width)
      }
      let products = scratch.data
      var y = start % pixels / ow, x = start % ow
      for p in start..<end {
        let out = ys + p * co
        if let bs { out.update(from: bs, count: co) } else { out.update(repeating: 0, count: co) }
        for ky in 0..<kh {
          let iy = win.y.source(y, ky)
          if iy < lo || iy >= hi { continue }
          for kx in 0..<kw {
            let ix = win.x.source(x, kx)
            if ix < 0 || ix >= iw { continue }
            let from = products + ((iy - lo) * iw + ix) * width + (ky * kw + kx) * co
            for c in 0..<co { out[c] += from[c] }
          }
        }
        x += 1
        if x == ow { x = 0; y += 1 }
      }
      epilogue.apply(ys + start * co, count: end - start, part: part)
      start = end
    }
  }

  /// Backward by tap products with a stored output gradient `dys`: adds the filter (and bias)
  /// gradient and writes or adds the input gradient.
  func tapBackward(_ xs: UnsafeMutablePointer<Float>, gradOutput dys: UnsafeMutablePointer<Float>,
                   gradInput dxs: UnsafeMutablePointer<Float>?, batch n: Int, win: Window,
                   accumulate: Bool) {
    prepareTapWeights()
    let ih = win.y.input, iw = win.x.input, width = tapWidth
    let bandRows = max(1, tapBandElements / max(1, iw * width))
    // Bands of rows cover the input (filter and input gradients) and the output (bias gradient).
    let rows = max(ih, win.y.output)
    let bandsPerImage = (rows + bandRows - 1) / bandRows
    for p in 0..<pool.parts {
      partialTapWeight[p].resize(Shape(inChannels, width))
      partialTapWeight[p].zero()
      if let gradBias { partialBias[p].resize(gradBias.shape); partialBias[p].zero() }
    }
    let plan = TapBackwardPlan(xs: xs, dys: dys, dxs: dxs, win: win, bandRows: bandRows,
                               bandsPerImage: bandsPerImage, accumulate: accumulate)
    pool.forEachRange(n * bandsPerImage, TapBackwardWork(layer: self, plan: plan))
    // Fold the parts' `[Cin, tap·Cout]` sums into the `[tap, Cin, Cout]` filter gradient.
    let taps = kernel.height * kernel.width, ci = inChannels, co = outChannels
    let gw = gradWeight.data
    for p in 0..<pool.parts {
      let src = partialTapWeight[p].data
      for tap in 0..<taps {
        for c in 0..<ci {
          let from = src + c * width + tap * co, to = gw + (tap * ci + c) * co
          for o in 0..<co { to[o] += from[o] }
        }
      }
      if let gradBias {
        let from = partialBias[p].data
        for o in 0..<co { gradBias.data[o] += from[o] }
      }
    }
  }

  /// Bands `units` (image-major) of one tap backward pass, by worker `part`.
  fileprivate func tapBackwardBands(_ plan: TapBackwardPlan, units: Range<Int>, part: Int) {
    let win = plan.win
    let oh = win.y.output, ow = win.x.output, ih = win.y.input, iw = win.x.input
    let kh = kernel.height, kw = kernel.width, ci = inChannels, co = outChannels
    let width = tapWidth
    let gathered = columns[part]
    let gw = partialTapWeight[part].data
    let gb = gradBias == nil ? nil : partialBias[part].data
    for unit in units {
      let n = unit / plan.bandsPerImage, band = unit % plan.bandsPerImage
      let first = band * plan.bandRows
      if let gb {
        let end = min(oh, first + plan.bandRows)
        if end > first {
          var g = plan.dys + (n * oh + first) * ow * co
          for _ in 0..<((end - first) * ow) {
            for o in 0..<co { gb[o] += g[o] }
            g += co
          }
        }
      }
      let last = min(ih, first + plan.bandRows)
      if last <= first { continue }
      let count = (last - first) * iw
      // gathered[pixel, tap·Cout + co]: the output gradient at the output pixel whose window
      // reads this input pixel at that tap (zero where there is none).
      gathered.resize(Shape(count * width))
      var dst = gathered.data
      for iy in first..<last {
        for ix in 0..<iw {
          for ky in 0..<kh {
            // Stride 1, dilation 1: output row oy reads input row oy - padBefore + ky.
            let oy = iy + win.y.padBefore - ky
            for kx in 0..<kw {
              let ox = ix + win.x.padBefore - kx
              if oy >= 0 && oy < oh && ox >= 0 && ox < ow {
                dst.update(from: plan.dys + ((n * oh + oy) * ow + ox) * co, count: co)
              } else {
                dst.update(repeating: 0, count: co)
              }
              dst += co
            }
          }
        }
      }
      let x = plan.xs + (n * ih + first) * iw * ci
      BLAS.gemm(transA: true, transB: false, m: ci, n: width, k: count, a: x, lda: ci,
                b: gathered.data, ldb: width, beta: 1, c: gw, ldc: width)
      if let dxs = plan.dxs {
        BLAS.gemm(transA: false, transB: true, m: count, n: ci, k: width, a: gathered.data,
                  lda: width, b: tapWeights.data, ldb: width, beta: plan.accumulate ? 1 : 0,
                  c: dxs + (n * ih + first) * iw * ci, ldc: ci)
      }
    }
  }
}

/// The fixed inputs of one tap backward pass, shared by its workers.
private struct TapBackwardPlan {
  let xs: UnsafeMutablePointer<Float>
  let dys: UnsafeMutablePointer<Float>
  let dxs: UnsafeMutablePointer<Float>?
  let win: Window
  let bandRows: Int, bandsPerImage: Int
  let accumulate: Bool
}

private struct TapBackwardWork: RangeWork {
  let layer: Conv2D
  let plan: TapBackwardPlan
  func run(_ range: Range<Int>, part: Int) { layer.tapBackwardBands(plan, units: range, part: part) }
}
