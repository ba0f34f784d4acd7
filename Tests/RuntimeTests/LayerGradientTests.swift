import Testing
@testable import Runtime

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

@Test(arguments: Activation.allCases)
func activationGradientsMatchFiniteDifferences(_ activation: Activation) {
  let layer = ActivationLayer(activation)
  let x = awayFromKinks(Shape(2, 3, 3, 4), seed: 41)
  let y = Tensor(Shape(0))
  layer.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 42)
  let dx = Tensor(x.shape)
  layer.backward(input: x, output: y, gradOutput: probe, gradInput: dx)
  checkGradient("input", of: x, analytic: dx.array, step: 1e-3, tolerance: 5e-3, probe: probe) {
    layer.forward(x, into: y); return y
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

@Test func addAndConcatPassGradientsThrough() {
  let a = randomTensor(Shape(2, 2, 2, 3), seed: 51), b = randomTensor(Shape(2, 2, 2, 3), seed: 52)
  let y = Tensor(Shape(0))
  Add.forward(a, b, into: y)
  let probe = randomTensor(y.shape, seed: 53)
  let da = Tensor(a.shape), db = Tensor(b.shape)
  Add.backward(gradOutput: probe, gradA: da, gradB: db)
  checkGradient("add lhs", of: a, analytic: da.array, probe: probe) { Add.forward(a, b, into: y); return y }
  checkGradient("add rhs", of: b, analytic: db.array, probe: probe) { Add.forward(a, b, into: y); return y }

  let c = randomTensor(Shape(2, 2, 2, 2), seed: 54)
  Concat.forward([a, c], into: y)
  #expect(y.shape == Shape(2, 2, 2, 5))
  let probe2 = randomTensor(y.shape, seed: 55)
  let da2 = Tensor(a.shape), dc = Tensor(c.shape)
  Concat.backward(gradOutput: probe2, gradInputs: [da2, dc], channels: [3, 2])
  checkGradient("concat first", of: a, analytic: da2.array, probe: probe2) {
    Concat.forward([a, c], into: y); return y
  }
  checkGradient("concat second", of: c, analytic: dc.array, probe: probe2) {
    Concat.forward([a, c], into: y); return y
  }
}

struct ResizeCase: Sendable, CustomTestStringConvertible {
  let resize: Resize
  let name: String
  var testDescription: String { name }
}

@Test(arguments: [
  ResizeCase(resize: Resize(.nearest, height: 6, width: 4), name: "nearest up"),
  ResizeCase(resize: Resize(.nearest, height: 2, width: 3, halfPixelCenters: true), name: "nearest half-pixel"),
  ResizeCase(resize: Resize(.bilinear, height: 5, width: 7), name: "bilinear"),
  ResizeCase(resize: Resize(.bilinear, height: 5, width: 2, alignCorners: true), name: "bilinear aligned"),
  ResizeCase(resize: Resize(.bilinear, height: 6, width: 5, halfPixelCenters: true), name: "bilinear half-pixel"),
])
func resizeGradientsMatchFiniteDifferences(_ c: ResizeCase) {
  let x = randomTensor(Shape(2, 3, 3, 2), seed: 61)
  let y = Tensor(Shape(0))
  c.resize.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 62)
  let dx = Tensor(x.shape)
  c.resize.backward(input: x, gradOutput: probe, gradInput: dx)
  checkGradient("input", of: x, analytic: dx.array, probe: probe) { c.resize.forward(x, into: y); return y }
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

@Test(arguments: [Pooling.Kind.max, .average])
func poolingGradientsMatchFiniteDifferences(_ kind: Pooling.Kind) {
  // Distinct values 0.1 apart so no max window is tied within the finite-difference step.
  let shape = Shape(2, 5, 5, 2)
  var random = SeededRandom(seed: 71)
  let values = (0..<shape.count).map { Float($0) * 0.1 }.shuffled(using: &random)
  let x = Tensor(shape, values: values)
  let pool = Pooling(kind, kernel: (3, 3), stride: (2, 2), padding: .same)
  let y = Tensor(Shape(0))
  pool.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 72)
  let dx = Tensor(x.shape)
  pool.backward(input: x, gradOutput: probe, gradInput: dx)
  checkGradient("input", of: x, analytic: dx.array, step: 1e-2, probe: probe) {
    pool.forward(x, into: y); return y
  }
}

@Test func globalAveragePoolGradientMatchesFiniteDifferences() {
  let x = randomTensor(Shape(2, 3, 4, 3), seed: 81)
  let y = Tensor(Shape(0))
  GlobalAveragePool.forward(x, into: y)
  #expect(y.shape == Shape(2, 1, 1, 3))
  let probe = randomTensor(y.shape, seed: 82)
  let dx = Tensor(x.shape)
  GlobalAveragePool.backward(gradOutput: probe, gradInput: dx)
  checkGradient("input", of: x, analytic: dx.array, probe: probe) {
    GlobalAveragePool.forward(x, into: y); return y
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
