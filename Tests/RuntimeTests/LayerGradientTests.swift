import Testing
@testable import Runtime

// Activations, add, concat, resize, pooling, global average pooling and dropout against
// double-precision references (see GradientCheck.swift), one table per layer with a case per
// option. Layers that always add into their input gradient start from `garbage`, so the checks
// also hold them to adding rather than overwriting.

/// Inputs at least `margin` away from the kinks of ReLU and ReLU6.
func awayFromKinks(_ shape: Shape, seed: UInt64, margin: Float = 0.05) -> Tensor {
  let t = randomTensor(shape, seed: seed, scale: 4)
  for i in 0..<t.count {
    var v = t.data[i] + 3
    for kink: Float in [0, 6] where abs(v - kink) < margin { v = kink + (v < kink ? -margin : margin) }
    t.data[i] = v
  }
  return t
}

struct ActivationCase: Sendable, CustomTestStringConvertible {
  let activation: Activation
  let accumulate: Bool
  var testDescription: String { "\(activation)\(accumulate ? ", accumulating" : "")" }
}

@Test(arguments: Activation.allCases.flatMap { activation in
  [false, true].map { ActivationCase(activation: activation, accumulate: $0) }
})
func activationGradientsMatchDoublePrecision(_ c: ActivationCase) {
  let layer = ActivationLayer(c.activation)
  let x = awayFromKinks(Shape(2, 3, 3, 4), seed: 41)
  let y = Tensor(Shape(0))
  layer.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 42).array
  let dx = garbage(x.shape)
  layer.backward(input: x, output: y, gradOutput: Tensor(y.shape, values: probe), gradInput: dx,
                 accumulate: c.accumulate)
  checkLayerInDouble("activation \(c.testDescription)", output: y, probe: probe, [
    Variable("input", x, gradient: c.accumulate ? added(to: dx) : dx.array),
  ]) { v in
    v[0].map { Reference.activate($0, c.activation) }
  }
}

struct ActivationValueCase: Sendable, CustomTestStringConvertible {
  let activation: Activation
  let output: [Float]
  let derivative: [Float]
  var testDescription: String { "\(activation)" }
}

// At x = -1, 0, 3, 6, 7; derivatives at 0 and 6 as TensorFlow's Relu/Relu6 gradients define them.
@Test(arguments: [
  ActivationValueCase(activation: .relu, output: [0, 0, 3, 6, 7], derivative: [0, 0, 1, 1, 1]),
  ActivationValueCase(activation: .relu6, output: [0, 0, 3, 6, 6], derivative: [0, 0, 1, 0, 0]),
  ActivationValueCase(activation: .identity, output: [-1, 0, 3, 6, 7], derivative: [1, 1, 1, 1, 1]),
])
func activationValuesAndKinks(_ c: ActivationValueCase) {
  let xs: [Float] = [-1, 0, 3, 6, 7]
  #expect(xs.map { c.activation.apply($0) } == c.output)
  #expect(zip(xs, c.output).map { c.activation.derivative(z: $0, y: $1) } == c.derivative)
}

struct AddCase: Sendable, CustomTestStringConvertible {
  let name: String
  var accumulateA = true
  var accumulateB = true
  var gradientB = true
  var testDescription: String { name }
}

@Test(arguments: [
  AddCase(name: "both accumulating"),
  AddCase(name: "both overwriting", accumulateA: false, accumulateB: false),
  AddCase(name: "lhs overwriting, rhs accumulating", accumulateA: false),
  AddCase(name: "no rhs gradient", gradientB: false),
])
func addGradientsMatchDoublePrecision(_ c: AddCase) {
  let a = randomTensor(Shape(2, 2, 2, 3), seed: 51), b = randomTensor(Shape(2, 2, 2, 3), seed: 52)
  let y = Tensor(Shape(0))
  Add.forward(a, b, into: y)
  let probe = randomTensor(y.shape, seed: 53).array
  let da = garbage(a.shape), db = c.gradientB ? garbage(b.shape) : nil
  Add.backward(gradOutput: Tensor(y.shape, values: probe), gradA: da, accumulateA: c.accumulateA,
               gradB: db, accumulateB: c.accumulateB)
  checkLayerInDouble("add, \(c.name)", output: y, probe: probe, [
    Variable("lhs", a, gradient: c.accumulateA ? added(to: da) : da.array),
    Variable("rhs", b, gradient: db.map { c.accumulateB ? added(to: $0) : $0.array }),
  ]) { v in
    zip(v[0], v[1]).map(+)
  }
}

