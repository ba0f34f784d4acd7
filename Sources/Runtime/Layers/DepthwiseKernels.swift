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
  func forwardVector(_ xs: UnsafeMutablePointer<Float>, _ ws: UnsafeMutablePointer<Float>,
                     _ ys: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                     rows: Range<Int>) {
    let h = win.y.input, w = win.x.input, oh = win.y.output, ow = win.x.output
    let kw = kernel.width
    for row in rows {
      let img = row / oh, oy = row % oh
      let image = xs + img * h * w * c
      let (ky0, ky1) = DepthwiseConv2D.taps(win.y, oy)
      let iy0 = oy * win.y.stride - win.y.padBefore
      for ox in 0..<ow {
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
              a0 += load8(src) * load8(tap)
              a1 += load8(src + 8) * load8(tap + 8)
              a2 += load8(src + 16) * load8(tap + 16)
              a3 += load8(src + 24) * load8(tap + 24)
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
              acc += load8(line + kx * win.x.dilation * c) * load8(taps + kx * c)
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
    for row in rows {
      let img = row / h, iy = row % h
      for ix in 0..<w {
        let d = dxs + (row * w + ix) * c
        var cb = 0
        while cb + 32 <= c {
          var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
          for ky in 0..<kh {
            let t = iy + win.y.padBefore - ky * dy
            if t < 0 || t % sy != 0 || t / sy >= oh { continue }
            let outRow = gs + ((img * oh + t / sy) * ow) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in 0..<kw {
              let u = ix + win.x.padBefore - kx * dxl
              if u < 0 || u % sx != 0 || u / sx >= ow { continue }
              let g = outRow + (u / sx) * c, tap = taps + kx * c
              a0 += load8(g) * load8(tap)
              a1 += load8(g + 8) * load8(tap + 8)
              a2 += load8(g + 16) * load8(tap + 16)
              a3 += load8(g + 24) * load8(tap + 24)
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
          for ky in 0..<kh {
            let t = iy + win.y.padBefore - ky * dy
            if t < 0 || t % sy != 0 || t / sy >= oh { continue }
            let outRow = gs + ((img * oh + t / sy) * ow) * c + cb
            let taps = ws + ky * kw * c + cb
            for kx in 0..<kw {
              let u = ix + win.x.padBefore - kx * dxl
              if u < 0 || u % sx != 0 || u / sx >= ow { continue }
              acc += load8(outRow + (u / sx) * c) * load8(taps + kx * c)
            }
          }
          store8(accumulate ? load8(d + cb) + acc : acc, d + cb)
          cb += 8
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
}
