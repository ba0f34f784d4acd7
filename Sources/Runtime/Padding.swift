/// How a windowed op (convolution, pooling) pads its input, as TensorFlow defines it.
package enum Padding: Sendable, Equatable {
  /// Output size `ceil(in / stride)`; the total padding
  /// `max((out - 1) * stride + effectiveKernel - in, 0)` is split with the
  /// smaller half first (top/left), as TensorFlow does.
  case same
  /// No padding; output size `ceil((in - effectiveKernel + 1) / stride)`.
  case valid
  /// Explicit `(before, after)` padding on both spatial axes.
  case explicit(top: Int, bottom: Int, left: Int, right: Int)
}

/// The placement of a kernel window along one spatial axis.
package struct WindowAxis: Sendable, Equatable {
  package var input: Int
  package var output: Int
  package var kernel: Int
  package var stride: Int
  package var dilation: Int
  /// Zero elements conceptually added before the first input element.
  package var padBefore: Int
  package var padAfter: Int

  /// Computes the output size and padding for `padding` along one axis.
  package init(input: Int, kernel: Int, stride: Int, dilation: Int = 1, padding: Padding,
               isVertical: Bool) {
    precondition(kernel >= 1 && stride >= 1 && dilation >= 1,
                 "kernel \(kernel), stride \(stride) and dilation \(dilation) must be positive")
    self.input = input
    self.kernel = kernel
    self.stride = stride
    self.dilation = dilation
    let effective = (kernel - 1) * dilation + 1
    switch padding {
    case .same:
      output = (input + stride - 1) / stride
      let total = max((output - 1) * stride + effective - input, 0)
      padBefore = total / 2
      padAfter = total - padBefore
    case .valid:
      output = input >= effective ? (input - effective) / stride + 1 : 0
      padBefore = 0
      padAfter = 0
    case let .explicit(top, bottom, left, right):
      padBefore = isVertical ? top : left
      padAfter = isVertical ? bottom : right
      let padded = input + padBefore + padAfter
      output = padded >= effective ? (padded - effective) / stride + 1 : 0
    }
  }

  /// The input index read by output `o` at kernel tap `k` (may be out of range).
  @inline(__always) package func source(_ o: Int, _ k: Int) -> Int {
    o * stride - padBefore + k * dilation
  }
}

/// Both spatial axes of a windowed op over an `[N, H, W, C]` input.
package struct Window: Sendable, Equatable {
  package var y: WindowAxis
  package var x: WindowAxis

  package init(height: Int, width: Int, kernel: (Int, Int), stride: (Int, Int),
               dilation: (Int, Int) = (1, 1), padding: Padding) {
    y = WindowAxis(input: height, kernel: kernel.0, stride: stride.0, dilation: dilation.0,
                   padding: padding, isVertical: true)
    x = WindowAxis(input: width, kernel: kernel.1, stride: stride.1, dilation: dilation.1,
                   padding: padding, isVertical: false)
  }
}
