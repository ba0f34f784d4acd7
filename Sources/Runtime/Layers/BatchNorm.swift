#if canImport(Glibc)
import Glibc
#endif

/// Batch normalisation over the channel axis of `[N, H, W, C]` (or any shape
/// whose last axis is `C`), with an optional fused activation.
///
/// Training mode normalises with the batch mean and biased variance and updates
/// the moving statistics the way TF-slim's fused batch norm does:
/// `moving -= (moving - batch) * (1 - decay)`, where the batch variance fed to
/// the moving average is Bessel-corrected (`n / (n - 1)`), as TensorFlow's
/// `FusedBatchNormV3` returns it. Inference mode uses the moving statistics.
/// `frozen` is TF OD API's `freeze_batchnorm`: inference statistics and no
/// gradients for `gamma`/`beta`. Without `scale`, gamma is 1; without `center`,
/// beta is 0; neither then receives a gradient.
package final class BatchNorm {
  package enum Mode: Sendable { case training, inference }

  package let channels: Int
  package var epsilon: Float
  package var decay: Float
  package let scale: Bool
  package let center: Bool
  package var activation: Activation
  package var mode: Mode = .training
  package var frozen = false

  package let gamma: Tensor, beta: Tensor
  package let gradGamma: Tensor, gradBeta: Tensor
  package let movingMean: Tensor, movingVariance: Tensor

  /// Per-channel affine map of the last forward pass: `z = x * a + b`.
  private var mulAdd: Tensor
  /// Per-channel mean and 1 / sqrt(var + eps) of the last forward pass.
  private var mean: Tensor, invStd: Tensor
  /// Per worker, `8 * C` floats: per-channel Double sums (`2 * C` Doubles), then float sums of
  /// one block of rows (`2 * C`); part 0's last `2 * C` hold the input-gradient coefficients.
  private var partial: [Tensor]
  private let pool: WorkerPool

  package init(channels: Int, epsilon: Float = 1e-3, decay: Float = 0.999, scale: Bool = true,
               center: Bool = true, activation: Activation = .identity, pool: WorkerPool = .shared) {
    precondition(channels > 0, "batch norm needs at least one channel")
    self.channels = channels
    self.epsilon = epsilon
    self.decay = decay
    self.scale = scale
    self.center = center
    self.activation = activation
    self.pool = pool
    gamma = Tensor(Shape(channels)); gamma.fill(1)
    beta = Tensor(Shape(channels))
    gradGamma = Tensor(Shape(channels))
    gradBeta = Tensor(Shape(channels))
    movingMean = Tensor(Shape(channels))
    movingVariance = Tensor(Shape(channels)); movingVariance.fill(1)
    mulAdd = Tensor(Shape(2 * channels))
    mean = Tensor(Shape(channels))
    invStd = Tensor(Shape(channels))
    partial = (0..<pool.parts).map { _ in Tensor(Shape(8 * channels)) }
  }

  private var usesBatchStatistics: Bool { mode == .training && !frozen }

  /// Starts a batch whose statistics a producer feeds through `accumulateStatistics`.
  package func beginStatistics() {
    for p in partial {
      UnsafeMutableRawPointer(p.data).bindMemory(to: Double.self, capacity: 2 * channels)
        .update(repeating: 0, count: 2 * channels)
    }
  }

  /// Adds the per-channel sums of `count` rows of `[.., C]` values to worker
  /// `part`'s accumulators. Producers call it on output chunks still in cache,
  /// which saves batch norm a pass over its input; then `forward(_:into:statisticsAccumulated: true)`.
  package func accumulateStatistics(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    let c = channels
    let acc = UnsafeMutableRawPointer(partial[part].data).bindMemory(to: Double.self, capacity: 2 * c)
    // Float sums over blocks of 64 rows, blocks summed in Double.
    let block = partial[part].data + 4 * c
    var start = 0
    while start < count {
      let end = min(start + 64, count)
      block.update(repeating: 0, count: 2 * c)
      for row in start..<end {
        let v = rows + row * c
        for i in 0..<c {
          block[i] += v[i]
          block[c + i] += v[i] * v[i]
        }
      }
      for i in 0..<(2 * c) { acc[i] += Double(block[i]) }
      start = end
    }
  }

  /// Sets the affine map of inference mode (moving statistics) for `applyInPlace`.
  package func prepareInference() {
    let c = channels
    for i in 0..<c {
      mean.data[i] = movingMean.data[i]
      invStd.data[i] = 1 / (movingVariance.data[i] + epsilon).squareRoot()
    }
    setAffine()
  }

  /// Normalises `count` rows in place with the map set by `prepareInference`: the
  /// inference pass fused into a producer's output loop.
  package func applyInPlace(_ rows: UnsafeMutablePointer<Float>, count: Int) {
    apply(UnsafePointer(rows), into: rows, rows: 0..<count)
  }

  private func setAffine() {
    let c = channels
    let a = mulAdd.data, shift = mulAdd.data + c
    for i in 0..<c {
      let gi = scale ? gamma.data[i] : 1
      a[i] = gi * invStd.data[i]
      shift[i] = (center ? beta.data[i] : 0) - mean.data[i] * a[i]
    }
  }

  fileprivate func apply(_ xs: UnsafePointer<Float>, into ys: UnsafeMutablePointer<Float>,
                     rows r: Range<Int>) {
    let c = channels
    let a = mulAdd.data, shift = mulAdd.data + c
    if UnsafePointer(ys) == xs {
      // In place, through one pointer: with two equal pointers the compiler's alias
      // check would fail at run time and fall back to scalar code.
      for row in r {
        let out = ys + row * c
        switch activation {
        case .identity: for i in 0..<c { out[i] = out[i] * a[i] + shift[i] }
        case .relu6: for i in 0..<c { out[i] = min(max(out[i] * a[i] + shift[i], 0), 6) }
        case .relu: for i in 0..<c { out[i] = max(out[i] * a[i] + shift[i], 0) }
        case let act: for i in 0..<c { out[i] = act.apply(out[i] * a[i] + shift[i]) }
        }
      }
      return
    }
    for row in r {
      let v = xs + row * c, out = ys + row * c
      switch activation {
      case .identity: for i in 0..<c { out[i] = v[i] * a[i] + shift[i] }
      case .relu6: for i in 0..<c { out[i] = min(max(v[i] * a[i] + shift[i], 0), 6) }
      case .relu: for i in 0..<c { out[i] = max(v[i] * a[i] + shift[i], 0) }
      case let act: for i in 0..<c { out[i] = act.apply(v[i] * a[i] + shift[i]) }
      }
    }
  }

  /// `y = activation(gamma * (x - mean) / sqrt(var + eps) + beta)`; `y` is
  /// resized to `x`'s shape and may be `x` itself only in inference mode.
  /// With `statisticsAccumulated`, the batch sums came from `accumulateStatistics`.
  /// With `storeOutput` false, `y` is only shaped: the statistics and the affine map are
  /// set and a consumer produces the output rows it reads (`BatchNormOutput`).
  package func forward(_ x: Tensor, into y: Tensor, statisticsAccumulated: Bool = false,
                       storeOutput: Bool = true) {
    let c = channels
    precondition(x.rank >= 1 && x.shape[x.rank - 1] == c,
                 "batch norm input must end in \(c) channels, got \(x.shape)")
    y.resize(x.shape)
    let rows = x.count / c
    let xs = x.data, ys = y.data
    if usesBatchStatistics {
      precondition(rows > 0, "batch norm in training mode needs at least one element per channel")
      if !statisticsAccumulated {
        beginStatistics()
        pool.forEachRange(rows, StatisticsWork(norm: self, xs: xs))
      }
      let mu = mean.data, inv = invStd.data
      let used = pool.parts
      let factor = 1 - decay
      for i in 0..<c {
        var sum = 0.0, squares = 0.0
        for p in 0..<used {
          let acc = UnsafeMutableRawPointer(partial[p].data).bindMemory(to: Double.self, capacity: 2 * c)
          sum += acc[i]; squares += acc[c + i]
        }
        let m = sum / Double(rows)
        let variance = max(squares / Double(rows) - m * m, 0)
        mu[i] = Float(m)
        inv[i] = 1 / (Float(variance) + epsilon).squareRoot()
        let corrected = rows > 1 ? Float(variance * Double(rows) / Double(rows - 1)) : Float(variance)
        movingMean.data[i] -= (movingMean.data[i] - Float(m)) * factor
        movingVariance.data[i] -= (movingVariance.data[i] - corrected) * factor
      }
      setAffine()
    } else {
      prepareInference()
    }
    if storeOutput { pool.forEachRange(rows, ApplyWork(norm: self, xs: xs, ys: ys)) }
  }

  /// Adds parameter gradients into `gradGamma`/`gradBeta` (unless frozen) and
  /// the input gradient into (or with `accumulate` false over) `gradInput`.
  ///
  /// - Parameters: `x` and `y` are the input and output of the last `forward`.
  package func backward(input x: Tensor, output y: Tensor, gradOutput dy: Tensor,
                        gradInput dx: Tensor?, accumulate: Bool = true) {
    prepareBackward(input: x, output: y, gradOutput: dy)
    guard let dx else { return }
    dx.expect(x.shape, "batch norm input gradient")
    pool.forEachRange(x.count / channels,
                      InputGradientWork(norm: self, x: x, y: y, dy: dy, dx: dx, accumulate: accumulate))
  }

  /// The first half of `backward`: adds the parameter gradients and prepares the
  /// input gradient, which `inputGradient` then produces row by row (so a
  /// convolution can consume it chunk by chunk while it is in cache).
  ///
  /// With `sumsAccumulated`, the per-channel sums were fed row by row through
  /// `accumulateGradientSums` (after `beginStatistics`) by the pass that wrote `dy`.
  package func prepareBackward(input x: Tensor, output y: Tensor, gradOutput dy: Tensor,
                               sumsAccumulated: Bool = false) {
    dy.expect(x.shape, "batch norm output gradient")
    if !sumsAccumulated {
      beginStatistics()
      pool.forEachRange(x.count / channels, SumsWork(norm: self, xs: x.data, ys: y.data, gs: dy.data))
    }
    finishSums(rows: x.count / channels)
  }

  /// Adds the backward sums of rows `rows` (of `C` values) to worker `part`'s accumulators;
  /// see `prepareBackward(sumsAccumulated:)`.
  package func accumulateGradientSums(input x: Tensor, output y: Tensor, gradOutput dy: Tensor,
                                      rows: Range<Int>, part: Int) {
    SumsWork(norm: self, xs: x.data, ys: y.data, gs: dy.data).run(rows, part: part)
  }

  /// Writes (or with `accumulate` adds) the input gradient of rows `rows` (of
  /// `C` values each) to `destination`, which points at the first of them.
  /// Requires `prepareBackward` on the same tensors first.
  package func inputGradient(input x: Tensor, output y: Tensor, gradOutput dy: Tensor,
                             rows: Range<Int>, into destination: UnsafeMutablePointer<Float>,
                             accumulate: Bool) {
    switch activation {
    case .identity: rowsOfInputGradient(x, y, dy, rows, destination, accumulate, IdentityGradient())
    case .relu6: rowsOfInputGradient(x, y, dy, rows, destination, accumulate, ReLU6Gradient())
    case .relu: rowsOfInputGradient(x, y, dy, rows, destination, accumulate, ReLUGradient())
    case let act:
      rowsOfInputGradient(x, y, dy, rows, destination, accumulate,
                          AnyActivationGradient(activation: act))
    }
  }

  /// Parameter gradients and input-gradient coefficients from the summed partials.
  private func finishSums(rows: Int) {
    let c = channels
    let mu = mean.data, inv = invStd.data, a = mulAdd.data
    let batch = usesBatchStatistics
    // dx = a * (dz - mean(dz) - xhat * mean(dz * xhat)), expanded to a * dz + offset - slope * x.
    let coefficients = partial[0].data + 6 * c
    for i in 0..<c {
      var s0 = 0.0, s1 = 0.0
      for p in 0..<pool.parts {
        let acc = UnsafeMutableRawPointer(partial[p].data).bindMemory(to: Double.self, capacity: 2 * c)
        s0 += acc[i]; s1 += acc[c + i]
      }
      s1 *= Double(inv[i])
      if !frozen {
        if center { gradBeta.data[i] += Float(s0) }
        if scale { gradGamma.data[i] += Float(s1) }
      }
      let meanDz = Float(s0 / Double(rows)), meanDzXhat = Float(s1 / Double(rows))
      let k = batch ? a[i] * meanDzXhat * inv[i] : 0
      coefficients[i] = batch ? -a[i] * meanDz + k * mu[i] : 0
      coefficients[c + i] = k
    }
  }

  /// Adds rows `rows`' sums of dz and dz * (x - mean) to worker `part`'s accumulators,
  /// dz being the gradient before the activation; float sums over blocks of 64 rows,
  /// blocks summed in Double.
  fileprivate func backwardSums<D: PreActivationGradient>(
    _ xs: UnsafeMutablePointer<Float>, _ ys: UnsafeMutablePointer<Float>,
    _ gs: UnsafeMutablePointer<Float>, rows r: Range<Int>, part: Int, _ derivative: D
  ) {
    let c = channels
    let mu = mean.data, a = mulAdd.data, shift = mulAdd.data + c
    let acc = UnsafeMutableRawPointer(partial[part].data).bindMemory(to: Double.self, capacity: 2 * c)
    let block = partial[part].data + 4 * c
    var start = r.lowerBound
    while start < r.upperBound {
      let end = min(start + 64, r.upperBound)
      block.update(repeating: 0, count: 2 * c)
      for row in start..<end {
        let v = xs + row * c, out = ys + row * c, g = gs + row * c
        for i in 0..<c {
          let dz = derivative.dz(g[i], v[i], out[i], a[i], shift[i])
          block[i] += dz
          block[c + i] += dz * (v[i] - mu[i])
        }
      }
      for i in 0..<(2 * c) { acc[i] += Double(block[i]) }
      start = end
    }
  }

  private func rowsOfInputGradient<D: PreActivationGradient>(
    _ x: Tensor, _ y: Tensor, _ dy: Tensor, _ rows: Range<Int>,
    _ destination: UnsafeMutablePointer<Float>, _ accumulate: Bool, _ derivative: D
  ) {
    let c = channels
    let xs = x.data, ys = y.data, gs = dy.data
    let a = mulAdd.data, shift = mulAdd.data + c
    let offset = partial[0].data + 6 * c, slope = offset + c
    for row in rows {
      let v = xs + row * c, out = ys + row * c, g = gs + row * c
      let d = destination + (row - rows.lowerBound) * c
      if accumulate {
        for i in 0..<c {
          d[i] += a[i] * derivative.dz(g[i], v[i], out[i], a[i], shift[i]) + offset[i] - slope[i] * v[i]
        }
      } else {
        for i in 0..<c {
          d[i] = a[i] * derivative.dz(g[i], v[i], out[i], a[i], shift[i]) + offset[i] - slope[i] * v[i]
        }
      }
    }
  }
}

