/// The direct path of `Conv2D`, for convolutions with few input channels and 8 to 32 outputs
/// (the RGB input layer: 3×3 stride 2, 3 channels in, 16 out).
///
/// im2col copies each output pixel's window (27 floats for the input layer) into a column
/// block and multiplies it by a 27 × 16 filter, a shape GEMM libraries run far below peak,
/// and backward copies the windows again for a GEMM whose long side is the pixels. Here the
/// windows are read where they lie. Forward broadcasts input values against filter rows,
/// accumulating six output pixels × 16 outputs in registers; backward accumulates six filter
/// rows × 16 outputs over a run of output pixels, reading the input and the output gradient
/// in place. Wider outputs run in blocks of 16 (and one of 8). Window rows above or below the
/// image are skipped (their taps contribute nothing); a pixel whose window crosses the left or
/// right edge takes a one-pixel loop over the window columns inside. The input gradient is not
/// computed here: a backward pass that asks for it takes the im2col path.
extension Conv2D {
  /// Whether this layer's shape suits the direct path (a 1×1 kernel is a plain product already).
  var suitsDirectKernel: Bool {
    inChannels <= 4 && outChannels % 8 == 0 && outChannels <= 32 && dilation == (1, 1)
      && kernel != (1, 1)
  }

  /// Forward over output rows `range` (flattened `n, oy, ox`) by worker `part`, in chunks of
  /// `chunkRows` rows, each handed to `epilogue` as soon as it is computed.
  func directForwardRows<E: OutputEpilogue>(
    _ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>, _ win: Window,
    chunkRows: Int, epilogue: E, range: Range<Int>, part: Int
  ) {
    var start = range.lowerBound
    while start < range.upperBound {
      let count = min(chunkRows, range.upperBound - start)
      directForwardPixels(xs, ys, win, rows: start..<(start + count))
      epilogue.apply(ys + start * outChannels, count: count, part: part)
      start += count
    }
  }

  /// Computes output rows `rows` (flattened `n, oy, ox`) one output-row run at a time.
  /// Not generic, so the kernels are specialised whatever epilogue the caller carries.
  private func directForwardPixels(_ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>,
                                   _ win: Window, rows: Range<Int>) {
    let co = outChannels, ws = UnsafePointer(weight.data)
    let bs = bias.map { UnsafePointer($0.data) }
    forEachRun(xs, win, rows: rows) { run in
      let out = ys + run.firstRow * co
      if run.interior {
        var block = 0
        while block + 16 <= co {
          directForward16(run.origin, pixels: run.pixels, pixelStep: run.pixelStep, rows: run.rows,
                          rowStep: run.rowStep, span: run.span, ws + run.firstTap * co + block,
                          outputs: co, bias: bs.map { $0 + block }, into: out + block)
          block += 16
        }
        if block < co {
          directForward8(run.origin, pixels: run.pixels, pixelStep: run.pixelStep, rows: run.rows,
                         rowStep: run.rowStep, span: run.span, ws + run.firstTap * co + block,
                         outputs: co, bias: bs.map { $0 + block }, into: out + block)
        }
      } else {
        for block in Swift.stride(from: 0, to: co, by: 8) {
          var acc = bs.map { load8($0 + block) } ?? SIMD8<Float>()
          for r in 0..<run.rows {
            let xr = run.origin + r * run.rowStep, wr = ws + (run.firstTap + r * run.span) * co + block
            for j in run.inside { acc = acc.addingProduct(SIMD8(repeating: xr[j]), load8(wr + j * co)) }
          }
          for p in 0..<run.pixels { store8(acc, out + p * co + block) }
        }
      }
    }
  }

  /// Adds the filter (and bias) gradient of a stored-input pass; `given` is the stored output
  /// gradient, or nil when `producer` writes it chunk by chunk. Workers take contiguous output
  /// rows and sum into their own partial gradients, added up afterwards.
  func directBackward<P: GradientProducer>(_ xs: UnsafeMutablePointer<Float>,
                                           gradOutput given: UnsafeMutablePointer<Float>?,
                                           producer: P, batch n: Int, win: Window) {
    let rows = n * win.y.output * win.x.output
    startPartialGradients(parts: pool.parts)
    // Produced gradients come in chunks of about 16k floats (fewer when `columnBlockElements`
    // is set small), read from L2 once per tile.
    let depth = kernel.height * kernel.width * inChannels
    let chunkRows = min(max(32, 16384 / outChannels), max(1, columnBlockElements / depth))
    let plan = DirectBackwardPlan(xs: xs, given: given, win: win, chunkRows: chunkRows)
    pool.forEachRange(rows, DirectBackwardWork(layer: self, plan: plan, producer: producer))
    addPartialGradients(parts: pool.parts)
  }

