/// A 2-D convolution over `[N, H, W, Cin]` with a `[kh, kw, Cin, Cout]` filter
/// (TensorFlow's HWIO layout) and an optional `[Cout]` bias.
///
/// Output is `[N, OH, OW, Cout]` with `OH`, `OW` and padding from `Window`
/// (TensorFlow's `SAME`/`VALID` rules, strides and dilations). A 1×1 convolution
/// with stride 1 and no padding is one GEMM on the input as it lies in memory;
/// every other shape copies windows into a column block (im2col) of at most
/// `columnBlockElements` floats and multiplies that, except that shapes with few input
/// channels read windows in place (`Conv2DDirect.swift`) and stride-1 kernels narrowing the
/// channels multiply by tap products (`Conv2DTaps.swift`). Work is split across the
/// worker pool by output pixels; the weight gradient is summed from one partial
/// GEMM per worker.
package final class Conv2D {
  package let kernel: (height: Int, width: Int)
  package let stride: (height: Int, width: Int)
  package let dilation: (height: Int, width: Int)
  package let padding: Padding
  package let inChannels: Int
  package let outChannels: Int
  /// `[kh, kw, Cin, Cout]`.
  package let weight: Tensor
  package let gradWeight: Tensor
  /// `[Cout, Cin]`: the filter of a 1×1 convolution with 16 inputs, transposed for its
  /// input-gradient product.
  let transposedWeight = Tensor(Shape(0))
  /// `[Cout]` when the convolution has a bias.
  package let bias: Tensor?
  package let gradBias: Tensor?

  let pool: WorkerPool
  /// Per-worker scratch: im2col columns, produced input rows, or tap products.
  var columns: [Tensor]
  var partialWeight: [Tensor]
  var partialBias: [Tensor]
  var gradChunks: [Tensor]
  /// Whether stored-input passes run by tap products (`Conv2DTaps.swift`) instead of im2col;
  /// set from the shape (`suitsTapProducts`), settable so tests can compare the two.
  package var usesTapProducts = false
  /// Whether stored-input passes run by the direct kernels (`Conv2DDirect.swift`) instead of
  /// im2col; set from the shape (`suitsDirectKernel`), settable so tests can compare the two.
  package var usesDirectKernel = false
  /// The filter as `[Cin, kh·kw·Cout]` for the tap-product path.
  let tapWeights = Tensor(Shape(0))
  /// Per-worker filter-gradient sums of the tap-product path, `[Cin, kh·kw·Cout]`.
  var partialTapWeight: [Tensor]
  /// Upper bound of one im2col block, in floats: 512 KiB, so a block written by im2col is still
  /// in L2 when the GEMM reads it.
  package var columnBlockElements = 1 << 17
  /// Floats of one worker's tap-product scratch per band of rows: 256 KiB, which stays in L2
  /// between the GEMM that writes it and the pass that reads it.
  package var tapBandElements = 1 << 16

  package init(inChannels: Int, outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
               dilation: (Int, Int) = (1, 1), padding: Padding = .same, bias: Bool = false,
               pool: WorkerPool = .shared) {
    precondition(inChannels > 0 && outChannels > 0, "channel counts must be positive")
    precondition(dilation == (1, 1) || stride == (1, 1),
                 "TensorFlow's conv2d rejects dilation > 1 together with stride > 1")
    self.kernel = (kernel.0, kernel.1)
    self.stride = (stride.0, stride.1)
    self.dilation = (dilation.0, dilation.1)
    self.padding = padding
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.pool = pool
    weight = Tensor(Shape(kernel.0, kernel.1, inChannels, outChannels))
    gradWeight = Tensor(Shape(kernel.0, kernel.1, inChannels, outChannels))
    self.bias = bias ? Tensor(Shape(outChannels)) : nil
    gradBias = bias ? Tensor(Shape(outChannels)) : nil
    columns = (0..<pool.parts).map { _ in Tensor(Shape(0)) }
    partialWeight = (0..<pool.parts).map { _ in Tensor(Shape(0)) }
    partialBias = (0..<pool.parts).map { _ in Tensor(Shape(0)) }
    gradChunks = (0..<pool.parts).map { _ in Tensor(Shape(0)) }
    partialTapWeight = (0..<pool.parts).map { _ in Tensor(Shape(0)) }
    usesTapProducts = suitsTapProducts
    usesDirectKernel = suitsDirectKernel
  }

  /// Rows of the unrolled filter: `kh * kw * Cin`.
  private var depth: Int { kernel.height * kernel.width * inChannels }

  package func window(height: Int, width: Int) -> Window {
    Window(height: height, width: width, kernel: (kernel.height, kernel.width),
           stride: (stride.height, stride.width), dilation: (dilation.height, dilation.width),
           padding: padding)
  }

  package func outputShape(for input: Shape) -> Shape {
    precondition(input.rank == 4 && input[3] == inChannels,
                 "conv2d input must be [N, H, W, \(inChannels)], got \(input)")
    let win = window(height: input[1], width: input[2])
    return Shape(input[0], win.y.output, win.x.output, outChannels)
  }

  func isPlainGEMM(_ win: Window) -> Bool {
    kernel == (1, 1) && stride == (1, 1) && win.y.padBefore == 0 && win.x.padBefore == 0
      && win.y.padAfter == 0 && win.x.padAfter == 0
  }

  /// Computes `y = conv(x, weight) + bias`, resizing `y` to `outputShape(for:)`.
  ///
  /// `epilogue.apply(rows, count:, part:)` is called on every chunk of output rows
  /// (`count` pixels of `Cout` values) right after it is computed, while it is
  /// still in cache, from worker `part`; batch norm hooks its statistics or its
  /// inference transform here.
  package func forward<E: OutputEpilogue>(_ x: Tensor, into y: Tensor, epilogue: E) {
    forward(x, producingInput: StoredInput(), into: y, epilogue: epilogue)
  }

  /// `forward` with the input rows produced on demand (1×1 stride-1 convolutions only):
  /// `input.produce(rows:into:)` writes input rows into a per-worker scratch just before
  /// the GEMM reads them, so the input need never be stored (batch norm's output is produced
  /// this way from its input). `x` gives the input's shape.
  package func forward<E: OutputEpilogue, I: InputProducer>(
    _ x: Tensor, producingInput input: I, into y: Tensor, epilogue: E
  ) {
    let (n, h, w, _) = x.nhwc("conv2d input")
    let outShape = outputShape(for: x.shape)
    y.resize(outShape)
    let win = window(height: h, width: w)
    let rows = n * win.y.output * win.x.output
    precondition(I.self == StoredInput.self || isPlainGEMM(win),
                 "produced inputs need a 1×1 stride-1 convolution")
    prepareTapWeights()
    pool.forEachRange(rows, ConvForwardWork(layer: self, xs: x.data, ys: y.data, win: win,
                                            plain: isPlainGEMM(win), chunkRows: forwardChunkRows,
                                            epilogue: epilogue, input: input))
  }

  package func forward(_ x: Tensor, into y: Tensor) { forward(x, into: y, epilogue: NoEpilogue()) }

  /// Output rows per forward chunk: about 32k output floats, which stay in L2 for the epilogue.
  var forwardChunkRows: Int { min(max(1, columnBlockElements / depth), max(32, 32768 / outChannels)) }

  /// Forward over output rows `range` (flattened `n, oy, ox`) by worker `part`, reading
  /// `xs` and writing `ys` as laid out for the whole batch.
  func forwardRows<E: OutputEpilogue>(
    _ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>, _ win: Window,
    plain: Bool, chunkRows: Int, epilogue: E, range: Range<Int>, part: Int
  ) {
    forwardRows(xs, ys, win, plain: plain, chunkRows: chunkRows, epilogue: epilogue,
                input: StoredInput(), range: range, part: part)
  }

  func forwardRows<E: OutputEpilogue, I: InputProducer>(
    _ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>, _ win: Window,
    plain: Bool, chunkRows: Int, epilogue: E, input: I, range: Range<Int>, part: Int
  ) {
    if usesTapProducts && I.self == StoredInput.self {
      tapForwardRows(xs, ys, win, epilogue: epilogue, range: range, part: part)
      return
    }
    if usesDirectKernel && I.self == StoredInput.self {
      directForwardRows(xs, ys, win, chunkRows: chunkRows, epilogue: epilogue, range: range, part: part)
      return
    }
    let k = depth, co = outChannels, ws = weight.data, bs = bias?.data
    var start = range.lowerBound
    while start < range.upperBound {
      let count = min(chunkRows, range.upperBound - start)
      let out = ys + start * co
      if let bs {
        for r in 0..<count { (out + r * co).update(from: bs, count: co) }
      }
      let a: UnsafePointer<Float>
      if plain && I.self == StoredInput.self {
        a = UnsafePointer(xs + start * k)
      } else if plain {
        let rows = columns[part]
        rows.resize(Shape(count * k))
        input.produce(rows: start..<(start + count), into: rows.data)
        a = UnsafePointer(rows.data)
      } else {
        let col = columns[part]
        col.resize(Shape(count * k))
        im2col(xs, win, channels: inChannels, rows: start..<(start + count), into: col.data)
        a = UnsafePointer(col.data)
      }
      if co == 16 || (co == 8 && k <= 64) {
        Conv2D.narrowProduct(a, rows: count, depth: k, weight: ws, outputs: co, into: out,
                             accumulate: bs != nil)
      } else {
        BLAS.gemm(transA: false, transB: false, m: count, n: co, k: k, a: a, lda: k, b: ws,
                  ldb: co, beta: bs == nil ? 0 : 1, c: out, ldc: co)
      }
      epilogue.apply(out, count: count, part: part)
      start += count
    }
  }

  /// Adds the gradients of the loss with respect to `weight` (and `bias`) into
  /// `gradWeight` (`gradBias`), and into or over `gradInput` when given.
  ///
  /// - Parameters:
  ///   - x: the input given to `forward`.
  ///   - gradOutput: `[N, OH, OW, Cout]`.
  ///   - gradInput: shaped like `x`; `accumulate` false overwrites it.
  package func backward(input x: Tensor, gradOutput dy: Tensor, gradInput dx: Tensor?,
                        accumulate: Bool = true) {
    dy.expect(outputShape(for: x.shape), "conv2d output gradient")
    backward(x, gradOutput: dy.data, producer: StoredGradient(), input: StoredInput(), gradInput: dx,
             accumulate: accumulate)
  }

  /// `backward` with the output gradient produced on demand: `producer.produce(rows:into:)`
  /// writes the gradient of output rows `rows` (flattened `n, oy, ox`, `Cout`
  /// values each) to `into`. Each chunk is multiplied while still in cache, so
  /// the full output gradient is never stored (batch norm's input gradient is
  /// produced this way).
  package func backward<P: GradientProducer>(input x: Tensor, producingGradOutput producer: P,
                                            gradInput dx: Tensor?, accumulate: Bool = true) {
    backward(x, gradOutput: nil, producer: producer, input: StoredInput(), gradInput: dx,
             accumulate: accumulate)
  }

  /// `backward` with both the output gradient and the input rows produced on demand (see
  /// `forward(_:producingInput:into:epilogue:)`); `x` gives the input's shape.
  package func backward<P: GradientProducer, I: InputProducer>(
    input x: Tensor, producingInput input: I, producingGradOutput producer: P,
    gradInput dx: Tensor?, accumulate: Bool = true
  ) {
    backward(x, gradOutput: nil, producer: producer, input: input, gradInput: dx,
             accumulate: accumulate)
  }

  private func backward<P: GradientProducer, I: InputProducer>(
    _ x: Tensor, gradOutput given: UnsafeMutablePointer<Float>?, producer: P, input: I,
    gradInput dx: Tensor?, accumulate: Bool
  ) {
    let (n, h, w, _) = x.nhwc("conv2d input")
    if let dx { dx.expect(x.shape, "conv2d input gradient") }
    let win = window(height: h, width: w)
    let pixels = win.y.output * win.x.output
    let rows = n * pixels
    let k = depth, co = outChannels
    let plain = isPlainGEMM(win)
    precondition(I.self == StoredInput.self || plain, "produced inputs need a 1×1 stride-1 convolution")
    if usesTapProducts, let given, I.self == StoredInput.self {
      tapBackward(x.data, gradOutput: given, gradInput: dx?.data, batch: n, win: win,
                  accumulate: accumulate)
      return
    }
    // The direct kernels compute no input gradient: passes that need one take im2col.
    if usesDirectKernel, dx == nil, I.self == StoredInput.self {
      directBackward(x.data, gradOutput: given, producer: producer, batch: n, win: win)
      return
    }
    let blockRows = max(1, columnBlockElements / k)
    // Scattering column gradients back into overlapping windows needs whole images per part.
    let unit = plain ? 1 : pixels
    let units = rows / max(unit, 1)
    let xs = x.data
    let dxs = dx?.data
    // Produced gradients come in chunks of about 64k floats (half the L2 cache).
    let chunkRows = given == nil ? min(blockRows, max(32, 65536 / max(co, k))) : Int.max
    let imageSize = h * w * inChannels
    let parts = plain || n >= pool.parts ? pool.parts : 1
    startPartialGradients(parts: parts)
    if plain && inChannels == 16 && dx != nil {
      // The input gradient `g · weightᵀ` has 16 columns: `narrowProduct` with the filter transposed.
      transposedWeight.resize(Shape(co, k))
      for i in 0..<k { for o in 0..<co { transposedWeight.data[o * k + i] = weight.data[i * co + o] } }
    }
    let plan = ConvBackwardPlan(xs: xs, dxs: dxs, given: given, win: win, pixels: pixels,
                                unit: unit, units: units, parts: parts, plain: plain,
                                accumulate: accumulate, blockRows: blockRows,
                                chunkRows: chunkRows, imageSize: imageSize)
    let work = ConvBackwardWork(layer: self, plan: plan, producer: producer, input: input)
    if parts == 1 { work.run(part: 0) } else { pool.run(work) }
    addPartialGradients(parts: parts)
  }

  /// Zeroes the filter (and bias) gradient sums of workers `1..<parts`, which a backward pass
  /// then adds into; worker 0 adds into `gradWeight` (`gradBias`) directly.
  func startPartialGradients(parts: Int) {
    for p in 1..<parts {
      partialWeight[p].resize(weight.shape)
      partialWeight[p].zero()
      if let gradBias { partialBias[p].resize(gradBias.shape); partialBias[p].zero() }
    }
  }

  /// Adds the sums of workers `1..<parts` into `gradWeight` (and `gradBias`).
  func addPartialGradients(parts: Int) {
    for p in 1..<parts {
      let src = partialWeight[p].data, dst = gradWeight.data
      for i in 0..<gradWeight.count { dst[i] += src[i] }
      if let gradBias {
        let from = partialBias[p].data
        for o in 0..<outChannels { gradBias.data[o] += from[o] }
      }
    }
  }

  /// One worker's share of a backward pass.
  fileprivate func backwardPart<P: GradientProducer, I: InputProducer>(
    _ plan: ConvBackwardPlan, producer: P, input: I, part: Int
  ) {
    let xs = plan.xs, ws = weight.data, dxs = plan.dxs, given = plan.given, win = plan.win
    let k = depth, co = outChannels, pixels = plan.pixels, unit = plan.unit
    let plain = plan.plain, accumulate = plan.accumulate
    let unitRange = WorkerPool.split(plan.units, parts: plan.parts, part: part)
    if unitRange.isEmpty { return }
    let range = (unitRange.lowerBound * unit)..<(unitRange.upperBound * unit)
    let gw = part == 0 ? self.gradWeight.data : self.partialWeight[part].data
    let gb = self.gradBias == nil ? nil
      : (part == 0 ? self.gradBias?.data : self.partialBias[part].data)
    if let dxs, !accumulate, !plain {
      let images = (range.lowerBound / pixels)..<(range.upperBound / pixels)
      (dxs + images.lowerBound * plan.imageSize).update(repeating: 0, count: images.count * plan.imageSize)
    }
    var start = range.lowerBound
    while start < range.upperBound {
      let count = min(plain ? plan.chunkRows : min(plan.blockRows, plan.chunkRows), range.upperBound - start)
      let g: UnsafeMutablePointer<Float>
      if let given {
        g = given + start * co
      } else {
        let scratch = self.gradChunks[part]
        scratch.resize(Shape(count * co))
        producer.produce(rows: start..<(start + count), into: scratch.data)
        g = scratch.data
      }
      if let gb {
        for r in 0..<count {
          for c in 0..<co { gb[c] += g[r * co + c] }
        }
      }
      if plain {
        var a = xs + start * k
        if I.self != StoredInput.self {
          let rows = self.columns[part]
          rows.resize(Shape(count * k))
          input.produce(rows: start..<(start + count), into: rows.data)
          a = rows.data
        }
        if co == 16 {
          Conv2D.narrowGradient(a, rows: count, depth: k, gradient: g, into: gw)
        } else {
          BLAS.gemm(transA: true, transB: false, m: k, n: co, k: count, a: a, lda: k,
                    b: g, ldb: co, beta: 1, c: gw, ldc: co)
        }
        if let dxs {
          if k == 16 {
            Conv2D.narrowProduct(g, rows: count, depth: co, weight: transposedWeight.data, outputs: 16,
                                 into: dxs + start * k, accumulate: accumulate)
          } else {
            BLAS.gemm(transA: false, transB: true, m: count, n: k, k: co, a: g, lda: co, b: ws,
                      ldb: co, beta: accumulate ? 1 : 0, c: dxs + start * k, ldc: k)
          }
        }
      } else {
        let col = self.columns[part]
        col.resize(Shape(count * k))
        self.im2col(xs, win, channels: self.inChannels, rows: start..<(start + count), into: col.data)
        BLAS.gemm(transA: true, transB: false, m: k, n: co, k: count, a: col.data, lda: k,
                  b: g, ldb: co, beta: 1, c: gw, ldc: co)
        if let dxs {
          BLAS.gemm(transA: false, transB: true, m: count, n: k, k: co, a: g, lda: co, b: ws,
                    ldb: co, beta: 0, c: col.data, ldc: k)
          self.col2im(col.data, win, channels: self.inChannels, rows: start..<(start + count),
                      into: dxs)
        }
      }
      start += count
    }
  }

  /// Copies the receptive fields of output rows `rows` (flattened `n, oy, ox`)
  /// into `col`, one `[kh, kw, Cin]` row each, zeros where the window is padding.
  /// A window row wholly inside the input (dilation 1) is one contiguous run of
  /// `kw * Cin` floats, copied at once.
  fileprivate func im2col(_ x: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                      rows: Range<Int>, into col: UnsafeMutablePointer<Float>) {
    let oh = win.y.output, ow = win.x.output, ih = win.y.input, iw = win.x.input
    let kh = kernel.height, kw = kernel.width, k = depth, span = kw * c
    let contiguous = win.x.dilation == 1
    var position = OutputPosition(rows.lowerBound, height: oh, width: ow)
    for r in rows {
      var dst = col + (r - rows.lowerBound) * k
      let image = x + position.n * ih * iw * c
      let ix0 = win.x.source(position.ox, 0)
      let inside = contiguous && ix0 >= 0 && ix0 + kw <= iw
      for ky in 0..<kh {
        let iy = win.y.source(position.oy, ky)
        if iy < 0 || iy >= ih {
          copyFloats(nil, to: dst, count: span)
          dst += span
          continue
        }
        if inside {
          copyFloats(image + (iy * iw + ix0) * c, to: dst, count: span)
          dst += span
          continue
        }
        for kx in 0..<kw {
          let ix = win.x.source(position.ox, kx)
          copyFloats(ix >= 0 && ix < iw ? image + (iy * iw + ix) * c : nil, to: dst, count: c)
          dst += c
        }
      }
      position.advance()
    }
  }

  /// Adds each column row back onto the input pixels its window covers.
  fileprivate func col2im(_ col: UnsafeMutablePointer<Float>, _ win: Window, channels c: Int,
                      rows: Range<Int>, into dx: UnsafeMutablePointer<Float>) {
    let oh = win.y.output, ow = win.x.output, ih = win.y.input, iw = win.x.input
    let kh = kernel.height, kw = kernel.width, k = depth, span = kw * c
    let contiguous = win.x.dilation == 1
    var position = OutputPosition(rows.lowerBound, height: oh, width: ow)
    for r in rows {
      var src = col + (r - rows.lowerBound) * k
      let image = dx + position.n * ih * iw * c
      let ix0 = win.x.source(position.ox, 0)
      let inside = contiguous && ix0 >= 0 && ix0 + kw <= iw
      for ky in 0..<kh {
        let iy = win.y.source(position.oy, ky)
        if iy >= 0 && iy < ih {
          if inside {
            let dst = image + (iy * iw + ix0) * c
            for i in 0..<span { dst[i] += src[i] }
          } else {
            for kx in 0..<kw {
              let ix = win.x.source(position.ox, kx)
              if ix >= 0 && ix < iw {
                let dst = image + (iy * iw + ix) * c, from = src + kx * c
                for i in 0..<c { dst[i] += from[i] }
              }
            }
          }
        }
        src += span
      }
      position.advance()
    }
  }
}

