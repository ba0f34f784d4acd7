import Testing
@testable import Runtime

struct ConvCase: Sendable, CustomTestStringConvertible {
  let name: String
  let input: Shape
  let outChannels: Int
  let kernel: (Int, Int)
  var stride = (1, 1)
  var dilation = (1, 1)
  var padding = Padding.same
  var bias = false
  /// Takes im2col where the shape would take the direct kernels (`Conv2DDirect.swift`).
  var im2col = false
  var testDescription: String { name }
}

extension ConvCase {
  /// The layer under test with seeded weights and bias, for the double-precision check.
  func makeLayer() -> Conv2D {
    let conv = Conv2D(inChannels: input[3], outChannels: outChannels, kernel: kernel,
                      stride: stride, dilation: dilation, padding: padding, bias: bias)
    if im2col { conv.usesDirectKernel = false }
    conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 1, scale: 0.5))
    if let bias = conv.bias { bias.copy(from: randomTensor(bias.shape, seed: 2)) }
    return conv
  }
}

let convCases: [ConvCase] = [
  ConvCase(name: "1x1 plain GEMM", input: Shape(2, 3, 3, 3), outChannels: 4, kernel: (1, 1)),
  ConvCase(name: "1x1 stride 2", input: Shape(2, 5, 4, 2), outChannels: 3, kernel: (1, 1), stride: (2, 2)),
  ConvCase(name: "3x3 SAME", input: Shape(2, 4, 5, 2), outChannels: 3, kernel: (3, 3)),
  ConvCase(name: "3x3 stride 2 SAME odd", input: Shape(2, 5, 5, 2), outChannels: 2, kernel: (3, 3),
           stride: (2, 2)),
  ConvCase(name: "3x3 stride 2 SAME even, batch 1", input: Shape(1, 6, 4, 2), outChannels: 2,
           kernel: (3, 3), stride: (2, 2)),
  ConvCase(name: "3x2 VALID with bias", input: Shape(2, 5, 4, 2), outChannels: 3, kernel: (3, 2),
           padding: .valid, bias: true),
  ConvCase(name: "3x3 dilation 2 SAME", input: Shape(2, 5, 5, 1), outChannels: 2, kernel: (3, 3),
           dilation: (2, 2)),
  ConvCase(name: "3x3 head with bias", input: Shape(3, 3, 3, 4), outChannels: 2, kernel: (3, 3),
           bias: true),
  ConvCase(name: "RGB 3x3 stride 2 to 16 (direct kernel)", input: Shape(2, 5, 5, 3),
           outChannels: 16, kernel: (3, 3), stride: (2, 2), bias: true),
  ConvCase(name: "RGB 3x3 stride 2 to 16 (im2col, narrow product)", input: Shape(2, 5, 5, 3),
           outChannels: 16, kernel: (3, 3), stride: (2, 2), bias: true, im2col: true),
  ConvCase(name: "3x3 to 8 (direct kernel)", input: Shape(1, 3, 3, 2), outChannels: 8,
           kernel: (3, 3)),
  ConvCase(name: "3x3 to 8 (im2col, narrow product)", input: Shape(1, 3, 3, 2), outChannels: 8,
           kernel: (3, 3), im2col: true),
  ConvCase(name: "1x1 16 to 16 (narrow product, gradient and transposed filter)",
           input: Shape(2, 3, 3, 16), outChannels: 16, kernel: (1, 1), bias: true),
  ConvCase(name: "3x3 stride 2 explicit padding with bias", input: Shape(2, 4, 5, 2),
           outChannels: 3, kernel: (3, 3), stride: (2, 2),
           padding: .explicit(top: 2, bottom: 0, left: 1, right: 1), bias: true),
  ConvCase(name: "2x3 stride (2, 1) VALID", input: Shape(2, 5, 4, 2), outChannels: 3,
           kernel: (2, 3), stride: (2, 1), padding: .valid),
  ConvCase(name: "2x3 dilation (1, 2) VALID", input: Shape(2, 3, 7, 2), outChannels: 3,
           kernel: (2, 3), dilation: (1, 2), padding: .valid),
  ConvCase(name: "1x1 VALID with bias", input: Shape(2, 3, 2, 3), outChannels: 2, kernel: (1, 1),
           padding: .valid, bias: true),
]

struct DepthwiseCase: Sendable, CustomTestStringConvertible {
  let name: String
  let input: Shape
  var multiplier = 1
  var kernel = (3, 3)
  var stride = (1, 1)
  var padding = Padding.same
  var dilation = (1, 1)
  var testDescription: String { name }
}

extension DepthwiseCase {
  /// The layer under test with seeded weights, for the double-precision check.
  func makeLayer() -> DepthwiseConv2D {
    let conv = DepthwiseConv2D(channels: input[3], multiplier: multiplier, kernel: kernel,
                               stride: stride, dilation: dilation, padding: padding)
    conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 11, scale: 0.5))
    return conv
  }
}

