import Testing
@testable import Runtime

/// A convolution shape that both of `Conv2D`'s stored-input algorithms can run.
struct TapCase: Sendable, CustomTestStringConvertible {
  let name: String
  let input: Shape
  let outChannels: Int
  let kernel: (Int, Int)
  var padding = Padding.same
  var bias = false
  /// Floats of tap scratch per band; small values force several bands per image.
  var bandElements = 1 << 16
  var testDescription: String { name }
}

let tapCases: [TapCase] = [
  TapCase(name: "3x3 SAME head with bias", input: Shape(2, 5, 6, 8), outChannels: 3, kernel: (3, 3),
          bias: true),
  TapCase(name: "3x3 SAME, one row per band", input: Shape(2, 5, 4, 6), outChannels: 2,
          kernel: (3, 3), bandElements: 1),
  TapCase(name: "3x2 VALID", input: Shape(1, 6, 5, 5), outChannels: 4, kernel: (3, 2),
          padding: .valid),
  TapCase(name: "3x3 explicit padding larger than the kernel reaches", input: Shape(2, 3, 4, 5),
          outChannels: 2, kernel: (3, 3), padding: .explicit(top: 3, bottom: 1, left: 0, right: 2),
          bias: true),
  TapCase(name: "5x5 SAME on a 2x2 image", input: Shape(3, 2, 2, 7), outChannels: 1, kernel: (5, 5)),
]

/// Each named result of an alternative path equals the im2col path's to float rounding; a
/// failure names the result, the path, the largest difference and its index.
func expectAgreement(_ results: [String: [Float]], with im2col: [String: [Float]], path: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
  for (name, reference) in im2col.sorted(by: { $0.key < $1.key }) {
    let values = results[name] ?? []
    #expect(values.count == reference.count,
            "\(name): \(values.count) values from \(path), im2col gave \(reference.count)",
            sourceLocation: sourceLocation)
    let worst = zip(values, reference).enumerated()
      .map { ($0.offset, abs($0.element.0 - $0.element.1)) }.max { $0.1 < $1.1 }
    if let (index, difference) = worst {
      #expect(difference <= 1e-4 * max(1, abs(reference[index])),
              "\(name) from \(path) differs from im2col by \(difference) at index \(index)",
              sourceLocation: sourceLocation)
    }
  }
}

/// The tap-product path must compute what im2col computes: output, filter, bias and input
/// gradients (written and accumulated), for every padding and band split.
@Test(arguments: tapCases)
func tapProductsAgreeWithIm2col(_ c: TapCase) {
  func layer(taps: Bool) -> Conv2D {
    let conv = Conv2D(inChannels: c.input[3], outChannels: c.outChannels, kernel: c.kernel,
                      padding: c.padding, bias: c.bias)
    #expect(conv.suitsTapProducts, "the case must suit the tap path")
    conv.usesTapProducts = taps
    conv.weight.copy(from: randomTensor(conv.weight.shape, seed: 11, scale: 0.5))
    if let bias = conv.bias { bias.copy(from: randomTensor(bias.shape, seed: 12)) }
    return conv
  }
  let x = randomTensor(c.input, seed: 13)
  var results: [[String: [Float]]] = []
  for taps in [false, true] {
    let conv = layer(taps: taps)
    conv.tapBandElements = c.bandElements
    let y = Tensor(Shape(0))
    conv.forward(x, into: y)
    let dy = randomTensor(y.shape, seed: 14)
    let dx = randomTensor(x.shape, seed: 15)  // garbage that accumulate: false overwrites
    conv.backward(input: x, gradOutput: dy, gradInput: dx, accumulate: false)
    let dxAgain = randomTensor(x.shape, seed: 16)
    let before = dxAgain.array
    conv.backward(input: x, gradOutput: dy, gradInput: dxAgain, accumulate: true)
    results.append([
      "output": y.array, "weight gradient (two passes)": conv.gradWeight.array,
      "bias gradient (two passes)": conv.gradBias?.array ?? [], "input gradient": dx.array,
      "accumulated input gradient": zip(dxAgain.array, before).map { $0 - $1 },
    ])
  }
  expectAgreement(results[1], with: results[0], path: "tap products")
}

@Test func tapProductsApplyOnlyToStrideOneNarrowingKernels() {
  #expect(Conv2D(inChannels: 192, outChannels: 12, kernel: (3, 3)).usesTapProducts)
  #expect(!Conv2D(inChannels: 3, outChannels: 16, kernel: (3, 3), stride: (2, 2)).usesTapProducts)
  #expect(!Conv2D(inChannels: 16, outChannels: 16, kernel: (3, 3)).usesTapProducts)
  #expect(!Conv2D(inChannels: 16, outChannels: 4, kernel: (1, 1)).usesTapProducts)
  #expect(!Conv2D(inChannels: 16, outChannels: 4, kernel: (3, 3), dilation: (2, 2)).usesTapProducts)
}

struct NarrowCase: Sendable, CustomTestStringConvertible {
  let rows: Int
  let depth: Int
  let outputs: Int
  var testDescription: String { "\(rows) rows, depth \(depth), \(outputs) outputs" }
}

/// The register kernels that replace GEMM for 8- and 16-column products must agree with it,
/// including row counts that leave a remainder after the four-row and row-block loops.
@Test(arguments: [
  NarrowCase(rows: 1, depth: 3, outputs: 16), NarrowCase(rows: 7, depth: 27, outputs: 16),
  NarrowCase(rows: 37, depth: 96, outputs: 16), NarrowCase(rows: 1000, depth: 16, outputs: 16),
  NarrowCase(rows: 6, depth: 200, outputs: 16), NarrowCase(rows: 9, depth: 27, outputs: 8),
  NarrowCase(rows: 500, depth: 7, outputs: 16),
])
func narrowKernelsAgreeWithGEMM(_ c: NarrowCase) {
  let a = randomTensor(Shape(c.rows, c.depth), seed: 21)
  let w = randomTensor(Shape(c.depth, c.outputs), seed: 22)
  let start = randomTensor(Shape(c.rows, c.outputs), seed: 23)
  func worst(_ x: Tensor, _ y: Tensor) -> Float {
    zip(x.array, y.array).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
  }
  for accumulate in [false, true] {
    let ours = Tensor(start.shape), reference = Tensor(start.shape)
    ours.copy(from: start)
    reference.copy(from: start)
    Conv2D.narrowProduct(a.data, rows: c.rows, depth: c.depth, weight: w.data, outputs: c.outputs,
                         into: ours.data, accumulate: accumulate)
    BLAS.gemm(transA: false, transB: false, m: c.rows, n: c.outputs, k: c.depth, a: a.data,
              lda: c.depth, b: w.data, ldb: c.outputs, beta: accumulate ? 1 : 0,
              c: reference.data, ldc: c.outputs)
    #expect(worst(ours, reference) < 1e-5, "product, accumulate \(accumulate)")
  }
  guard c.outputs == 16 else { return }
  let g = randomTensor(Shape(c.rows, 16), seed: 24)
  let ours = Tensor(w.shape), reference = Tensor(w.shape)
  ours.copy(from: w)
  reference.copy(from: w)
  Conv2D.narrowGradient(a.data, rows: c.rows, depth: c.depth, gradient: g.data, into: ours.data)
  BLAS.gemm(transA: true, transB: false, m: c.depth, n: 16, k: c.rows, a: a.data, lda: c.depth,
            b: g.data, ldb: 16, beta: 1, c: reference.data, ldc: 16)
  #expect(worst(ours, reference) < 1e-4, "filter gradient")
}
