/// The layer list of RefSSD-MNv2-0.35, ported from `/work/shared/bench/refnet.py`.
///
/// MobileNet v2 with depth multiplier 0.35 and min depth 16 (TF-slim depth
/// rounding), TF `SAME` padding, batch norm (epsilon 1e-3, decay 0.9997) and
/// ReLU6 unless linear; feature maps `layer_15/expand` (stride 16) and
/// `layer_19` (stride 32); 3×3 box and class heads with bias, 3 anchors per
/// location, 3 classes plus background.
package struct RefSSDSpec: Sendable {
  package enum Kind: Sendable, Equatable { case conv, depthwise, add, head }

  package struct Layer: Sendable, Equatable {
    package var name: String
    package var kind: Kind
    /// Names of the input tensors (two for `add`); "input" is the image.
    package var inputs: [String]
    package var kernel: Int
    package var stride: Int
    package var inChannels: Int
    package var outChannels: Int
    package var inSize: (Int, Int)
    package var outSize: (Int, Int)
    package var activation: Activation
    package var batchNorm: Bool
    package var bias: Bool

    package static func == (a: Layer, b: Layer) -> Bool {
      a.name == b.name && a.kind == b.kind && a.inputs == b.inputs && a.kernel == b.kernel
        && a.stride == b.stride && a.inChannels == b.inChannels && a.outChannels == b.outChannels
        && a.inSize == b.inSize && a.outSize == b.outSize && a.activation == b.activation
        && a.batchNorm == b.batchNorm && a.bias == b.bias
    }

    /// Multiply-accumulates per image.
    package var macs: Int {
      switch kind {
      case .conv, .head:
        return outSize.0 * outSize.1 * outChannels * inChannels * kernel * kernel
      case .depthwise: return outSize.0 * outSize.1 * outChannels * kernel * kernel
      case .add: return 0
      }
    }
  }

  package static let depthMultiplier = 0.35
  package static let minDepth = 16
  package static let numClasses = 3
  package static let anchorsPerLocation = 3
  package static let batchNormEpsilon: Float = 1e-3
  package static let batchNormDecay: Float = 0.9997
  /// MobileNet v2 blocks: expansion t, base channels c, repeats n, first stride s.
  private static let blocks = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                               (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]

  package let size: Int
  package private(set) var layers: [Layer] = []
  /// Feature map names: F1 and F2.
  package private(set) var features: [String] = []

  /// TF-slim's `_make_divisible(v, 8, min_value)`.
  package static func makeDivisible(_ v: Double, divisor: Int = 8, minValue: Int) -> Int {
    var result = max(minValue, Int(v + Double(divisor) / 2) / divisor * divisor)
    if Double(result) < 0.9 * v { result += divisor }
    return result
  }

  package static func depth(_ channels: Int) -> Int {
    makeDivisible(Double(channels) * depthMultiplier, minValue: minDepth)
  }

  package init(size: Int) {
    self.size = size
    var h = size, w = size
    func addConv(_ name: String, _ input: String, k: Int, s: Int, cin: Int, cout: Int,
                 activation: Activation = .relu6, kind: Kind = .conv) -> String {
      let oh = (h + s - 1) / s, ow = (w + s - 1) / s
      layers.append(Layer(name: name, kind: kind, inputs: [input], kernel: k, stride: s,
                          inChannels: cin, outChannels: cout, inSize: (h, w), outSize: (oh, ow),
                          activation: activation, batchNorm: kind != .head, bias: kind == .head))
      h = oh; w = ow
      return name
    }
    var x = addConv("layer_1", "input", k: 3, s: 2, cin: 3, cout: RefSSDSpec.depth(32))
    var cin = RefSSDSpec.depth(32)
    var layerIndex = 2
    var f1 = ""
    for (t, base, n, s) in RefSSDSpec.blocks {
      let cout = RefSSDSpec.depth(base)
      for i in 0..<n {
        let stride = i == 0 ? s : 1
        let prefix = "layer_\(layerIndex)"
        let blockInput = x
        if t != 1 {
          x = addConv("\(prefix)/expand", x, k: 1, s: 1, cin: cin, cout: cin * t)
          if layerIndex == 15 { f1 = x }
        }
        let expanded = cin * t
        x = addConv("\(prefix)/depthwise", x, k: 3, s: stride, cin: expanded, cout: expanded,
                    kind: .depthwise)
        x = addConv("\(prefix)/project", x, k: 1, s: 1, cin: expanded, cout: cout,
                    activation: .identity)
        if stride == 1 && cin == cout {
          layers.append(Layer(name: "\(prefix)/add", kind: .add, inputs: [blockInput, x], kernel: 0,
                              stride: 1, inChannels: cout, outChannels: cout, inSize: (h, w),
                              outSize: (h, w), activation: .identity, batchNorm: false, bias: false))
          x = "\(prefix)/add"
        }
        cin = cout
        layerIndex += 1
      }
    }
    let f2 = addConv("layer_19", x, k: 1, s: 1, cin: cin, cout: RefSSDSpec.depth(1280))
    features = [f1, f2]
    let a = RefSSDSpec.anchorsPerLocation
    for (label, feature) in zip(["F1", "F2"], features) {
      guard let source = layers.first(where: { $0.name == feature }) else { continue }
      for (head, outputs) in [("box", a * 4), ("class", a * (RefSSDSpec.numClasses + 1))] {
        (h, w) = source.outSize
        _ = addConv("\(label)/\(head)", feature, k: 3, s: 1, cin: source.outChannels, cout: outputs,
                    activation: .identity, kind: .head)
      }
    }
  }

  /// Trainable parameters (kernels, biases, gamma and beta).
  package var parameterCount: Int {
    layers.reduce(0) { total, l in
      var n = 0
      switch l.kind {
      case .conv, .head: n = l.kernel * l.kernel * l.inChannels * l.outChannels
      case .depthwise: n = l.kernel * l.kernel * l.outChannels
      case .add: n = 0
      }
      return total + n + (l.batchNorm ? 2 * l.outChannels : 0) + (l.bias ? l.outChannels : 0)
    }
  }

  /// Forward FLOPs per image (2 per multiply-accumulate).
  package var forwardFlops: Int { layers.reduce(0) { $0 + 2 * $1.macs } }

  /// Training FLOPs per image as refnet.py counts them: forward, weight gradient and input
  /// gradient, less layer_1's input gradient.
  package var trainingFlops: Int { 3 * forwardFlops - 2 * layers[0].macs }

  /// Anchors per image (F1 then F2).
  package var anchorCount: Int {
    features.reduce(0) { total, f in
      guard let l = layers.first(where: { $0.name == f }) else { return total }
      return total + l.outSize.0 * l.outSize.1 * RefSSDSpec.anchorsPerLocation
    }
  }
}
