import Testing
@testable import Runtime

struct WindowCase: Sendable, CustomTestStringConvertible {
  let input: Int, kernel: Int, stride: Int, dilation: Int
  let padding: Padding
  let output: Int, before: Int, after: Int
  var testDescription: String {
    "in \(input) k \(kernel) s \(stride) d \(dilation) \(padding) -> \(output) pad \(before)/\(after)"
  }
}

// Hand-derived from TensorFlow's rules (tf.nn.conv2d docs): SAME gives ceil(in / s) outputs and
// puts the odd padding element after; VALID gives ceil((in - (k - 1) * d) / s).
@Test(arguments: [
  WindowCase(input: 128, kernel: 3, stride: 2, dilation: 1, padding: .same, output: 64, before: 0, after: 1),
  WindowCase(input: 64, kernel: 3, stride: 1, dilation: 1, padding: .same, output: 64, before: 1, after: 1),
  WindowCase(input: 5, kernel: 3, stride: 2, dilation: 1, padding: .same, output: 3, before: 1, after: 1),
  WindowCase(input: 6, kernel: 3, stride: 2, dilation: 1, padding: .same, output: 3, before: 0, after: 1),
  WindowCase(input: 7, kernel: 1, stride: 2, dilation: 1, padding: .same, output: 4, before: 0, after: 0),
  WindowCase(input: 7, kernel: 3, stride: 1, dilation: 2, padding: .same, output: 7, before: 2, after: 2),
  WindowCase(input: 10, kernel: 4, stride: 3, dilation: 1, padding: .same, output: 4, before: 1, after: 2),
  WindowCase(input: 7, kernel: 3, stride: 2, dilation: 1, padding: .valid, output: 3, before: 0, after: 0),
  WindowCase(input: 8, kernel: 3, stride: 2, dilation: 1, padding: .valid, output: 3, before: 0, after: 0),
  WindowCase(input: 7, kernel: 3, stride: 1, dilation: 3, padding: .valid, output: 1, before: 0, after: 0),
  WindowCase(input: 4, kernel: 5, stride: 1, dilation: 1, padding: .valid, output: 0, before: 0, after: 0),
  WindowCase(input: 4, kernel: 3, stride: 1, dilation: 1,
             padding: .explicit(top: 2, bottom: 0, left: 0, right: 0), output: 4, before: 2, after: 0),
])
func windowMatchesTensorFlow(_ c: WindowCase) {
  let axis = WindowAxis(input: c.input, kernel: c.kernel, stride: c.stride, dilation: c.dilation,
                        padding: c.padding, isVertical: true)
  #expect(axis.output == c.output)
  #expect(axis.padBefore == c.before)
  #expect(axis.padAfter == c.after)
}

struct ConvValueCase: Sendable, CustomTestStringConvertible {
  let size: Int
  let padding: Padding
  let expected: [Float]
  var testDescription: String { "\(size)x\(size) ones-3x3 stride 2 \(padding)" }
}

// Input 1...size² (one channel), all-ones 3x3 filter, stride 2: each output is the sum of its
// window. Odd size pads 1/1; even size pads 0/1, so the first window starts at the top-left pixel.
@Test(arguments: [
  ConvValueCase(size: 3, padding: .same, expected: [12, 16, 24, 28]),
  ConvValueCase(size: 4, padding: .same, expected: [54, 45, 72, 54]),
  ConvValueCase(size: 5, padding: .valid, expected: [63, 81, 153, 171]),
])
func convolutionPadsLikeTensorFlow(_ c: ConvValueCase) {
  let conv = Conv2D(inChannels: 1, outChannels: 1, kernel: (3, 3), stride: (2, 2), padding: c.padding)
  conv.weight.fill(1)
  let x = Tensor(Shape(1, c.size, c.size, 1), values: (1...(c.size * c.size)).map(Float.init))
  let y = Tensor(Shape(0))
  conv.forward(x, into: y)
  #expect(y.shape == Shape(1, 2, 2, 1))
  #expect(y.array == c.expected)
  // The depthwise kernel must place its windows identically.
  let depthwise = DepthwiseConv2D(channels: 1, kernel: (3, 3), stride: (2, 2), padding: c.padding)
  depthwise.weight.fill(1)
  depthwise.forward(x, into: y)
  #expect(y.array == c.expected)
}

@Test func averagePoolExcludesPaddingLikeTensorFlow() {
  // 3x3 input 1...9, 2x2 window stride 2 SAME: out 2x2, padding 0/1; the border windows
  // average only their in-bounds elements.
  let x = Tensor(Shape(1, 3, 3, 1), values: (1...9).map(Float.init))
  let y = Tensor(Shape(0))
  Pooling(.average, kernel: (2, 2), stride: (2, 2), padding: .same).forward(x, into: y)
  #expect(y.array == [3, 4.5, 7.5, 9])
  Pooling(.max, kernel: (2, 2), stride: (2, 2), padding: .same).forward(x, into: y)
  #expect(y.array == [5, 6, 8, 9])
}