struct ConcatCase: Sendable, CustomTestStringConvertible {
  let channels: [Int]
  /// Which inputs ask for a gradient.
  var gradients: [Bool]? = nil
  var testDescription: String {
    zip(channels, gradients ?? channels.map { _ in true })
      .map { "\($0)\($1 ? "" : " (no gradient)")" }.joined(separator: " + ")
  }
}

@Test(arguments: [
  ConcatCase(channels: [3, 2]),
  ConcatCase(channels: [1, 4, 2]),
  ConcatCase(channels: [3]),
  ConcatCase(channels: [2, 3, 1], gradients: [true, false, true]),
])
func concatGradientsMatchDoublePrecision(_ c: ConcatCase) {
  let inputs = c.channels.enumerated().map { randomTensor(Shape(2, 2, 3, $1), seed: 54 + UInt64($0)) }
  let y = Tensor(Shape(0))
  Concat.forward(inputs, into: y)
  #expect(y.shape == Shape(2, 2, 3, c.channels.reduce(0, +)))
  let probe = randomTensor(y.shape, seed: 59).array
  let gradients = inputs.enumerated().map { i, x in c.gradients?[i] == false ? nil : garbage(x.shape) }
  Concat.backward(gradOutput: Tensor(y.shape, values: probe), gradInputs: gradients,
                  channels: c.channels)
  checkLayerInDouble("concat \(c.testDescription)", output: y, probe: probe, inputs.indices.map {
    Variable("input \($0)", inputs[$0], gradient: gradients[$0].map(added(to:)))
  }) { v in
    Reference.concat(v, channels: c.channels)
  }
}

struct ResizeCase: Sendable, CustomTestStringConvertible {
  /// Where output samples sit: TF1's default, align_corners or half_pixel_centers.
  enum Centres: String, Sendable { case legacy = "", aligned = " aligned", halfPixel = " half-pixel" }
  let method: Resize.Method
  var centres = Centres.legacy
  let output: (height: Int, width: Int)
  var input = Shape(2, 3, 3, 2)
  var testDescription: String {
    "\(method)\(centres.rawValue) \(input[1])x\(input[2]) to \(output.height)x\(output.width)"
  }

  func makeLayer() -> Resize {
    Resize(method, height: output.height, width: output.width,
           alignCorners: centres == .aligned, halfPixelCenters: centres == .halfPixel)
  }
}

@Test(arguments: [
  ResizeCase(method: .nearest, output: (6, 4)),
  ResizeCase(method: .nearest, output: (3, 4), input: Shape(2, 5, 7, 2)),
  ResizeCase(method: .nearest, centres: .aligned, output: (5, 2)),
  ResizeCase(method: .nearest, centres: .aligned, output: (4, 3), input: Shape(1, 6, 7, 3)),
  ResizeCase(method: .nearest, centres: .halfPixel, output: (2, 3)),
  ResizeCase(method: .nearest, centres: .halfPixel, output: (7, 5)),
  ResizeCase(method: .bilinear, output: (5, 7)),
  ResizeCase(method: .bilinear, output: (3, 4), input: Shape(2, 5, 7, 2)),
  ResizeCase(method: .bilinear, output: (3, 3)),
  ResizeCase(method: .bilinear, centres: .aligned, output: (5, 2)),
  ResizeCase(method: .bilinear, centres: .aligned, output: (4, 3), input: Shape(1, 6, 7, 3)),
  ResizeCase(method: .bilinear, centres: .halfPixel, output: (6, 5)),
  ResizeCase(method: .bilinear, centres: .halfPixel, output: (3, 2), input: Shape(2, 5, 7, 2)),
])
func resizeGradientsMatchDoublePrecision(_ c: ResizeCase) {
  let resize = c.makeLayer()
  let x = randomTensor(c.input, seed: 61)
  let y = Tensor(Shape(0))
  resize.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 62).array
  let dx = garbage(x.shape)
  resize.backward(input: x, gradOutput: Tensor(y.shape, values: probe), gradInput: dx)
  checkLayerInDouble("resize \(c.testDescription)", output: y, probe: probe, [
    Variable("input", x, gradient: added(to: dx)),
  ]) { v in
    Reference.resize(v[0], c.input, resize)
  }
}

