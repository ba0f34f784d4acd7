import Testing
@testable import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// A tiny conv net learns to tell vertical from horizontal bars: conv 3x3 -> batch norm
/// + ReLU -> depthwise 3x3 -> global average pool -> 1x1 conv with bias -> sigmoid
/// cross-entropy, trained with momentum and L2. The loss must fall to near zero, which
/// needs every layer's forward and backward and the optimizer to agree.
@Test func tinyNetworkLearnsBarOrientation() {
  let n = 8, size = 5
  let x = Tensor(Shape(n, size, size, 1))
  var labels = [Float]()
  var random = SeededRandom(seed: 3)
  for img in 0..<n {
    let vertical = img % 2 == 0
    let line = Int(random.uniform() * Double(size))
    labels.append(vertical ? 1 : 0)
    for y in 0..<size {
      for xx in 0..<size {
        let on = vertical ? xx == line : y == line
        x[img, y, xx, 0] = (on ? 1 : 0) + Float(random.normal()) * 0.05
      }
    }
  }
  let conv = Conv2D(inChannels: 1, outChannels: 4, kernel: (3, 3))
  let bn = BatchNorm(channels: 4, decay: 0.9, activation: .relu)
  let depthwise = DepthwiseConv2D(channels: 4, kernel: (3, 3))
  let head = Conv2D(inChannels: 4, outChannels: 1, kernel: (1, 1), bias: true)
  var seeds = SeededRandom(seed: 9)
  Initializer.varianceScaling(factor: 2, mode: .fanIn, uniform: false).fill(conv.weight, random: &seeds)
  Initializer.truncatedNormal(mean: 0, stddev: 0.3).fill(depthwise.weight, random: &seeds)
  Initializer.truncatedNormal(mean: 0, stddev: 0.3).fill(head.weight, random: &seeds)
  guard let bias = head.bias, let gradBias = head.gradBias else {
    Issue.record("head convolution has no bias")
    return
  }
  let parameters = [
    Parameter("conv", value: conv.weight, grad: conv.gradWeight, regularized: true),
    Parameter("gamma", value: bn.gamma, grad: bn.gradGamma),
    Parameter("beta", value: bn.beta, grad: bn.gradBeta),
    Parameter("depthwise", value: depthwise.weight, grad: depthwise.gradWeight, regularized: true),
    Parameter("head", value: head.weight, grad: head.gradWeight, regularized: true),
    Parameter("bias", value: bias, grad: gradBias),
  ]
  var optimizer = MomentumOptimizer(momentum: 0.9)
  let a1 = Tensor(Shape(0)), a2 = Tensor(Shape(0)), a3 = Tensor(Shape(0))
  let pooled = Tensor(Shape(0)), logits = Tensor(Shape(0))
  let g1 = Tensor(Shape(0)), g2 = Tensor(Shape(0)), g3 = Tensor(Shape(0)), gPooled = Tensor(Shape(0))
  let gLogits = Tensor(Shape(0))
  var firstLoss = 0.0, loss = 0.0
  for step in 0..<150 {
    conv.forward(x, into: a1)
    bn.forward(a1, into: a2)
    depthwise.forward(a2, into: a3)
    GlobalAveragePool.forward(a3, into: pooled)
    head.forward(pooled, into: logits)
    gLogits.resize(logits.shape)
    loss = 0
    for i in 0..<n {
      let z = logits[i], t = labels[i]
      loss += Double(max(z, 0) - z * t + log1p(exp(-abs(z)))) / Double(n)
      gLogits[i] = (1 / (1 + exp(-z)) - t) / Float(n)
    }
    if step == 0 { firstLoss = loss }
    for p in parameters { p.zeroGrad() }
    for (g, like) in [(gPooled, pooled), (g3, a3), (g2, a2), (g1, a1)] { g.resize(like.shape) }
    head.backward(input: pooled, gradOutput: gLogits, gradInput: gPooled, accumulate: false)
    g3.zero()
    GlobalAveragePool.backward(gradOutput: gPooled, gradInput: g3)
    depthwise.backward(input: a2, gradOutput: g3, gradInput: g2, accumulate: false)
    bn.backward(input: a1, output: a2, gradOutput: g2, gradInput: g1, accumulate: false)
    conv.backward(input: x, gradOutput: g1, gradInput: nil)
    Regularizer.l2(weight: 1e-4).apply(parameters)
    optimizer.apply(parameters, learningRate: 0.1)
  }
  #expect(firstLoss > 0.5, "initial loss \(firstLoss) should be near log 2")
  #expect(loss < 0.02, "loss after training \(loss) (started at \(firstLoss))")
}
