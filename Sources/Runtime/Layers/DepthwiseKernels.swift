/// Vectorised depthwise kernels for depth multiplier 1 and channel counts that
/// are multiples of 8 (every depthwise layer of MobileNet-style networks).
///
/// Each works on 8 channels at a time in a register: the forward pass gathers
/// the taps of one output pixel, the input gradient gathers the output pixels
/// that saw one input pixel (so workers can split by rows without write
/// conflicts and no zeroing pass is needed), and the filter gradient
/// accumulates into a per-worker `[kh, kw, C]` buffer that stays in L1.
extension DepthwiseConv2D {
  var usesVectorKernels: Bool { multiplier == 1 && channels % 8 == 0 }

  /// Valid tap range `kStart..<kEnd` of output `o` along an axis.
  @inline(__always)
  static func taps(_ axis: WindowAxis, _ o: Int) -> (Int, Int) {
    let first = o * axis.stride - axis.padBefore
    var start = 0, end = axis.kernel
    while start < end && first + start * axis.dilation < 0 { start += 1 }
    while end > start && first + (end - 1) * axis.dilation >= axis.input { end -= 1 }
    return (start, end)
  }

  /// Forward over output rows `rows` (flattened `n, oy`).
  ///
  /// Interior pixels go in tiles of 4 outputs × 16 channels: eight independent
  /// fused multiply-add chains, each tap's weights loaded once per tile.
  func forwardVector(_ xs: UnsafeMutablePointer<Float>, _ ws: UnsafeMutablePointer<Float>,
                     _ ys: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                     rows: Range<Int>) {
    let h = win.y.input, w = win.x.input, oh = win.y.output, ow = win.x.output
    let kw = kernel.width
    var first = 0, last = ow
    while first < ow && DepthwiseConv2D.taps(win.x, first) != (0, kw) { first += 1 }
    while last > first && DepthwiseConv2D.taps(win.x, last - 1) != (0, kw) { last -= 1 }
    let tiles = (last - first) / 4
    let step = win.x.stride * c, tapStep = win.x.dilation * c
    for row in rows {
      let img = row / oh, oy = row % oh
      let image = xs + img * h * w * c
      let (ky0, ky1) = DepthwiseConv2D.taps(win.y, oy)
      let iy0 = oy * win.y.stride - win.y.padBefore
      for tile in 0..<tiles {
        let ox = first + tile * 4
        let out = ys + (row * ow + ox) * c
        let ix0 = ox * win.x.stride - win.x.padBefore
        var cb = 0
        // 4 pixels × 16 channels: eight FMA chains with few live pointers (registers).
        while cb + 16 <= c {
          var a0 = SIMD8<Float>(), b0 = SIMD8<Float>(), a1 = SIMD8<Float>(), b1 = SIMD8<Float>()
          var a2 = SIMD8<Float>(), b2 = SIMD8<Float>(), a3 = SIMD8<Float>(), b3 = SIMD8<Float>()
          for ky in ky0..<ky1 {
            let line = image + ((iy0 + ky * win.y.dilation) * w + ix0) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in 0..<kw {
              let t = load8(taps + kx * c), u = load8(taps + kx * c + 8)
              let p = line + kx * tapStep
              a0 = a0.addingProduct(load8(p), t); b0 = b0.addingProduct(load8(p + 8), u)
              a1 = a1.addingProduct(load8(p + step), t); b1 = b1.addingProduct(load8(p + step + 8), u)
              a2 = a2.addingProduct(load8(p + 2 * step), t)
              b2 = b2.addingProduct(load8(p + 2 * step + 8), u)
              a3 = a3.addingProduct(load8(p + 3 * step), t)
              b3 = b3.addingProduct(load8(p + 3 * step + 8), u)
            }
          }
          let o = out + cb
          store8(a0, o); store8(b0, o + 8); store8(a1, o + c); store8(b1, o + c + 8)
          store8(a2, o + 2 * c); store8(b2, o + 2 * c + 8)
          store8(a3, o + 3 * c); store8(b3, o + 3 * c + 8)
          cb += 16
        }
        while cb < c {
          var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
          for ky in ky0..<ky1 {
            let line = image + ((iy0 + ky * win.y.dilation) * w + ix0) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in 0..<kw {
              let t = load8(taps + kx * c), p = line + kx * tapStep
              a0 = a0.addingProduct(load8(p), t)
              a1 = a1.addingProduct(load8(p + step), t)
              a2 = a2.addingProduct(load8(p + 2 * step), t)
              a3 = a3.addingProduct(load8(p + 3 * step), t)
            }
          }
          let o = out + cb
          store8(a0, o); store8(a1, o + c); store8(a2, o + 2 * c); store8(a3, o + 3 * c)
          cb += 8
        }
      }
      let tiled = first..<(first + tiles * 4)
      for ox in 0..<ow where !tiled.contains(ox) {
        let (kx0, kx1) = DepthwiseConv2D.taps(win.x, ox)
        let ix0 = ox * win.x.stride - win.x.padBefore
        let out = ys + (row * ow + ox) * c
        // Four independent accumulators (32 channels) hide the add latency; the rest one by one.
        var cb = 0
        while cb + 32 <= c {
          var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
          for ky in ky0..<ky1 {
            let line = image + ((iy0 + ky * win.y.dilation) * w + ix0) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in kx0..<kx1 {
              let src = line + kx * win.x.dilation * c, tap = taps + kx * c
              a0 = a0.addingProduct(load8(src), load8(tap))
              a1 = a1.addingProduct(load8(src + 8), load8(tap + 8))
              a2 = a2.addingProduct(load8(src + 16), load8(tap + 16))
              a3 = a3.addingProduct(load8(src + 24), load8(tap + 24))
            }
          }
          store8(a0, out + cb); store8(a1, out + cb + 8)
          store8(a2, out + cb + 16); store8(a3, out + cb + 24)
          cb += 32
        }
        while cb < c {
          var acc = SIMD8<Float>()
          for ky in ky0..<ky1 {
            let line = image + ((iy0 + ky * win.y.dilation) * w + ix0) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in kx0..<kx1 {
              acc = acc.addingProduct(load8(line + kx * win.x.dilation * c), load8(taps + kx * c))
            }
          }
          store8(acc, out + cb)
          cb += 8
        }
      }
    }
  }

