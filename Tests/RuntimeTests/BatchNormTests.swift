import Testing
@testable import Runtime

struct BatchNormCase: Sendable, CustomTestStringConvertible {
  let name: String
  var input = Shape(2, 2, 2, 3)
  var mode = BatchNorm.Mode.training
  var scale = true
  var center = true
  var frozen = false
  var activation = Activation.identity
  var testDescription: String { name }
}

extension BatchNormCase {
  /// The layer under test with fixed parameters. Gamma 0.8 and beta 3 keep the fused
  /// activations' input inside (0, 6) (|x̂| <= sqrt(7) with 8 values per channel, below 3 for
  /// the seeded 72), away from ReLU and ReLU6's kinks; without scale and center it straddles
  /// 0, where the gradient is cut. No input is within a finite-difference step of a kink.
  func makeLayer() -> BatchNorm {
    let bn = BatchNorm(channels: 3, epsilon: 1e-3, decay: 0.9, scale: scale, center: center, activation: activation)
    bn.mode = mode
    bn.frozen = frozen
    bn.gamma.copy(from: Tensor(Shape(3), values: [0.8, 0.7, 0.9]))
    bn.beta.copy(from: Tensor(Shape(3), values: [3, 2.9, 3.1]))
    bn.movingMean.copy(from: Tensor(Shape(3), values: [0.1, -0.2, 0.3]))
    bn.movingVariance.copy(from: Tensor(Shape(3), values: [0.5, 1.5, 2]))
    return bn
  }
}

let batchNormCases: [BatchNormCase] = [
  BatchNormCase(name: "training"),
  BatchNormCase(name: "training, no scale", scale: false),
  BatchNormCase(name: "training, no center", center: false),
  BatchNormCase(name: "training + relu6 (fused)", activation: .relu6),
  BatchNormCase(name: "training + relu (fused)", activation: .relu),
  BatchNormCase(name: "training + sigmoid (fused)", activation: .sigmoid),
  BatchNormCase(name: "training + swish (fused)", activation: .swish),
  BatchNormCase(name: "training, no scale or center + relu6", scale: false, center: false,
                activation: .relu6),
  // 72 rows: the sums run over two blocks of 64 rows and both workers.
  BatchNormCase(name: "training, 72 rows + relu6", input: Shape(2, 6, 6, 3), activation: .relu6),
  BatchNormCase(name: "inference", mode: .inference),
  BatchNormCase(name: "inference, no scale", mode: .inference, scale: false),
  BatchNormCase(name: "inference + relu6", mode: .inference, activation: .relu6),
  BatchNormCase(name: "inference + swish", mode: .inference, activation: .swish),
  BatchNormCase(name: "frozen", frozen: true),
  BatchNormCase(name: "frozen + relu6", frozen: true, activation: .relu6),
  BatchNormCase(name: "frozen in inference mode", mode: .inference, frozen: true),
]

@Test func batchNormUpdatesMovingAveragesWithTensorFlowDecay() {
  // One channel, values 1, 2, 3, 4: batch mean 2.5, biased variance 1.25 (used to normalise),
  // Bessel-corrected variance 5/3 (fed to the moving average, as FusedBatchNormV3 does).
  let bn = BatchNorm(channels: 1, epsilon: 1e-3, decay: 0.9)
  let x = Tensor(Shape(4, 1, 1, 1), values: [1, 2, 3, 4])
  let y = Tensor(Shape(0))
  bn.forward(x, into: y)
  let factor: Float = 1 - 0.9
  #expect(bn.movingMean[0] == 0 - (0 - 2.5) * factor)
  #expect(bn.movingVariance[0] == 1 - (1 - Float(5.0 / 3.0)) * factor)
  let inv = 1 / (Float(1.25) + 1e-3).squareRoot()
  for (i, v) in [1, 2, 3, 4].enumerated() {
    #expect(abs(y[i] - (Float(v) - 2.5) * inv) < 1e-6)
  }
  // Inference uses the moving statistics and leaves them alone.
  bn.mode = .inference
  let mean = bn.movingMean[0], variance = bn.movingVariance[0]
  bn.forward(x, into: y)
  #expect(abs(y[0] - (1 - mean) / (variance + 1e-3).squareRoot()) < 1e-6)
  #expect(bn.movingMean[0] == mean && bn.movingVariance[0] == variance)
}

@Test(arguments: [BatchNorm.Mode.training, .inference])
func batchNormFusedIntoProducersMatchesSeparatePasses(_ mode: BatchNorm.Mode) {
  // The model feeds statistics (training) or normalises in place (inference) from the
  // convolutions' output epilogues; both must equal running batch norm as its own pass.
  let x = randomTensor(Shape(2, 5, 4, 8), seed: 111)
  let conv = Conv2D(inChannels: 8, outChannels: 16, kernel: (1, 1))
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 112))
  let depthwise = DepthwiseConv2D(channels: 8, kernel: (3, 3), stride: (2, 2))
  depthwise.weight.copy(from: randomTensor(depthwise.weight.shape, seed: 113))
  for channels in [16, 8] {
    func makeNorm() -> BatchNorm {
      let bn = BatchNorm(channels: channels, decay: 0.9, activation: .relu6)
      bn.mode = mode
      bn.gamma.copy(from: randomTensor(bn.gamma.shape, seed: 114))
      bn.movingMean.copy(from: randomTensor(bn.movingMean.shape, seed: 115))
      return bn
    }
    func produce<E: OutputEpilogue>(into y: Tensor, _ epilogue: E) {
      if channels == 16 { conv.forward(x, into: y, epilogue: epilogue) }
      else { depthwise.forward(x, into: y, epilogue: epilogue) }
    }
    let separate = makeNorm(), fused = makeNorm()
    let z = Tensor(Shape(0)), expected = Tensor(Shape(0)), got = Tensor(Shape(0))
    produce(into: z, NoEpilogue())
    separate.forward(z, into: expected)
    if mode == .training {
      fused.beginStatistics()
      produce(into: z, BatchNormStatistics(fused))
      fused.forward(z, into: got, statisticsAccumulated: true)
    } else {
      fused.prepareInference()
      produce(into: got, BatchNormInference(fused))
    }
    #expect(got.shape == expected.shape)
    #expect(zip(got.array, expected.array).allSatisfy { abs($0 - $1) <= 1e-5 },
            "\(channels) channels: fused output differs")
    #expect(zip(fused.movingVariance.array, separate.movingVariance.array).allSatisfy {
      abs($0 - $1) <= 1e-6
    })
  }
}