let depthwiseCases: [DepthwiseCase] = [
  DepthwiseCase(name: "3x3 SAME", input: Shape(2, 4, 4, 3)),
  DepthwiseCase(name: "3x3 stride 2 SAME", input: Shape(2, 5, 6, 3), stride: (2, 2)),
  DepthwiseCase(name: "multiplier 2 VALID", input: Shape(2, 4, 5, 2), multiplier: 2, padding: .valid),
  DepthwiseCase(name: "batch 1 dilation 2", input: Shape(1, 5, 5, 2), dilation: (2, 2)),
  DepthwiseCase(name: "vector kernel 3x3 SAME", input: Shape(2, 4, 3, 16)),
  DepthwiseCase(name: "vector kernel stride 2 SAME even", input: Shape(2, 4, 4, 8), stride: (2, 2)),
  DepthwiseCase(name: "vector kernel stride 2 SAME odd, batch 1", input: Shape(1, 5, 3, 8),
                stride: (2, 2)),
  DepthwiseCase(name: "vector kernel VALID dilation 2", input: Shape(2, 5, 5, 8), padding: .valid,
                dilation: (2, 2)),
  DepthwiseCase(name: "vector kernel 8-pixel tiles", input: Shape(1, 3, 11, 8)),
  DepthwiseCase(name: "multiplier 3 stride 2 SAME", input: Shape(2, 5, 4, 2), multiplier: 3,
                stride: (2, 2)),
  DepthwiseCase(name: "5x5 explicit padding", input: Shape(2, 4, 5, 3), kernel: (5, 5),
                padding: .explicit(top: 1, bottom: 2, left: 2, right: 0)),
  DepthwiseCase(name: "vector kernel 2x3 stride (1, 2) VALID", input: Shape(2, 4, 7, 8),
                kernel: (2, 3), stride: (1, 2), padding: .valid),
  DepthwiseCase(name: "vector kernel 5x5 SAME", input: Shape(1, 5, 6, 8), kernel: (5, 5)),
]

@Test func convolutionBackwardAddsIntoGradients() {
  // Shared weights receive one gradient per use: two backward passes must double it.
  let conv = Conv2D(inChannels: 2, outChannels: 2, kernel: (3, 3), bias: true)
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 21))
  let x = randomTensor(Shape(2, 3, 3, 2), seed: 22)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let probe = randomTensor(y.shape, seed: 23)
  let dx = Tensor(x.shape)
  conv.backward(input: x, gradOutput: probe, gradInput: dx)
  let once = (conv.gradWeight.array, conv.gradBias?.array ?? [], dx.array)
  conv.backward(input: x, gradOutput: probe, gradInput: dx)
  // GEMM's beta = 1 may round the sum differently from 2 * once.
  func doubled(_ now: [Float], _ before: [Float]) -> Bool {
    now.count == before.count
      && zip(now, before).allSatisfy { abs($0 - 2 * $1) <= 1e-5 * max(1, abs($0)) }
  }
  #expect(doubled(conv.gradWeight.array, once.0))
  #expect(doubled(conv.gradBias?.array ?? [], once.1))
  #expect(doubled(dx.array, once.2))
}

// With im2col, 4 outputs go through GEMM and 16 through the narrow-product kernel (4-row tiles
// and remainder); 16 outputs take the direct kernel unless im2col is asked for.
@Test(arguments: [(4, true), (16, true), (16, false)])
func convolutionMatchesDirectSummation(_ c: (outputs: Int, im2col: Bool)) {
  // An independent direct convolution (Double, explicit TF SAME offsets) on a shape split
  // across two workers.
  let outputs = c.outputs
  let conv = Conv2D(inChannels: 3, outChannels: outputs, kernel: (3, 3), stride: (2, 2))
  if c.im2col { conv.usesDirectKernel = false }
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 31))
  let x = randomTensor(Shape(3, 6, 7, 3), seed: 32)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  #expect(y.shape == Shape(3, 3, 4, outputs))
  var worst: Double = 0
  for n in 0..<3 {
    for oy in 0..<3 {
      for ox in 0..<4 {
        for co in 0..<outputs {
          var sum = 0.0
          for ky in 0..<3 {
            for kx in 0..<3 {
              // rows: total pad (3-1)*2+3-6 = 1 -> 0 before; cols: (4-1)*2+3-7 = 2 -> 1 before
              let iy = oy * 2 + ky, ix = ox * 2 - 1 + kx
              if iy < 0 || iy >= 6 || ix < 0 || ix >= 7 { continue }
              for ci in 0..<3 {
                sum += Double(x[n, iy, ix, ci]) * Double(conv.weight[ky, kx, ci, co])
              }
            }
          }
          worst = max(worst, abs(sum - Double(y[n, oy, ox, co])))
        }
      }
    }
  }
  #expect(worst < 1e-4, "largest difference from direct summation \(worst)")
}

struct DepthwiseDirectCase: Sendable, CustomTestStringConvertible {
  let channels: Int
  let multiplier: Int
  let stride: Int
  var width = 5
  var testDescription: String { "C \(channels) M \(multiplier) stride \(stride) width \(width)" }
}

