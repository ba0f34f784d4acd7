import Testing
@testable import Runtime

/// A convolution shape that both the direct kernels and im2col can run.
struct DirectCase: Sendable, CustomTestStringConvertible {
  let name: String
  let input: Shape
  let outChannels: Int
  var kernel = (3, 3)
  var stride = (2, 2)
  var padding = Padding.same
  var bias = false
  /// `columnBlockElements`; small values split output rows across chunks.
  var blockElements = 1 << 17
  var testDescription: String { name }
}

let directCases: [DirectCase] = [
  DirectCase(name: "RGB 3x3 stride 2 SAME, odd size, batch 3", input: Shape(3, 13, 21, 3),
             outChannels: 16),
  DirectCase(name: "RGB 3x3 stride 2 SAME, chunks of 5 pixels", input: Shape(3, 13, 21, 3),
             outChannels: 16, bias: true, blockElements: 27 * 5),
  DirectCase(name: "RGB 3x3 stride 2 SAME, even size, batch 1, bias", input: Shape(1, 12, 18, 3),
             outChannels: 16, bias: true),
  DirectCase(name: "RGB 3x3 stride 1 SAME, 32 outputs", input: Shape(2, 7, 11, 3),
             outChannels: 32, stride: (1, 1), bias: true),
  DirectCase(name: "RGB 3x3 stride 2 VALID", input: Shape(3, 9, 14, 3), outChannels: 16,
             padding: .valid),
  DirectCase(name: "RGB 3x3 explicit padding, output rows that miss the image",
             input: Shape(2, 6, 9, 3), outChannels: 16,
             padding: .explicit(top: 5, bottom: 1, left: 2, right: 0), bias: true),
  DirectCase(name: "RGB 3x3 explicit padding wider than the kernel across",
             input: Shape(2, 5, 6, 3), outChannels: 16,
             padding: .explicit(top: 1, bottom: 0, left: 4, right: 5), bias: true),
  DirectCase(name: "1 channel 5x3 stride 1 SAME, 8 outputs, chunks of 7 pixels",
             input: Shape(3, 6, 10, 1), outChannels: 8, kernel: (5, 3), stride: (1, 1),
             blockElements: 15 * 7),
  DirectCase(name: "2 channels 3x3 stride 2 SAME, 24 outputs", input: Shape(1, 11, 17, 2),
             outChannels: 24, bias: true),
  DirectCase(name: "4 channels 7x7 on a 4x5 image, every window crosses an edge",
             input: Shape(2, 4, 5, 4), outChannels: 32, kernel: (7, 7), stride: (1, 1)),
]

/// Doubles every output row in place: an output chunk the direct path failed to hand to its
/// epilogue stays undoubled and differs from im2col.
private struct DoublingEpilogue: OutputEpilogue {
  let channels: Int
  func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    for i in 0..<(count * channels) { rows[i] *= 2 }
  }
}

/// The direct path must compute what im2col computes: output (through an epilogue), filter and
/// bias gradients from a stored and then a produced output gradient (accumulated), and the
/// input gradient (written and accumulated) of passes that ask for it.
@Test(arguments: directCases)
func directKernelsAgreeWithIm2col(_ c: DirectCase) {
  let x = randomTensor(c.input, seed: 21)
  var results: [[String: [Float]]] = []
  for direct in [false, true] {
    let conv = Conv2D(inChannels: c.input[3], outChannels: c.outChannels, kernel: c.kernel,
                      stride: c.stride, padding: c.padding, bias: c.bias)
    #expect(conv.suitsDirectKernel, "the case must suit the direct path")
    conv.usesDirectKernel = direct
    conv.columnBlockElements = c.blockElements
    conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 22, scale: 0.5))
    if let bias = conv.bias { bias.copy(from: randomTensor(bias.shape, seed: 23)) }
    let y = Tensor(Shape(0))
    conv.forward(x, into: y, epilogue: DoublingEpilogue(channels: c.outChannels))
    let dy = randomTensor(y.shape, seed: 24)
    conv.backward(input: x, gradOutput: dy, gradInput: nil)
    conv.backward(input: x, producingGradOutput: CopiedGradient(source: dy, channels: c.outChannels),
                  gradInput: nil)
    let weightGradient = conv.gradWeight.array, biasGradient = conv.gradBias?.array ?? []
    let dx = randomTensor(x.shape, seed: 25)  // garbage that accumulate: false overwrites
    conv.backward(input: x, gradOutput: dy, gradInput: dx, accumulate: false)
    let dxAgain = randomTensor(x.shape, seed: 26)
    let before = dxAgain.array
    conv.backward(input: x, gradOutput: dy, gradInput: dxAgain, accumulate: true)
    results.append([
      "output": y.array, "weight gradient (stored, then produced)": weightGradient,
      "bias gradient (stored, then produced)": biasGradient, "input gradient": dx.array,
      "accumulated input gradient": zip(dxAgain.array, before).map { $0 - $1 },
    ])
  }
  expectAgreement(results[1], with: results[0], path: "the direct kernel")
}