  /// Input gradient over input rows `rows` (flattened `n, iy`).
  func inputGradientVector(_ gs: UnsafeMutablePointer<Float>, _ ws: UnsafeMutablePointer<Float>,
                           _ dxs: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                           rows: Range<Int>, accumulate: Bool) {
    let h = win.y.input, w = win.x.input, oh = win.y.output, ow = win.x.output
    let kh = kernel.height, kw = kernel.width
    let sy = win.y.stride, sx = win.x.stride, dy = win.y.dilation, dxl = win.x.dilation
    // The (tap, output) pairs that saw an input position, found once per row and per pixel
    // rather than once per channel group (integer division is slow).
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (kh + kw)) { pairs in
      guard let rowPairs = pairs.baseAddress else { return }
      let pixelPairs = rowPairs + 2 * kh
      for row in rows {
        let img = row / h, iy = row % h
        var rowCount = 0
        for ky in 0..<kh {
          let t = iy + win.y.padBefore - ky * dy
          if t < 0 || t % sy != 0 || t / sy >= oh { continue }
          rowPairs[2 * rowCount] = ky * kw * c
          rowPairs[2 * rowCount + 1] = (img * oh + t / sy) * ow * c
          rowCount += 1
        }
        for ix in 0..<w {
          var pixelCount = 0
          for kx in 0..<kw {
            let u = ix + win.x.padBefore - kx * dxl
            if u < 0 || u % sx != 0 || u / sx >= ow { continue }
            pixelPairs[2 * pixelCount] = kx * c
            pixelPairs[2 * pixelCount + 1] = (u / sx) * c
            pixelCount += 1
          }
          let d = dxs + (row * w + ix) * c
          var cb = 0
          while cb + 32 <= c {
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            for i in 0..<rowCount {
              let taps = ws + rowPairs[2 * i] + cb, outRow = gs + rowPairs[2 * i + 1] + cb
              for j in 0..<pixelCount {
                let g = outRow + pixelPairs[2 * j + 1], tap = taps + pixelPairs[2 * j]
                a0 = a0.addingProduct(load8(g), load8(tap))
                a1 = a1.addingProduct(load8(g + 8), load8(tap + 8))
                a2 = a2.addingProduct(load8(g + 16), load8(tap + 16))
                a3 = a3.addingProduct(load8(g + 24), load8(tap + 24))
              }
            }
            if accumulate {
              a0 += load8(d + cb); a1 += load8(d + cb + 8)
              a2 += load8(d + cb + 16); a3 += load8(d + cb + 24)
            }
            store8(a0, d + cb); store8(a1, d + cb + 8)
            store8(a2, d + cb + 16); store8(a3, d + cb + 24)
            cb += 32
          }
          while cb < c {
            var acc = SIMD8<Float>()
            for i in 0..<rowCount {
              let taps = ws + rowPairs[2 * i] + cb, outRow = gs + rowPairs[2 * i + 1] + cb
              for j in 0..<pixelCount {
                acc = acc.addingProduct(load8(outRow + pixelPairs[2 * j + 1]),
                                        load8(taps + pixelPairs[2 * j]))
              }
            }
            store8(accumulate ? load8(d + cb) + acc : acc, d + cb)
            cb += 8
          }
        }
      }
    }
  }

  /// Adds the filter gradient of output rows `rows` (flattened `n, oy`) into `gw`.
  func weightGradientVector(_ xs: UnsafeMutablePointer<Float>, _ gs: UnsafeMutablePointer<Float>,
                            _ gw: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                            rows: Range<Int>) {
    let h = win.y.input, w = win.x.input, oh = win.y.output, ow = win.x.output
    let kw = kernel.width
    if kernel == (3, 3) {
      weightGradient3x3(xs, gs, gw, win, channels: c, rows: rows)
      return
    }
    for row in rows {
      let img = row / oh, oy = row % oh
      let image = xs + img * h * w * c
      let (ky0, ky1) = DepthwiseConv2D.taps(win.y, oy)
      let iy0 = oy * win.y.stride - win.y.padBefore
      for ox in 0..<ow {
        let (kx0, kx1) = DepthwiseConv2D.taps(win.x, ox)
        let ix0 = ox * win.x.stride - win.x.padBefore
        let g = gs + (row * ow + ox) * c
        for ky in ky0..<ky1 {
          let line = image + ((iy0 + ky * win.y.dilation) * w + ix0) * c
          let taps = gw + ky * kw * c
          for kx in kx0..<kx1 {
            let src = line + kx * win.x.dilation * c, tap = taps + kx * c
            var cb = 0
            while cb < c {
              store8(load8(tap + cb) + load8(g + cb) * load8(src + cb), tap + cb)
              cb += 8
            }
          }
        }
      }
    }
  }

  /// The 3×3 filter gradient with the nine taps of one 8-channel block held in
  /// registers across a whole output row; border pixels take the general path.
  private func weightGradient3x3(_ xs: UnsafeMutablePointer<Float>, _ gs: UnsafeMutablePointer<Float>,
                                 _ gw: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                                 rows: Range<Int>) {
    let h = win.y.input, w = win.x.input, oh = win.y.output, ow = win.x.output
    let sx = win.x.stride, dy = win.y.dilation, dx = win.x.dilation
    // Output columns whose three taps are all inside the input.
    var first = 0, last = ow
    while first < ow && DepthwiseConv2D.taps(win.x, first) != (0, 3) { first += 1 }
    while last > first && DepthwiseConv2D.taps(win.x, last - 1) != (0, 3) { last -= 1 }
    for row in rows {
      let img = row / oh, oy = row % oh
      let image = xs + img * h * w * c
      let (ky0, ky1) = DepthwiseConv2D.taps(win.y, oy)
      let iy0 = oy * win.y.stride - win.y.padBefore
      // Border columns, tap by tap.
      for border in 0..<(first + ow - last) {
        let ox = border < first ? border : last + border - first
        let (kx0, kx1) = DepthwiseConv2D.taps(win.x, ox)
        let ix0 = ox * sx - win.x.padBefore
        let g = gs + (row * ow + ox) * c
        for ky in ky0..<ky1 {
          for kx in kx0..<kx1 {
            let src = image + ((iy0 + ky * dy) * w + ix0 + kx * dx) * c, tap = gw + (ky * 3 + kx) * c
            var cb = 0
            while cb < c { store8(load8(tap + cb) + load8(g + cb) * load8(src + cb), tap + cb); cb += 8 }
          }
        }
      }
      if first >= last { continue }
      // Rows of the input seen by this output row; a missing one reads row 0 with a zero weight.
      let ok0 = ky0 <= 0 && 0 < ky1, ok1 = ky0 <= 1 && 1 < ky1, ok2 = ky0 <= 2 && 2 < ky1
      let line0 = image + (ok0 ? iy0 * w * c : 0)
      let line1 = image + (ok1 ? (iy0 + dy) * w * c : 0)
      let line2 = image + (ok2 ? (iy0 + 2 * dy) * w * c : 0)
      let m0: Float = ok0 ? 1 : 0, m1: Float = ok1 ? 1 : 0, m2: Float = ok2 ? 1 : 0
      var cb = 0
      while cb < c {
        var a00 = SIMD8<Float>(), a01 = SIMD8<Float>(), a02 = SIMD8<Float>()
        var a10 = SIMD8<Float>(), a11 = SIMD8<Float>(), a12 = SIMD8<Float>()
        var a20 = SIMD8<Float>(), a21 = SIMD8<Float>(), a22 = SIMD8<Float>()
        for ox in first..<last {
          let g = load8(gs + (row * ow + ox) * c + cb)
          let col = (ox * sx - win.x.padBefore) * c + cb
          a00 = a00.addingProduct(g, load8(line0 + col)); a01 = a01.addingProduct(g, load8(line0 + col + dx * c))
          a02 = a02.addingProduct(g, load8(line0 + col + 2 * dx * c))
          a10 = a10.addingProduct(g, load8(line1 + col)); a11 = a11.addingProduct(g, load8(line1 + col + dx * c))
          a12 = a12.addingProduct(g, load8(line1 + col + 2 * dx * c))
          a20 = a20.addingProduct(g, load8(line2 + col)); a21 = a21.addingProduct(g, load8(line2 + col + dx * c))
          a22 = a22.addingProduct(g, load8(line2 + col + 2 * dx * c))
        }
        let taps = gw + cb
        store8(load8(taps) + a00 * m0, taps); store8(load8(taps + c) + a01 * m0, taps + c)
        store8(load8(taps + 2 * c) + a02 * m0, taps + 2 * c)
        store8(load8(taps + 3 * c) + a10 * m1, taps + 3 * c)
        store8(load8(taps + 4 * c) + a11 * m1, taps + 4 * c)
        store8(load8(taps + 5 * c) + a12 * m1, taps + 5 * c)
        store8(load8(taps + 6 * c) + a20 * m2, taps + 6 * c)
        store8(load8(taps + 7 * c) + a21 * m2, taps + 7 * c)
        store8(load8(taps + 8 * c) + a22 * m2, taps + 8 * c)
        cb += 8
      }
    }
  }
}