  /// Output rows `range` of one direct backward pass, by worker `part`.
  fileprivate func directBackwardRows<P: GradientProducer>(_ plan: DirectBackwardPlan, producer: P,
                                                           range: Range<Int>, part: Int) {
    let co = outChannels
    let gw = part == 0 ? gradWeight.data : partialWeight[part].data
    let gb = gradBias == nil ? nil : (part == 0 ? gradBias?.data : partialBias[part].data)
    var start = range.lowerBound
    while start < range.upperBound {
      let count = min(plan.chunkRows, range.upperBound - start)
      let g: UnsafeMutablePointer<Float>
      if let given = plan.given {
        g = given + start * co
      } else {
        let scratch = gradChunks[part]
        scratch.resize(Shape(count * co))
        producer.produce(rows: start..<(start + count), into: scratch.data)
        g = scratch.data
      }
      directGradientPixels(plan.xs, gradOutput: g, plan.win, rows: start..<(start + count),
                           gradWeight: gw, gradBias: gb)
      start += count
    }
  }

  /// Adds the filter and bias gradients of output rows `rows`, whose output gradient is `dys`
  /// (row `rows.lowerBound` first).
  private func directGradientPixels(_ xs: UnsafeMutablePointer<Float>, gradOutput dys: UnsafeMutablePointer<Float>,
                                    _ win: Window, rows: Range<Int>,
                                    gradWeight gw: UnsafeMutablePointer<Float>,
                                    gradBias gb: UnsafeMutablePointer<Float>?) {
    let co = outChannels
    if let gb {
      for r in 0..<rows.count {
        for block in Swift.stride(from: 0, to: co, by: 8) {
          store8(load8(gb + block) + load8(dys + r * co + block), gb + block)
        }
      }
    }
    forEachRun(xs, win, rows: rows) { run in
      let dy = UnsafePointer(dys + (run.firstRow - rows.lowerBound) * co)
      if run.interior {
        // Tiles of six consecutive taps; a short last tile repeats its first tap's offset and
        // drops those sums.
        var first = run.firstTap
        while first < run.endTap {
          let taps = min(6, run.endTap - first)
          let offset = { (k: Int) in run.offset(ofTap: first + (k < taps ? k : 0)) }
          let o = (offset(0), offset(1), offset(2), offset(3), offset(4), offset(5))
          var block = 0
          while block + 16 <= co {
            directGradient16(run.origin, pixels: run.pixels, pixelStep: run.pixelStep, offsets: o,
                             taps: taps, dy + block, outputs: co, into: gw + first * co + block)
            block += 16
          }
          if block < co {
            directGradient8(run.origin, pixels: run.pixels, pixelStep: run.pixelStep, offsets: o,
                            taps: taps, dy + block, outputs: co, into: gw + first * co + block)
          }
          first += taps
        }
      } else {
        // One pixel whose window crosses an edge (runs that miss the image have no taps).
        for r in 0..<run.rows {
          let xr = run.origin + r * run.rowStep
          for j in run.inside {
            let v = SIMD8(repeating: xr[j])
            let row = gw + (run.firstTap + r * run.span + j) * co
            for block in Swift.stride(from: 0, to: co, by: 8) {
              store8(load8(row + block).addingProduct(v, load8(dy + block)), row + block)
            }
          }
        }
      }
    }
  }