/// The fixed inputs of one convolution backward pass, shared by its workers.
fileprivate struct ConvBackwardPlan {
  let xs: UnsafeMutablePointer<Float>
  let dxs: UnsafeMutablePointer<Float>?
  let given: UnsafeMutablePointer<Float>?
  let win: Window
  let pixels: Int, unit: Int, units: Int, parts: Int
  let plain: Bool, accumulate: Bool
  let blockRows: Int, chunkRows: Int, imageSize: Int
}

private struct ConvBackwardWork<P: GradientProducer, I: InputProducer>: ParallelWork {
  let layer: Conv2D
  let plan: ConvBackwardPlan
  let producer: P
  let input: I
  func run(part: Int) { layer.backwardPart(plan, producer: producer, input: input, part: part) }
}

private struct ConvForwardWork<E: OutputEpilogue, I: InputProducer>: RangeWork {
  let layer: Conv2D
  let xs: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>
  let win: Window
  let plain: Bool
  let chunkRows: Int
  let epilogue: E
  let input: I
  func run(_ range: Range<Int>, part: Int) {
    layer.forwardRows(xs, ys, win, plain: plain, chunkRows: chunkRows, epilogue: epilogue, input: input,
                      range: range, part: part)
  }
}

/// `n, oy, ox` of a flattened output row, stepped without dividing.
private struct OutputPosition {
  var n: Int, oy: Int, ox: Int
  let height: Int, width: Int
  init(_ row: Int, height: Int, width: Int) {
    self.height = height
    self.width = width
    n = row / (height * width)
    oy = row % (height * width) / width
    ox = row % width
  }
  @inline(__always) mutating func advance() {
    ox += 1
    if ox == width {
      ox = 0
      oy += 1
      if oy == height { oy = 0; n += 1 }
    }
  }
}

/// Copies `count` floats from `source` (zeros when nil) to `destination`; short runs
/// (the RGB input layer's 3 or 9 floats) in registers rather than through a library call.
@inline(__always)
private func copyFloats(_ source: UnsafeMutablePointer<Float>?, to destination: UnsafeMutablePointer<Float>,
                        count: Int) {
  guard let source else {
    if count < 32 { for i in 0..<count { destination[i] = 0 } } else {
      destination.update(repeating: 0, count: count)
    }
    return
  }
  if count >= 32 { destination.update(from: source, count: count); return }
  var i = 0
  while i + 8 <= count { store8(load8(source + i), destination + i); i += 8 }
  while i < count { destination[i] = source[i]; i += 1 }
}