// C 8 and 16 take the vector kernels (width 21 reaches their 8-pixel tiles), C 3 and
// multiplier 2 the scalar ones.
@Test(arguments: [
  DepthwiseDirectCase(channels: 8, multiplier: 1, stride: 1),
  DepthwiseDirectCase(channels: 16, multiplier: 1, stride: 2),
  DepthwiseDirectCase(channels: 8, multiplier: 1, stride: 1, width: 21),
  DepthwiseDirectCase(channels: 16, multiplier: 1, stride: 2, width: 21),
  DepthwiseDirectCase(channels: 3, multiplier: 1, stride: 2),
  DepthwiseDirectCase(channels: 3, multiplier: 2, stride: 1),
])
func depthwiseMatchesDirectSummation(_ c: DepthwiseDirectCase) {
  let conv = DepthwiseConv2D(channels: c.channels, multiplier: c.multiplier, kernel: (3, 3),
                             stride: (c.stride, c.stride))
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 41))
  let x = randomTensor(Shape(2, 6, c.width, c.channels), seed: 42)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let win = conv.window(height: 6, width: c.width)
  var worst = 0.0
  for n in 0..<2 {
    for oy in 0..<win.y.output {
      for ox in 0..<win.x.output {
        for ch in 0..<c.channels {
          for m in 0..<c.multiplier {
            var sum = 0.0
            for ky in 0..<3 {
              for kx in 0..<3 {
                let iy = oy * c.stride - win.y.padBefore + ky, ix = ox * c.stride - win.x.padBefore + kx
                if iy < 0 || iy >= 6 || ix < 0 || ix >= c.width { continue }
                sum += Double(x[n, iy, ix, ch]) * Double(conv.weight[ky, kx, ch, m])
              }
            }
            worst = max(worst, abs(sum - Double(y[n, oy, ox, ch * c.multiplier + m])))
          }
        }
      }
    }
  }
  #expect(worst < 1e-5, "largest difference from direct summation \(worst)")
}

@Test(arguments: [(1, 1), (3, 3)])
func convolutionBackwardWithProducedGradientMatches(_ kernel: (Int, Int)) {
  // Producing the output gradient chunk by chunk must give the same gradients as passing it.
  let conv = Conv2D(inChannels: 4, outChannels: 6, kernel: kernel, bias: true)
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 51))
  conv.columnBlockElements = 40  // several chunks per worker
  let x = randomTensor(Shape(3, 5, 4, 4), seed: 52)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let dy = randomTensor(y.shape, seed: 53)
  let dxGiven = Tensor(x.shape), dxProduced = Tensor(x.shape)
  conv.backward(input: x, gradOutput: dy, gradInput: dxGiven)
  let given = (conv.gradWeight.array, conv.gradBias?.array ?? [])
  conv.gradWeight.zero(); conv.gradBias?.zero()
  conv.backward(input: x, producingGradOutput: CopiedGradient(source: dy, channels: 6),
                gradInput: dxProduced)
  func close(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }
  }
  #expect(close(conv.gradWeight.array, given.0))
  #expect(close(conv.gradBias?.array ?? [], given.1))
  #expect(close(dxProduced.array, dxGiven.array))
}

/// Produces an output gradient by copying rows of a stored one.
struct CopiedGradient: GradientProducer {
  let source: Tensor
  let channels: Int
  func produce(rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    destination.update(from: source.data + rows.lowerBound * channels, count: rows.count * channels)
  }
}

// Depthwise: 16 channels take the vector kernels (rows produced one by one in the filter
// pass, input-gradient rows handed to the epilogue one by one); 6 channels the general path
// (all rows produced first). Stride 2 and 1.
@Test(arguments: [(16, 1), (16, 2), (6, 1)])
func depthwiseBackwardWithProducedGradientMatches(_ c: (channels: Int, stride: Int)) {
  let conv = DepthwiseConv2D(channels: c.channels, kernel: (3, 3), stride: (c.stride, c.stride))
  conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 54))
  let x = randomTensor(Shape(3, 7, 6, c.channels), seed: 55)
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  let dy = randomTensor(y.shape, seed: 56)
  let dxGiven = Tensor(x.shape), dxProduced = Tensor(x.shape), storage = Tensor(Shape(0))
  conv.backward(input: x, gradOutput: dy, gradInput: dxGiven)
  let given = conv.gradWeight.array
  conv.gradWeight.zero()
  // The epilogue must see every finished input-gradient row once: it copies them out.
  let seen = Tensor(x.shape)
  conv.backward(input: x, producingGradOutput: CopiedGradient(source: dy, channels: c.channels),
                storage: storage, gradInput: dxProduced, accumulate: false,
                gradInputEpilogue: CopyingEpilogue(base: dxProduced, copy: seen,
                                                   channels: c.channels))
  func close(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }
  }
  #expect(close(conv.gradWeight.array, given))
  #expect(close(dxProduced.array, dxGiven.array))
  #expect(close(storage.array, dy.array))
  #expect(seen.array == dxProduced.array)
}

/// Copies each row it is given to the same offset of `copy` as the row has in `base`.
struct CopyingEpilogue: OutputEpilogue {
  let base: Tensor, copy: Tensor
  let channels: Int
  func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, part: Int) {
    (copy.data + (rows - base.data)).update(from: rows, count: count * channels)
  }
}