  /// Calls `body` with every run of output rows within `rows` that lie on one output row and
  /// share how their windows meet the image: runs of pixels whose windows lie inside the
  /// image across, and single pixels whose windows cross its left or right edge.
  private func forEachRun(_ xs: UnsafeMutablePointer<Float>, _ win: Window, rows: Range<Int>,
                          _ body: (DirectRun) -> Void) {
    let oh = win.y.output, ow = win.x.output, ih = win.y.input, iw = win.x.input
    let ci = inChannels, kh = kernel.height, kw = kernel.width
    let sy = win.y.stride, sx = win.x.stride, padY = win.y.padBefore, padX = win.x.padBefore
    // Output columns whose windows lie inside the image across: left..<right.
    let left = (padX + sx - 1) / sx
    let right = iw - kw + padX >= 0 ? min(ow, (iw - kw + padX) / sx + 1) : 0
    let span = kw * ci
    var r = rows.lowerBound
    while r < rows.upperBound {
      let n = r / (oh * ow), oy = r % (oh * ow) / ow
      var ox = r % ow
      let rowEnd = min(rows.upperBound, r - ox + ow)
      let top = oy * sy - padY
      let kyLo = max(0, -top), kyHi = min(kh, ih - top)
      if kyHi <= kyLo {
        // The window misses the image: the output is the bias, the gradient adds nothing.
        body(DirectRun(firstRow: r, pixels: rowEnd - r, interior: false, origin: xs,
                       inside: 0..<0, span: span,
                       pixelStep: 0, rowStep: 0, rows: 0, firstTap: 0, endTap: 0))
        r = rowEnd
        continue
      }
      let image = UnsafePointer(xs + n * ih * iw * ci)
      while r < rowEnd {
        let interior = ox >= left && ox < right
        let pixels = interior ? min(rowEnd, r + right - ox) - r : 1
        let ix0 = ox * sx - padX
        let origin = image + ((top + kyLo) * iw + ix0) * ci
        // Window columns inside the image (none when explicit padding puts it wholly outside).
        let kxLo = max(0, -ix0), kxHi = max(kxLo, min(kw, iw - ix0))
        body(DirectRun(firstRow: r, pixels: pixels, interior: interior, origin: origin,
                       inside: (kxLo * ci)..<(kxHi * ci), span: span,
                       pixelStep: sx * ci, rowStep: iw * ci, rows: kyHi - kyLo,
                       firstTap: kyLo * span, endTap: kyHi * span))
        r += pixels
        ox += pixels
      }
    }
  }
}

/// A run of output pixels on one output row, with where their windows read the input.
private struct DirectRun {
  /// Flattened index of the run's first output pixel.
  let firstRow: Int
  let pixels: Int
  /// Whether the windows lie inside the image across; other runs are one pixel, or a stretch
  /// of output row whose windows miss the image (no rows inside).
  let interior: Bool
  /// The first pixel's window at its first row inside the image (never read when no row is).
  let origin: UnsafePointer<Float>
  /// The floats of a window row (`kx·Cin + ci`) that lie inside the image across.
  let inside: Range<Int>
  /// Floats of one window row (`kw·Cin`), between pixels, and between input rows.
  let span: Int, pixelStep: Int, rowStep: Int
  /// Window rows inside the image, and the filter taps (`[kh, kw, Cin]` order) they hold.
  let rows: Int, firstTap: Int, endTap: Int

  /// Offset from `origin` of the input value that tap `tap` reads (its window row inside).
  @inline(__always) func offset(ofTap tap: Int) -> Int {
    let t = tap - firstTap
    return t / span * rowStep + t % span
  }
}