/// The gradient before a fused activation, from the gradient after it (`g`), the
/// norm's input `v`, its output `out` and the affine map `a`, `shift`. One type
/// per activation so the generic backward pass is specialised and vectorised.
private protocol PreActivationGradient {
  func dz(_ g: Float, _ v: Float, _ out: Float, _ a: Float, _ shift: Float) -> Float
}

private struct IdentityGradient: PreActivationGradient {
  @inline(__always) func dz(_ g: Float, _ v: Float, _ out: Float, _ a: Float, _ shift: Float)
    -> Float { g }
}

private struct ReLU6Gradient: PreActivationGradient {
  @inline(__always) func dz(_ g: Float, _ v: Float, _ out: Float, _ a: Float, _ shift: Float)
    -> Float {
    // From the pre-activation, recomputed exactly as forward did, so `y` need not be read.
    let z = v * a + shift
    return z > 0 && z < 6 ? g : 0
  }
}

private struct ReLUGradient: PreActivationGradient {
  @inline(__always) func dz(_ g: Float, _ v: Float, _ out: Float, _ a: Float, _ shift: Float)
    -> Float { v * a + shift > 0 ? g : 0 }
}

private struct AnyActivationGradient: PreActivationGradient {
  let activation: Activation
  @inline(__always) func dz(_ g: Float, _ v: Float, _ out: Float, _ a: Float, _ shift: Float)
    -> Float { g * activation.derivative(z: v * a + shift, y: out) }
}