@Test func resizeValuesFollowTensorFlowConventions() {
  // 1x2 -> 1x4 on a row [0, 10]: bilinear without half-pixel centres samples 0, 0.5, 1, 1.5
  // (clamped); with half-pixel centres -0.25, 0.25, 0.75, 1.25; align_corners 0, 1/3, 2/3, 1.
  let x = Tensor(Shape(1, 1, 2, 1), values: [0, 10])
  let y = Tensor(Shape(0))
  Resize(.bilinear, height: 1, width: 4).forward(x, into: y)
  #expect(y.array == [0, 5, 10, 10])
  Resize(.bilinear, height: 1, width: 4, halfPixelCenters: true).forward(x, into: y)
  #expect(y.array == [0, 2.5, 7.5, 10])
  Resize(.bilinear, height: 1, width: 4, alignCorners: true).forward(x, into: y)
  #expect(abs(y[1] - 10.0 / 3) < 1e-5 && y[3] == 10)
  Resize(.nearest, height: 1, width: 4).forward(x, into: y)
  #expect(y.array == [0, 0, 10, 10])
}

struct PoolingCase: Sendable, CustomTestStringConvertible {
  let name: String
  let kernel: (Int, Int)
  let stride: (Int, Int)
  let padding: Padding
  var input = Shape(2, 5, 5, 2)
  var kind = Pooling.Kind.max
  var testDescription: String { "\(kind) \(name)" }
}

let poolingCases: [PoolingCase] = [
  PoolingCase(name: "3x3 stride 2 SAME", kernel: (3, 3), stride: (2, 2), padding: .same),
  PoolingCase(name: "3x3 stride 1 SAME", kernel: (3, 3), stride: (1, 1), padding: .same),
  PoolingCase(name: "2x2 stride 2 SAME even", kernel: (2, 2), stride: (2, 2), padding: .same,
              input: Shape(2, 4, 6, 2)),
  PoolingCase(name: "2x2 stride 2 VALID", kernel: (2, 2), stride: (2, 2), padding: .valid),
  PoolingCase(name: "3x2 stride (2, 1) VALID", kernel: (3, 2), stride: (2, 1), padding: .valid,
              input: Shape(2, 5, 4, 2)),
  PoolingCase(name: "3x3 stride 2 explicit padding", kernel: (3, 3), stride: (2, 2),
              padding: .explicit(top: 1, bottom: 0, left: 0, right: 2)),
].flatMap { c in
  [Pooling.Kind.max, .average].map { kind in
    var c = c
    c.kind = kind
    return c
  }
}

@Test(arguments: poolingCases)
func poolingGradientsMatchDoublePrecision(_ c: PoolingCase) {
  // Distinct values 0.1 apart, so no max window is tied within the finite-difference step.
  var random = SeededRandom(seed: 71)
  let values = (0..<c.input.count).map { Float($0) * 0.1 }.shuffled(using: &random)
  let x = Tensor(c.input, values: values)
  let pool = Pooling(c.kind, kernel: c.kernel, stride: c.stride, padding: c.padding)
  let y = Tensor(Shape(0))
  pool.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 72).array
  let dx = garbage(x.shape)
  pool.backward(input: x, gradOutput: Tensor(y.shape, values: probe), gradInput: dx)
  checkLayerInDouble("pooling \(c.testDescription)", output: y, probe: probe, [
    Variable("input", x, gradient: added(to: dx)),
  ]) { v in
    Reference.pool(v[0], c.input, pool)
  }
}

