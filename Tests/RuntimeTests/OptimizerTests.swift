import Testing
@testable import Runtime

/// A scalar parameter whose gradient the test sets before each step.
func scalarParameter(_ value: Float, regularized: Bool = false) -> Parameter {
  Parameter("w", value: Tensor(Shape(1), values: [value]), grad: Tensor(Shape(1)),
            regularized: regularized)
}

enum OptimizerKind: Sendable {
  case momentum(Float, nesterov: Bool)
  case rmsprop(decay: Float, momentum: Float, epsilon: Float)
  case adam(beta1: Float, beta2: Float, epsilon: Float)
}

struct SequenceCase: Sendable, CustomTestStringConvertible {
  let name: String
  let optimizer: OptimizerKind
  let learningRate: Float
  let grads: [Float]
  /// The weight after each step, worked out by hand from TF's update rule (in double precision).
  let expected: [Double]
  var testDescription: String { name }
}

// Start value 1 in every case. Worked examples:
// momentum: accum 1, 1.9, 2.21 -> w 0.9, 0.71, 0.489.
// Adam step 1: lr_t = 0.1 * sqrt(0.001) / 0.1 = 0.0316228, m = 0.1, v = 0.001,
//   w = 1 - 0.0316228 * 0.1 / (sqrt(0.001) + 0.1) = 0.9759747 (the paper's form with a
//   bias-corrected epsilon inside would give 0.909).
// RMSProp step 1: ms = 1 + (1 - 1) * 0.1 = 1 (slot starts at one), mom = 0.1 / sqrt(1 + 1),
//   w = 0.9292893.
@Test(arguments: [
  SequenceCase(name: "momentum", optimizer: .momentum(0.9, nesterov: false), learningRate: 0.1,
               grads: [1, 1, 0.5], expected: [0.9, 0.71, 0.489]),
  SequenceCase(name: "nesterov momentum", optimizer: .momentum(0.9, nesterov: true),
               learningRate: 0.1, grads: [1, 1, 0.5], expected: [0.81, 0.539, 0.2901]),
  SequenceCase(name: "rmsprop (OD API defaults)",
               optimizer: .rmsprop(decay: 0.9, momentum: 0.9, epsilon: 1), learningRate: 0.1,
               grads: [1, 0.5, -2],
               expected: [0.9292893218813453, 0.8296122130667336, 0.8737577114156341]),
  SequenceCase(name: "adam, large epsilon",
               optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 0.1), learningRate: 0.1,
               grads: [1, 0.5, -2],
               expected: [0.9759746926647958, 0.9516329970219104, 0.9603019056841208]),
])
func optimizerFollowsTensorFlowUpdateRule(_ c: SequenceCase) {
  let p = scalarParameter(1)
  var momentum: MomentumOptimizer?
  var rmsprop: RMSPropOptimizer?
  var adam: AdamOptimizer?
  switch c.optimizer {
  case let .momentum(m, nesterov): momentum = MomentumOptimizer(momentum: m, nesterov: nesterov)
  case let .rmsprop(d, m, e): rmsprop = RMSPropOptimizer(decay: d, momentum: m, epsilon: e)
  case let .adam(b1, b2, e): adam = AdamOptimizer(beta1: b1, beta2: b2, epsilon: e)
  }
  for (step, (g, want)) in zip(c.grads, c.expected).enumerated() {
    p.grad[0] = g
    momentum?.apply([p], learningRate: c.learningRate)
    rmsprop?.apply([p], learningRate: c.learningRate)
    adam?.apply([p], learningRate: c.learningRate)
    // Float32 rounding over a few operations: within 16 ulps of 1.
    #expect(abs(Double(p.value[0]) - want) <= 1e-6,
            "step \(step + 1): got \(p.value[0]), expected \(want)")
  }
}

@Test func centeredRMSPropSubtractsSquaredMeanGradient() {
  // ms = 1 + (4 - 1) * 0.1 = 1.3, mg = 0.2, denominator 1.3 - 0.04 + 0.1 = 1.36,
  // w = 1 - 0.1 * 2 / sqrt(1.36).
  let p = scalarParameter(1)
  var rmsprop = RMSPropOptimizer(decay: 0.9, momentum: 0, epsilon: 0.1, centered: true)
  p.grad[0] = 2
  rmsprop.apply([p], learningRate: 0.1)
  #expect(abs(Double(p.value[0]) - (1 - 0.2 / 1.36.squareRoot())) <= 1e-6)
}