@Test func directKernelsApplyOnlyToFewInputChannelsAndUpTo32Outputs() {
  #expect(Conv2D(inChannels: 3, outChannels: 16, kernel: (3, 3), stride: (2, 2)).usesDirectKernel)
  #expect(Conv2D(inChannels: 4, outChannels: 32, kernel: (5, 5)).usesDirectKernel)
  #expect(!Conv2D(inChannels: 1, outChannels: 8, kernel: (1, 1)).usesDirectKernel)
  #expect(!Conv2D(inChannels: 5, outChannels: 16, kernel: (3, 3)).usesDirectKernel)
  #expect(!Conv2D(inChannels: 3, outChannels: 12, kernel: (3, 3)).usesDirectKernel)
  #expect(!Conv2D(inChannels: 3, outChannels: 40, kernel: (3, 3)).usesDirectKernel)
  #expect(!Conv2D(inChannels: 3, outChannels: 16, kernel: (3, 3), dilation: (2, 2)).usesDirectKernel)
  // In RefSSD-MNv2-0.35 only the input layer qualifies.
  let model = RefSSD(size: 32, seed: 1)
  var direct: [Int] = []
  for (index, node) in model.nodes.enumerated() {
    if case let .convolution(conv?, _, _, _, _, _) = node, conv.usesDirectKernel { direct.append(index) }
    if case let .head(conv, _, _) = node, conv.usesDirectKernel { direct.append(index) }
  }
  #expect(direct == [0], "layers on the direct path: \(direct)")
}

/// In a training step the input layer reads its output gradient from batch norm's producer
/// and hands its output to batch norm's statistics epilogue: both paths must give the same
/// heads and the same filter gradient there.
@Test func refSSDInputLayerAgreesWithIm2col() {
  var results: [(heads: [Float], gradient: [Float])] = []
  for direct in [false, true] {
    let model = RefSSD(size: 32, seed: 7)
    guard case let .convolution(conv?, _, _, _, _, _) = model.nodes[0] else {
      Issue.record("the first node is not a convolution")
      return
    }
    conv.usesDirectKernel = direct
    var random = SeededRandom(seed: 8)
    model.input.resize(Shape(3, 32, 32, 3))
    for i in 0..<model.input.count { model.input.data[i] = Float(random.uniform(-1, 1)) }
    model.forward(training: true)
    model.prepareBackward()
    for g in model.headGrads {
      for i in 0..<g.count { g.data[i] = Float(random.normal()) }
    }
    model.backward()
    results.append((model.heads.flatMap(\.array), conv.gradWeight.array))
  }
  let headError = zip(results[0].heads, results[1].heads).map { abs($0 - $1) }.max() ?? 0
  let scale = results[0].gradient.map(abs).max() ?? 0
  let gradientError = zip(results[0].gradient, results[1].gradient).map { abs($0 - $1) }.max() ?? 0
  #expect(results[0].gradient.count == 3 * 3 * 3 * 16)
  #expect(headError <= 1e-4, "heads differ by \(headError)")
  #expect(gradientError <= 1e-4 * max(1, scale), "layer_1 filter gradient differs by \(gradientError)")
}