@Test(arguments: [Shape(2, 3, 4, 3), Shape(1, 1, 1, 2), Shape(1, 5, 1, 4)])
func globalAveragePoolGradientMatchesDoublePrecision(_ shape: Shape) {
  let x = randomTensor(shape, seed: 81)
  let y = Tensor(Shape(0))
  GlobalAveragePool.forward(x, into: y)
  #expect(y.shape == Shape(shape[0], 1, 1, shape[3]))
  let probe = randomTensor(y.shape, seed: 82).array
  let dx = garbage(x.shape)
  GlobalAveragePool.backward(gradOutput: Tensor(y.shape, values: probe), gradInput: dx)
  checkLayerInDouble("global average pool \(shape)", output: y, probe: probe, [
    Variable("input", x, gradient: added(to: dx)),
  ]) { v in
    Reference.globalAveragePool(v[0], shape)
  }
}

struct DropoutCase: Sendable, CustomTestStringConvertible {
  let name: String
  let keepProbability: Float
  let seed: UInt64
  var training = true
  var testDescription: String { name }
}

@Test(arguments: [
  DropoutCase(name: "keep 0.8", keepProbability: 0.8, seed: 7),
  DropoutCase(name: "keep 0.5", keepProbability: 0.5, seed: 8),
  DropoutCase(name: "keep 1", keepProbability: 1, seed: 9),
  DropoutCase(name: "inference", keepProbability: 0.5, seed: 10, training: false),
])
func dropoutGradientsMatchDoublePrecision(_ c: DropoutCase) {
  let dropout = Dropout(keepProbability: c.keepProbability, seed: c.seed)
  dropout.training = c.training
  let x = randomTensor(Shape(2, 3, 3, 4), seed: 92)
  let y = Tensor(Shape(0))
  dropout.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 93).array
  let dx = garbage(x.shape)
  dropout.backward(gradOutput: Tensor(y.shape, values: probe), gradInput: dx)
  // With the seed fixed the mask is a constant of the reference, drawn again from the seed.
  let mask = Reference.dropoutMask(count: x.count, c.keepProbability, seed: c.seed,
                                   training: c.training)
  checkLayerInDouble("dropout \(c.name)", output: y, probe: probe, [
    Variable("input", x, gradient: added(to: dx)),
  ]) { v in
    zip(v[0], mask).map(*)
  }
}

@Test func dropoutKeepsAboutKeepProbabilityAndScales() {
  let dropout = Dropout(keepProbability: 0.8, seed: 7)
  let x = Tensor(Shape(1, 50, 50, 4)); x.fill(1)
  let y = Tensor(Shape(0))
  dropout.forward(x, into: y)
  let kept = y.array.filter { $0 != 0 }
  #expect(kept.allSatisfy { $0 == 1 / Float(0.8) })
  let fraction = Double(kept.count) / Double(x.count)
  #expect(abs(fraction - 0.8) < 0.03, "kept fraction \(fraction)")
  // The gradient uses the same mask; the same seed reproduces it.
  let probe = randomTensor(y.shape, seed: 91)
  let dx = Tensor(x.shape)
  dropout.backward(gradOutput: probe, gradInput: dx)
  #expect((0..<x.count).allSatisfy { dx[$0] == probe[$0] * y[$0] })
  let again = Dropout(keepProbability: 0.8, seed: 7)
  let y2 = Tensor(Shape(0))
  again.forward(x, into: y2)
  #expect(y2.array == y.array)
  again.training = false
  again.forward(x, into: y2)
  #expect(y2.array == x.array)
}

extension Reference {
  /// Inputs side by side along the channel axis, `channels[i]` each.
  static func concat(_ inputs: [[Double]], channels: [Int]) -> [Double] {
    let pixels = inputs[0].count / channels[0]
    var y: [Double] = []
    for p in 0..<pixels {
      for (x, c) in zip(inputs, channels) { y += x[(p * c)..<((p + 1) * c)] }
    }
    return y
  }