@Test func l2RegularizerMatchesSlimScaling() {
  // weight * Σw² / 2 = 0.1 * 14 / 2; gradient weight * w; unregularised parameters untouched.
  let kernel = Parameter("kernel", value: Tensor(Shape(3), values: [1, 2, -3]),
                         grad: Tensor(Shape(3)), regularized: true)
  let bias = Parameter("bias", value: Tensor(Shape(1), values: [5]), grad: Tensor(Shape(1)))
  let loss = Regularizer.l2(weight: 0.1).apply([kernel, bias])
  #expect(abs(loss - 0.7) < 1e-6)
  #expect(kernel.grad.array == [0.1, 0.2, -0.3].map { Float($0) })
  #expect(bias.grad.array == [0])
  let l1 = Regularizer.l1(weight: 0.5).apply([kernel])
  #expect(abs(l1 - 3) < 1e-6)
}

struct ClipCase: Sendable, CustomTestStringConvertible {
  let clipNorm: Float
  let expected: [Float]
  var testDescription: String { "clip \(clipNorm)" }
}

// Gradients [3, 4] and [12]: global norm 13.
@Test(arguments: [
  ClipCase(clipNorm: 6.5, expected: [1.5, 2, 6]),
  ClipCase(clipNorm: 13, expected: [3, 4, 12]),
  ClipCase(clipNorm: 100, expected: [3, 4, 12]),
])
func clipByGlobalNormScalesAllGradients(_ c: ClipCase) {
  let a = Parameter("a", value: Tensor(Shape(2)), grad: Tensor(Shape(2), values: [3, 4]))
  let b = Parameter("b", value: Tensor(Shape(1)), grad: Tensor(Shape(1), values: [12]))
  let norm = GradientClipping.clipByGlobalNorm([a, b], clipNorm: c.clipNorm)
  #expect(norm == 13)
  let got = a.grad.array + b.grad.array
  #expect(zip(got, c.expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }, "\(got)")
}

@Test func exponentialMovingAverageUsesTensorFlowDecay() {
  let p = scalarParameter(1)
  var ema = ExponentialMovingAverage(decay: 0.9)
  #expect(ema.shadow(of: p)[0] == 1)
  p.value[0] = 2
  ema.update([p])
  #expect(abs(ema.shadow(of: p)[0] - 1.1) <= 1e-6)
  // With num_updates = 0 the decay is min(0.9, 1 / 10) = 0.1: shadow 1.1 - (1.1 - 2) * 0.9.
  ema.update([p], numUpdates: 0)
  #expect(abs(ema.shadow(of: p)[0] - 1.91) <= 1e-6)
}

struct InitCase: Sendable, CustomTestStringConvertible {
  let initializer: Initializer
  let shape: Shape
  let mean: Double
  let stddev: Double
  /// Largest allowed |value - mean|, if bounded.
  let bound: Double?
  var testDescription: String { "\(initializer) \(shape)" }
}

// Kernel [3, 3, 32, 64]: fanIn 288, fanOut 576, average 432. A truncated normal (±2σ) has
// standard deviation 0.87962566σ; a uniform on ±L has L / sqrt(3).
@Test(arguments: [
  InitCase(initializer: .truncatedNormal(mean: 0.5, stddev: 0.03), shape: Shape(3, 3, 32, 64),
           mean: 0.5, stddev: 0.03 * 0.87962566, bound: 0.06),
  InitCase(initializer: .randomNormal(mean: 0, stddev: 0.1), shape: Shape(3, 3, 32, 64),
           mean: 0, stddev: 0.1, bound: nil),
  InitCase(initializer: .varianceScaling(factor: 2, mode: .fanIn, uniform: false),
           shape: Shape(3, 3, 32, 64), mean: 0, stddev: (1.3 * 2 / 288.0).squareRoot() * 0.87962566,
           bound: 2 * (1.3 * 2 / 288.0).squareRoot()),
  InitCase(initializer: .varianceScaling(factor: 1, mode: .fanOut, uniform: true),
           shape: Shape(3, 3, 32, 64), mean: 0, stddev: (3 / 576.0).squareRoot() / 3.squareRoot(),
           bound: (3 / 576.0).squareRoot()),
  InitCase(initializer: .varianceScaling(factor: 1, mode: .fanAverage, uniform: false, keras: true),
           shape: Shape(3, 3, 32, 64), mean: 0, stddev: (1 / 432.0).squareRoot(),
           bound: 2 * (1 / 432.0).squareRoot() / 0.87962566),
])
func initializerDrawsTheNamedDistribution(_ c: InitCase) {
  var random = SeededRandom(seed: 5)
  let t = Tensor(c.shape)
  c.initializer.fill(t, random: &random)
  let values = t.array.map(Double.init)
  let mean = values.reduce(0, +) / Double(values.count)
  let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
  #expect(abs(mean - c.mean) < 0.05 * c.stddev + 1e-6, "mean \(mean)")
  #expect(abs(variance.squareRoot() / c.stddev - 1) < 0.03, "stddev \(variance.squareRoot())")
  if let bound = c.bound {
    #expect(values.allSatisfy { abs($0 - c.mean) <= bound * (1 + 1e-6) })
  }
}