/// `out[p, 0..<16] = bias + Σ x · w` for `m` interior pixels: six pixels × 16 outputs in twelve
/// registers (enough independent sums to hide FMA latency), each input value broadcast against
/// the two halves of its filter row. A run of at least six pixels ends with the last six,
/// recomputing a few rather than taking the one-pixel loop, whose two sums wait on latency.
private func directForward16(_ x: UnsafePointer<Float>, pixels m: Int, pixelStep: Int, rows: Int,
                             rowStep: Int, span: Int, _ w: UnsafePointer<Float>, outputs co: Int,
                             bias: UnsafePointer<Float>?, into out: UnsafeMutablePointer<Float>) {
  let b0 = bias.map { load8($0) } ?? SIMD8<Float>(), b1 = bias.map { load8($0 + 8) } ?? SIMD8<Float>()
  let filterRow = span * co
  var next = 0
  while m >= 6 && next < m {
    let p = min(next, m - 6)
    next = p + 6
    var a0 = b0, c0 = b1, a1 = b0, c1 = b1, a2 = b0, c2 = b1
    var a3 = b0, c3 = b1, a4 = b0, c4 = b1, a5 = b0, c5 = b1
    let x0 = x + p * pixelStep, s = pixelStep
    for r in 0..<rows {
      let xr = x0 + r * rowStep, wr = w + r * filterRow
      for j in 0..<span {
        let wa = load8(wr + j * co), wc = load8(wr + j * co + 8)
        let v0 = SIMD8(repeating: xr[j]), v1 = SIMD8(repeating: xr[j + s])
        a0 = a0.addingProduct(v0, wa); c0 = c0.addingProduct(v0, wc)
        a1 = a1.addingProduct(v1, wa); c1 = c1.addingProduct(v1, wc)
        let v2 = SIMD8(repeating: xr[j + 2 * s]), v3 = SIMD8(repeating: xr[j + 3 * s])
        a2 = a2.addingProduct(v2, wa); c2 = c2.addingProduct(v2, wc)
        a3 = a3.addingProduct(v3, wa); c3 = c3.addingProduct(v3, wc)
        let v4 = SIMD8(repeating: xr[j + 4 * s]), v5 = SIMD8(repeating: xr[j + 5 * s])
        a4 = a4.addingProduct(v4, wa); c4 = c4.addingProduct(v4, wc)
        a5 = a5.addingProduct(v5, wa); c5 = c5.addingProduct(v5, wc)
      }
    }
    let o = out + p * co
    store8(a0, o); store8(c0, o + 8); store8(a1, o + co); store8(c1, o + co + 8)
    store8(a2, o + 2 * co); store8(c2, o + 2 * co + 8); store8(a3, o + 3 * co); store8(c3, o + 3 * co + 8)
    store8(a4, o + 4 * co); store8(c4, o + 4 * co + 8); store8(a5, o + 5 * co); store8(c5, o + 5 * co + 8)
  }
  var p = next
  while p < m {
    var a = b0, c = b1
    let x0 = x + p * pixelStep
    for r in 0..<rows {
      let xr = x0 + r * rowStep, wr = w + r * filterRow
      for j in 0..<span {
        let v = SIMD8(repeating: xr[j])
        a = a.addingProduct(v, load8(wr + j * co)); c = c.addingProduct(v, load8(wr + j * co + 8))
      }
    }
    store8(a, out + p * co); store8(c, out + p * co + 8)
    p += 1
  }
}

/// `directForward16` for a block of 8 outputs: four pixels in four registers.
private func directForward8(_ x: UnsafePointer<Float>, pixels m: Int, pixelStep: Int, rows: Int,
                            rowStep: Int, span: Int, _ w: UnsafePointer<Float>, outputs co: Int,
                            bias: UnsafePointer<Float>?, into out: UnsafeMutablePointer<Float>) {
  let b = bias.map { load8($0) } ?? SIMD8<Float>()
  let filterRow = span * co
  var next = 0
  while m >= 4 && next < m {
    let p = min(next, m - 4)
    next = p + 4
    var a0 = b, a1 = b, a2 = b, a3 = b
    let x0 = x + p * pixelStep, s = pixelStep
    for r in 0..<rows {
      let xr = x0 + r * rowStep, wr = w + r * filterRow
      for j in 0..<span {
        let wa = load8(wr + j * co)
        a0 = a0.addingProduct(SIMD8(repeating: xr[j]), wa)
        a1 = a1.addingProduct(SIMD8(repeating: xr[j + s]), wa)
        a2 = a2.addingProduct(SIMD8(repeating: xr[j + 2 * s]), wa)
        a3 = a3.addingProduct(SIMD8(repeating: xr[j + 3 * s]), wa)
      }
    }
    let o = out + p * co
    store8(a0, o); store8(a1, o + co); store8(a2, o + 2 * co); store8(a3, o + 3 * co)
  }
  var p = next
  while p < m {
    var a = b
    let x0 = x + p * pixelStep
    for r in 0..<rows {
      let xr = x0 + r * rowStep, wr = w + r * filterRow
      for j in 0..<span { a = a.addingProduct(SIMD8(repeating: xr[j]), load8(wr + j * co)) }
    }
    store8(a, out + p * co)
    p += 1
  }
}

