/// Builds a layer list by following one activation through a network,
/// computing each layer's output shape, parameters and multiply-accumulates.
///
/// Convolutions use TensorFlow's 'SAME' rule (output = ceil(input / stride)),
/// which explicit padding followed by 'VALID' also gives for odd kernels.
/// Convolutions without batch norm get a bias; with it, a scale and an offset
/// (the moving statistics are not trainable and not counted).
package struct NetworkBuilder: Sendable {
  package var layers: [Layer] = []
  package var shape: Shape

  /// `capacity`: the layers expected, reserved up front (a whole extractor: a few hundred).
  package init(input: Shape, capacity: Int = 0) {
    shape = input
    layers.reserveCapacity(capacity)
  }

  private mutating func append(
    _ name: LayerName, _ kind: Layer.Kind, kernel: Int, stride: Int, output: Shape,
    parameters: Int, macs: Int, batchNorm: Bool
  ) {
    layers.append(
      Layer(
        label: name, kind: kind, kernel: kernel, stride: stride, output: output,
        parameters: parameters, macs: macs, batchNorm: batchNorm))
    shape = output
  }

  /// A k x k convolution to `channels` outputs (with `rate` dilation: same cost, same shape rule).
  @discardableResult
  package mutating func conv(
    _ name: LayerName, _ channels: Int, kernel: Int, stride: Int = 1,
    batchNorm: Bool = true, kernelWidth: Int? = nil,
    valid: Bool = false
  ) -> Shape {
    let kw = kernelWidth ?? kernel
    let h = valid ? (shape.height - kernel) / stride + 1 : ceilDiv(shape.height, stride)
    let w = valid ? (shape.width - kw) / stride + 1 : ceilDiv(shape.width, stride)
    let out = Shape(h, w, channels)
    let weights = kernel * kw * shape.channels * channels
    let extra = batchNorm ? 2 * channels : channels
    append(
      name, .conv, kernel: kernel, stride: stride, output: out, parameters: weights + extra,
      macs: out.height * out.width * channels * kernel * kw * shape.channels, batchNorm: batchNorm)
    return out
  }

  /// A k x k depthwise convolution (depth multiplier 1).
  @discardableResult
  package mutating func depthwise(
    _ name: LayerName, kernel: Int, stride: Int = 1, batchNorm: Bool = true
  ) -> Shape {
    let c = shape.channels
    let out = Shape(ceilDiv(shape.height, stride), ceilDiv(shape.width, stride), c)
    append(
      name, .depthwise, kernel: kernel, stride: stride, output: out,
      parameters: kernel * kernel * c + (batchNorm ? 2 * c : c),
      macs: out.height * out.width * c * kernel * kernel, batchNorm: batchNorm)
    return out
  }

  /// A fully connected layer with bias over the flattened input.
  @discardableResult
  package mutating func dense(_ name: LayerName, _ units: Int) -> Shape {
    let inputs = shape.elements
    let out = Shape(1, 1, units)
    append(
      name, .dense, kernel: 1, stride: 1, output: out, parameters: inputs * units + units,
      macs: inputs * units, batchNorm: false)
    return out
  }

  /// Max or average pooling; `global` reduces to 1 x 1.
  @discardableResult
  package mutating func pool(
    _ name: LayerName, kernel: Int, stride: Int, global: Bool = false, valid: Bool = false
  ) -> Shape {
    let out =
      global
      ? Shape(1, 1, shape.channels)
      : valid
        ? Shape((shape.height - kernel) / stride + 1, (shape.width - kernel) / stride + 1, shape.channels)
        : Shape(ceilDiv(shape.height, stride), ceilDiv(shape.width, stride), shape.channels)
    append(name, .pool, kernel: kernel, stride: stride, output: out, parameters: 0, macs: 0, batchNorm: false)
    return out
  }

  /// An element-wise sum of the current activation with another of the same shape.
  package mutating func add(_ name: LayerName) {
    append(name, .add, kernel: 0, stride: 1, output: shape, parameters: 0, macs: 0, batchNorm: false)
  }

  /// Nearest-neighbour (or bilinear) resizing to `to`; counted as free.
  package mutating func resize(_ name: LayerName, to out: Shape) {
    append(name, .resize, kernel: 0, stride: 1, output: out, parameters: 0, macs: 0, batchNorm: false)
  }

  /// Concatenates branches into `out` (the current activation's size, the branches' channels together).
  package mutating func concat(_ name: LayerName, to out: Shape) {
    append(name, .concat, kernel: 0, stride: 1, output: out, parameters: 0, macs: 0, batchNorm: false)
  }

  /// Continues from another tensor (a branch point), without adding a layer.
  package mutating func from(_ s: Shape) { shape = s }
}

package func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / max(b, 1) }