/// Epilogue feeding a batch norm's batch statistics from its producer's output.
package struct BatchNormStatistics: OutputEpilogue {
  package let norm: BatchNorm
  package init(_ norm: BatchNorm) { self.norm = norm }
  @inline(__always) package func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    norm.accumulateStatistics(rows, count: count, part: part)
  }
}

/// Epilogue summing a batch norm's backward statistics from its output gradient rows as
/// they are written (by the consumer's input-gradient pass), reading the matching rows of
/// the norm's input; then `prepareBackward(sumsAccumulated: true)`.
package struct BatchNormGradientSums: OutputEpilogue {
  package let norm: BatchNorm
  package let input: Tensor, output: Tensor, gradOutput: Tensor
  package init(_ norm: BatchNorm, input: Tensor, output: Tensor, gradOutput: Tensor) {
    self.norm = norm
    self.input = input
    self.output = output
    self.gradOutput = gradOutput
  }
  package func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    let start = (rows - gradOutput.data) / norm.channels
    norm.accumulateGradientSums(input: input, output: output, gradOutput: gradOutput,
                                rows: start..<(start + count), part: part)
  }
}

/// Epilogue applying a batch norm's inference transform in place.
package struct BatchNormInference: OutputEpilogue {
  package let norm: BatchNorm
  package init(_ norm: BatchNorm) { self.norm = norm }
  @inline(__always) package func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    norm.applyInPlace(rows, count: count)
  }
}