  /// TensorFlow's ResizeNearestNeighbor and ResizeBilinear: the scale is `in / out`, or with
  /// align_corners `(in - 1) / (out - 1)`; output `o` reads source position `o * scale`, with
  /// half-pixel centres `(o + 0.5) * scale` (nearest) or `(o + 0.5) * scale - 0.5`
  /// (bilinear). Nearest floors the position (rounds it with align_corners), bilinear blends
  /// floor and ceiling by the fraction; indices clamp to the input. Positions are computed in
  /// float, as TensorFlow does; they do not depend on the input.
  static func resize(_ x: [Double], _ shape: Shape, _ resize: Resize) -> [Double] {
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let (oh, ow) = (resize.height, resize.width)
    func scale(_ input: Int, _ output: Int) -> Float {
      resize.alignCorners && output > 1
        ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
    }
    /// The source indices and weights of output `o` along an axis of `size` inputs.
    func taps(_ o: Int, _ size: Int, _ scale: Float) -> [(Int, Double)] {
      func clamp(_ i: Float) -> Int { min(max(Int(i), 0), size - 1) }
      switch resize.method {
      case .nearest:
        let position = resize.halfPixelCenters ? (Float(o) + 0.5) * scale : Float(o) * scale
        return [(clamp(resize.alignCorners ? position.rounded() : position.rounded(.down)), 1)]
      case .bilinear:
        let position = resize.halfPixelCenters ? (Float(o) + 0.5) * scale - 0.5 : Float(o) * scale
        let fraction = Double(position - position.rounded(.down))
        return [(clamp(position.rounded(.down)), 1 - fraction), (clamp(position.rounded(.up)), fraction)]
      }
    }
    let (sy, sx) = (scale(h, oh), scale(w, ow))
    var y = [Double](repeating: 0, count: n * oh * ow * c)
    for b in 0..<n {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for (iy, wy) in taps(oy, h, sy) {
            for (ix, wx) in taps(ox, w, sx) {
              for ch in 0..<c {
                y[((b * oh + oy) * ow + ox) * c + ch] += wy * wx * x[((b * h + iy) * w + ix) * c + ch]
              }
            }
          }
        }
      }
    }
    return y
  }

  /// Max or average over each window's taps inside the input (TensorFlow's `max_pool` and
  /// `avg_pool`: padding is neither a candidate maximum nor counted in the average).
  static func pool(_ x: [Double], _ shape: Shape, _ pool: Pooling) -> [Double] {
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let win = Window(height: h, width: w, kernel: (pool.kernel.height, pool.kernel.width),
                     stride: (pool.stride.height, pool.stride.width), padding: pool.padding)
    let (oh, ow) = (win.y.output, win.x.output)
    var y = [Double](repeating: 0, count: n * oh * ow * c)
    for b in 0..<n {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for ch in 0..<c {
            var taken: [Double] = []
            for ky in 0..<pool.kernel.height {
              let iy = win.y.source(oy, ky)
              guard iy >= 0 && iy < h else { continue }
              for kx in 0..<pool.kernel.width {
                let ix = win.x.source(ox, kx)
                guard ix >= 0 && ix < w else { continue }
                taken.append(x[((b * h + iy) * w + ix) * c + ch])
              }
            }
            precondition(!taken.isEmpty, "a pooling window entirely in the padding")
            y[((b * oh + oy) * ow + ox) * c + ch] = pool.kind == .max
              ? taken.max() ?? 0 : taken.reduce(0, +) / Double(taken.count)
          }
        }
      }
    }
    return y
  }

  static func globalAveragePool(_ x: [Double], _ shape: Shape) -> [Double] {
    let (n, pixels, c) = (shape[0], shape[1] * shape[2], shape[3])
    var y = [Double](repeating: 0, count: n * c)
    for b in 0..<n {
      for p in 0..<pixels {
        for ch in 0..<c { y[b * c + ch] += x[(b * pixels + p) * c + ch] / Double(pixels) }
      }
    }
    return y
  }

  /// Dropout's mask: one uniform draw per element from `seed`, kept (scaled by `1 / keep`)
  /// when below `keep`; all ones in inference or with keep 1.
  static func dropoutMask(count: Int, _ keep: Float, seed: UInt64, training: Bool) -> [Double] {
    guard training && keep < 1 else { return Array(repeating: 1, count: count) }
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in random.uniform() < Double(keep) ? Double(1 / keep) : 0 }
  }
}