/// `gw[t, 0..<16] += Σ_p x[p, t] · dy[p, 0..<16]` for `taps` (up to six) consecutive taps whose
/// input values lie at `offsets` from each pixel's window origin: 12 accumulators, one pass over
/// the pixels reading two output-gradient vectors and six input values per pixel.
private func directGradient16(_ x: UnsafePointer<Float>, pixels m: Int, pixelStep: Int,
                              offsets o: (Int, Int, Int, Int, Int, Int), taps: Int,
                              _ dy: UnsafePointer<Float>, outputs co: Int,
                              into gw: UnsafeMutablePointer<Float>) {
  var a0 = SIMD8<Float>(), c0 = SIMD8<Float>(), a1 = SIMD8<Float>(), c1 = SIMD8<Float>()
  var a2 = SIMD8<Float>(), c2 = SIMD8<Float>(), a3 = SIMD8<Float>(), c3 = SIMD8<Float>()
  var a4 = SIMD8<Float>(), c4 = SIMD8<Float>(), a5 = SIMD8<Float>(), c5 = SIMD8<Float>()
  var xp = x, g = dy
  for _ in 0..<m {
    let da = load8(g), dc = load8(g + 8)
    let v0 = SIMD8(repeating: xp[o.0]), v1 = SIMD8(repeating: xp[o.1])
    let v2 = SIMD8(repeating: xp[o.2]), v3 = SIMD8(repeating: xp[o.3])
    let v4 = SIMD8(repeating: xp[o.4]), v5 = SIMD8(repeating: xp[o.5])
    a0 = a0.addingProduct(v0, da); c0 = c0.addingProduct(v0, dc)
    a1 = a1.addingProduct(v1, da); c1 = c1.addingProduct(v1, dc)
    a2 = a2.addingProduct(v2, da); c2 = c2.addingProduct(v2, dc)
    a3 = a3.addingProduct(v3, da); c3 = c3.addingProduct(v3, dc)
    a4 = a4.addingProduct(v4, da); c4 = c4.addingProduct(v4, dc)
    a5 = a5.addingProduct(v5, da); c5 = c5.addingProduct(v5, dc)
    xp += pixelStep
    g += co
  }
  @inline(__always) func add(_ a: SIMD8<Float>, _ c: SIMD8<Float>, tap: Int) {
    let row = gw + tap * co
    store8(load8(row) + a, row); store8(load8(row + 8) + c, row + 8)
  }
  add(a0, c0, tap: 0)
  if taps > 1 { add(a1, c1, tap: 1) }
  if taps > 2 { add(a2, c2, tap: 2) }
  if taps > 3 { add(a3, c3, tap: 3) }
  if taps > 4 { add(a4, c4, tap: 4) }
  if taps > 5 { add(a5, c5, tap: 5) }
}

/// `directGradient16` for a block of 8 outputs: six accumulators.
private func directGradient8(_ x: UnsafePointer<Float>, pixels m: Int, pixelStep: Int,
                             offsets o: (Int, Int, Int, Int, Int, Int), taps: Int,
                             _ dy: UnsafePointer<Float>, outputs co: Int,
                             into gw: UnsafeMutablePointer<Float>) {
  var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>()
  var a3 = SIMD8<Float>(), a4 = SIMD8<Float>(), a5 = SIMD8<Float>()
  var xp = x, g = dy
  for _ in 0..<m {
    let d = load8(g)
    a0 = a0.addingProduct(SIMD8(repeating: xp[o.0]), d)
    a1 = a1.addingProduct(SIMD8(repeating: xp[o.1]), d)
    a2 = a2.addingProduct(SIMD8(repeating: xp[o.2]), d)
    a3 = a3.addingProduct(SIMD8(repeating: xp[o.3]), d)
    a4 = a4.addingProduct(SIMD8(repeating: xp[o.4]), d)
    a5 = a5.addingProduct(SIMD8(repeating: xp[o.5]), d)
    xp += pixelStep
    g += co
  }
  store8(load8(gw) + a0, gw)
  if taps > 1 { store8(load8(gw + co) + a1, gw + co) }
  if taps > 2 { store8(load8(gw + 2 * co) + a2, gw + 2 * co) }
  if taps > 3 { store8(load8(gw + 3 * co) + a3, gw + 3 * co) }
  if taps > 4 { store8(load8(gw + 4 * co) + a4, gw + 4 * co) }
  if taps > 5 { store8(load8(gw + 5 * co) + a5, gw + 5 * co) }
}

/// The fixed inputs of one direct backward pass, shared by its workers.
private struct DirectBackwardPlan {
  let xs: UnsafeMutablePointer<Float>
  let given: UnsafeMutablePointer<Float>?
  let win: Window
  let chunkRows: Int
}

private struct DirectBackwardWork<P: GradientProducer>: RangeWork {
  let layer: Conv2D
  let plan: DirectBackwardPlan
  let producer: P
  func run(_ range: Range<Int>, part: Int) {
    layer.directBackwardRows(plan, producer: producer, range: range, part: part)
  }
}