/// A batch norm's input gradient, produced for a convolution's backward pass
/// after `prepareBackward` on the same tensors.
package struct BatchNormInputGradient: GradientProducer {
  package let norm: BatchNorm
  package let input: Tensor, output: Tensor, gradOutput: Tensor
  package init(_ norm: BatchNorm, input: Tensor, output: Tensor, gradOutput: Tensor) {
    self.norm = norm
    self.input = input
    self.output = output
    self.gradOutput = gradOutput
  }
  package func produce(rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    norm.inputGradient(input: input, output: output, gradOutput: gradOutput, rows: rows,
                       into: destination, accumulate: false)
  }
}

/// A batch norm's output, produced from its input with the affine map and activation of
/// the last `forward` (for a consumer that reads rows without the output being stored).
package struct BatchNormOutput: InputProducer {
  package let norm: BatchNorm
  package let input: Tensor
  package init(_ norm: BatchNorm, input: Tensor) {
    self.norm = norm
    self.input = input
  }
  package func produce(rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    norm.apply(input.data, into: destination - rows.lowerBound * norm.channels, rows: rows)
  }
}

private struct StatisticsWork: RangeWork {
  let norm: BatchNorm
  let xs: UnsafeMutablePointer<Float>
  func run(_ range: Range<Int>, part: Int) {
    norm.accumulateStatistics(xs + range.lowerBound * norm.channels, count: range.count, part: part)
  }
}

private struct ApplyWork: RangeWork {
  let norm: BatchNorm
  let xs: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>
  func run(_ range: Range<Int>, part: Int) { norm.apply(xs, into: ys, rows: range) }
}

private struct InputGradientWork: RangeWork {
  let norm: BatchNorm
  let x: Tensor, y: Tensor, dy: Tensor, dx: Tensor
  let accumulate: Bool
  func run(_ range: Range<Int>, part: Int) {
    norm.inputGradient(input: x, output: y, gradOutput: dy, rows: range,
                       into: dx.data + range.lowerBound * norm.channels, accumulate: accumulate)
  }
}

/// Not generic on purpose: workers reach region work through an existential, and a generic
/// work type would run there unspecialised, calling the derivative through a witness table per
/// element. The switch picks a specialised loop instead.
private struct SumsWork: RangeWork {
  let norm: BatchNorm
  let xs: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>, gs: UnsafeMutablePointer<Float>
  func run(_ range: Range<Int>, part: Int) {
    switch norm.activation {
    case .identity: norm.backwardSums(xs, ys, gs, rows: range, part: part, IdentityGradient())
    case .relu6: norm.backwardSums(xs, ys, gs, rows: range, part: part, ReLU6Gradient())
    case .relu: norm.backwardSums(xs, ys, gs, rows: range, part: part, ReLUGradient())
    case let act:
      norm.backwardSums(xs, ys, gs, rows: range, part: part, AnyActivationGradient(activation: act))
    }
  }
}
