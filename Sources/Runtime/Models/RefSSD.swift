/// RefSSD-MNv2-0.35 built from the runtime's layers, with a training step that
/// does what `tf_bench.py` times: forward with batch statistics (updating the
/// moving averages), the SSD loss, backward, L2 on kernels and a momentum update.
///
/// Every activation and gradient buffer is created on the first call for a
/// given batch size and reused afterwards, so the steady-state step allocates
/// no tensor storage. Gradient buffers of tensors with several consumers (block
/// inputs of residual adds, feature maps read by heads) are written by the first
/// backward contribution and accumulated by the rest.
package final class RefSSD {
  package enum Node {
    /// conv or depthwise, then batch norm with fused activation.
    case convolution(Conv2D?, DepthwiseConv2D?, BatchNorm, input: Int, preNorm: Int, output: Int)
    case add(Int, Int, output: Int)
    case head(Conv2D, input: Int, output: Int)
  }

  package let spec: RefSSDSpec
  package private(set) var nodes: [Node] = []
  package private(set) var parameters: [Parameter] = []
  package private(set) var batchNorms: [BatchNorm] = []
  /// Activations by id; 0 is the input image.
  fileprivate var values: [Tensor] = []
  /// Number of tensor ids (activations, including the input).
  var tensorCount: Int { values.count }
  private var grads: [Tensor] = []
  private var written: [Bool] = []
  /// Adds (by node index) whose operands' gradient buffers are the output's own.
  private var sharedAddGradient: [Bool] = []
  /// Convolutions (by node index) whose batch-norm backward sums the next node computes.
  private var sumsFromConsumer: [Bool] = []
  /// Tensors (by id) not stored in training: batch norm and its pre-norm input, from which
  /// the reader produces rows.
  private var producedInput: [(norm: BatchNorm, preNorm: Int)?] = []
  /// Shared gradient of every pre-norm tensor (consumed right after it is made).
  private let preNormGrad = Tensor(Shape(0))
  /// Seconds spent per phase since `profile` was set (nil: not profiling).
  package var profile: [String: Double]?

  @inline(__always) private func timed(_ phase: StaticString, _ body: () -> Void) {
    guard profile != nil else { body(); return }
    let start = monotonicSeconds()
    body()
    profile?["\(phase)", default: 0] += monotonicSeconds() - start
  }

  /// Ids of the box and class head outputs per feature map: [F1 box, F1 class, F2 box, F2 class].
  package private(set) var headOutputs: [Int] = []

  fileprivate let pool: WorkerPool
  /// The row-banded inference schedule, made on first use.
  private var banded: BandedInference?
  /// Whether the last `infer` ran the banded schedule (not the layer-by-layer fallback).
  package private(set) var inferenceWasBanded = false
  /// Scratch bytes per worker for one band of a block in `infer` (expanded plus depthwise rows).
  package var inferenceBandBytes = 512 << 10
  /// Head outputs of `infer`, `[N, H, W, A * k]` each, in `heads` order.
  package let outputs: [Tensor] = (0..<4).map { _ in Tensor(Shape(0)) }

  /// The spec rows of the four heads, in `outputs` order.
  private let headLayers: [RefSSDSpec.Layer]

  package init(size: Int, seed: UInt64 = 0, pool: WorkerPool = .shared) {
    self.pool = pool
    spec = RefSSDSpec(size: size)
    headLayers = spec.layers.filter { $0.kind == .head }
    var ids = ["input": 0]
    values.append(Tensor(Shape(0)))
    func newTensor(_ name: String) -> Int {
      values.append(Tensor(Shape(0)))
      ids[name] = values.count - 1
      return values.count - 1
    }
    var random = SeededRandom(seed: seed)
    // tf_bench.py draws kernels from a normal with stddev 0.03 clipped at ±2σ.
    let kernelInit = Initializer.truncatedNormal(mean: 0, stddev: 0.03)
    for l in spec.layers {
      let input = ids[l.inputs[0]] ?? 0
      switch l.kind {
      case .conv, .depthwise:
        var conv: Conv2D?
        var depthwise: DepthwiseConv2D?
        if l.kind == .conv {
          let c = Conv2D(inChannels: l.inChannels, outChannels: l.outChannels,
                         kernel: (l.kernel, l.kernel), stride: (l.stride, l.stride), pool: pool)
          kernelInit.fill(c.weight, random: &random)
          parameters.append(Parameter(l.name + "/weights", value: c.weight, grad: c.gradWeight,
                                      regularized: true))
          conv = c
        } else {
          let d = DepthwiseConv2D(channels: l.inChannels, kernel: (l.kernel, l.kernel),
                                  stride: (l.stride, l.stride), pool: pool)
          kernelInit.fill(d.weight, random: &random)
          parameters.append(Parameter(l.name + "/depthwise_weights", value: d.weight,
                                      grad: d.gradWeight, regularized: true))
          depthwise = d
        }
        let bn = BatchNorm(channels: l.outChannels, epsilon: RefSSDSpec.batchNormEpsilon,
                           decay: RefSSDSpec.batchNormDecay, activation: l.activation, pool: pool)
        parameters.append(Parameter(l.name + "/gamma", value: bn.gamma, grad: bn.gradGamma))
        parameters.append(Parameter(l.name + "/beta", value: bn.beta, grad: bn.gradBeta))
        batchNorms.append(bn)
        let pre = newTensor(l.name + "/pre_norm")
        let out = newTensor(l.name)
        nodes.append(.convolution(conv, depthwise, bn, input: input, preNorm: pre, output: out))
      case .add:
        let out = newTensor(l.name)
        nodes.append(.add(input, ids[l.inputs[1]] ?? 0, output: out))
      case .head:
        let c = Conv2D(inChannels: l.inChannels, outChannels: l.outChannels,
                       kernel: (l.kernel, l.kernel), bias: true, pool: pool)
        kernelInit.fill(c.weight, random: &random)
        parameters.append(Parameter(l.name + "/weights", value: c.weight, grad: c.gradWeight,
                                    regularized: true))
        if let b = c.bias, let gb = c.gradBias {
          parameters.append(Parameter(l.name + "/biases", value: b, grad: gb))
        }
        let out = newTensor(l.name)
        headOutputs.append(out)
        nodes.append(.head(c, input: input, output: out))
      }
    }
    grads = values.map { _ in Tensor(Shape(0)) }
    written = values.map { _ in false }
    shareAddGradients()
    produceDepthwiseOutputs()
    // A convolution whose output only the next node, a depthwise layer, reads first: that
    // layer's input-gradient pass is the last to write the gradient, so it sums the
    // convolution's batch-norm backward statistics as it goes (saving a pass over the
    // pre-norm tensor and its gradient, the network's largest).
    sumsFromConsumer = nodes.indices.map { index in
      guard index + 1 < nodes.count, case let .convolution(_?, nil, _, _, _, output) = nodes[index],
            case let .convolution(nil, _?, _, next, _, _) = nodes[index + 1], next == output
      else { return false }
      return true
    }
  }

  /// Residual adds pass their output gradient to both operands unchanged, so where it is
  /// safe the operands' gradient buffers *are* the output's and the add's backward copies
  /// nothing. Safe when the add is the last reader of both operands in forward order (the
  /// first in backward order, so no earlier contribution is in those buffers) and the
  /// second operand has no other reader: its consumer (the project convolution) reads the
  /// gradient before the first operand's other consumer (the block's expand) adds into it.
  private func shareAddGradients() {
    sharedAddGradient = nodes.map { _ in false }
    var lastReader = [Int](repeating: -1, count: values.count)
    var readers = [Int](repeating: 0, count: values.count)
    for (index, node) in nodes.enumerated() {
      let inputs: [Int]
      switch node {
      case let .convolution(_, _, _, input, _, _): inputs = [input]
      case let .add(a, b, _): inputs = [a, b]
      case let .head(_, input, _): inputs = [input]
      }
      for id in inputs { lastReader[id] = index; readers[id] += 1 }
    }
    // Last add first: an add's output may be the next add's operand, whose buffer is then
    // already the one shared further down.
    for (index, node) in nodes.enumerated().reversed() {
      guard case let .add(a, b, output) = node, a != b, a != 0, b != 0 else { continue }
      let (first, second) = readers[b] == 1 ? (a, b) : (b, a)
      guard lastReader[first] == index, lastReader[second] == index, readers[second] == 1 else {
        continue
      }
      sharedAddGradient[index] = true
      grads[first] = grads[output]
      grads[second] = grads[output]
    }
  }

  /// In training, a depthwise layer's batch-norm output read only by a 1×1 convolution is
  /// never stored: the convolution produces the rows it reads from the pre-norm tensor, in
  /// forward and again in backward (for its filter gradient), while they are in cache. That
  /// saves the normalisation pass over the network's largest tensors (6× expanded channels).
  /// Batch norm's backward does not read its output for these activations.
  private func produceDepthwiseOutputs() {
    producedInput = values.map { _ in nil }
    var readers = [Int](repeating: 0, count: values.count)
    var onlyReaderIsPlain = [Bool](repeating: false, count: values.count)
    for node in nodes {
      switch node {
      case let .convolution(conv, _, _, input, _, _):
        readers[input] += 1
        onlyReaderIsPlain[input] = conv.map { $0.kernel == (1, 1) && $0.stride == (1, 1) } ?? false
      case let .add(a, b, _): readers[a] += 1; readers[b] += 1
      case let .head(_, input, _): readers[input] += 1
      }
    }
    for node in nodes {
      guard case let .convolution(nil, _?, bn, _, pre, output) = node,
            [.identity, .relu, .relu6].contains(bn.activation),
            readers[output] == 1, onlyReaderIsPlain[output] else { continue }
      producedInput[output] = (bn, pre)
    }
  }

  /// The input buffer: callers fill `[N, size, size, 3]` before `forward`.
  package var input: Tensor { values[0] }

  /// Head outputs in loss order: F1 box, F1 class, F2 box, F2 class (`[N, H, W, A * k]`).
  package var heads: [Tensor] { headOutputs.map { values[$0] } }
  package var headGrads: [Tensor] { headOutputs.map { grads[$0] } }

  /// Runs the network on `input`; `training` selects batch statistics (and
  /// moving-average updates) or the moving statistics.
  package func forward(training: Bool) {
    for node in nodes {
      switch node {
      case let .convolution(conv, depthwise, bn, input, pre, output):
        bn.mode = training ? .training : .inference
        let phase: StaticString = depthwise != nil ? "fwd depthwise"
          : (conv?.kernel.height == 1 ? "fwd conv1x1" : "fwd conv3x3")
        if training {
          // Batch statistics are summed as the convolution emits its output.
          bn.beginStatistics()
          timed(phase) {
            if let conv, let (source, sourcePre) = producedInput[input] {
              conv.forward(values[sourcePre], producingInput: BatchNormOutput(source, input: values[sourcePre]),
                           into: values[pre], epilogue: BatchNormStatistics(bn))
              return
            }
            conv?.forward(values[input], into: values[pre], epilogue: BatchNormStatistics(bn))
            depthwise?.forward(values[input], into: values[pre], epilogue: BatchNormStatistics(bn))
          }
          timed("fwd batchnorm") {
            bn.forward(values[pre], into: values[output], statisticsAccumulated: true,
                       storeOutput: producedInput[output] == nil)
          }
        } else {
          // Inference normalises each output chunk in place as it is produced.
          bn.prepareInference()
          timed(phase) {
            conv?.forward(values[input], into: values[output], epilogue: BatchNormInference(bn))
            depthwise?.forward(values[input], into: values[output], epilogue: BatchNormInference(bn))
          }
        }
      case let .add(a, b, output):
        timed("fwd add") { Add.forward(values[a], values[b], into: values[output]) }
      case let .head(conv, input, output):
        timed("fwd head") { conv.forward(values[input], into: values[output]) }
      }
    }
  }

  /// Zeroes parameter gradients and shapes the head gradients; the loss then
  /// writes `headGrads` and `backward` propagates them.
  package func prepareBackward() {
    for p in parameters { p.zeroGrad() }
    for i in 0..<values.count {
      grads[i].resize(values[i].shape)
      written[i] = false
    }
    for id in headOutputs { written[id] = true }
  }

  /// Gradient buffer of tensor `id` and whether a contribution is already in it.
  private func gradient(_ id: Int) -> (Tensor, Bool) {
    let accumulate = written[id]
    written[id] = true
    return (grads[id], accumulate)
  }

  /// Backpropagates `headGrads` (written by the loss) into every parameter gradient.
  package func backward() {
    for index in stride(from: nodes.count - 1, through: 0, by: -1) {
      switch nodes[index] {
      case let .head(conv, input, output):
        let (dx, accumulate) = gradient(input)
        timed("bwd head") {
          conv.backward(input: values[input], gradOutput: grads[output], gradInput: dx,
                        accumulate: accumulate)
        }
      case let .add(a, b, _) where sharedAddGradient[index]:
        // The operands' gradient buffers are the output's: mark them written, copy nothing.
        written[a] = true
        written[b] = true
      case let .add(a, b, output):
        let (da, accumulateA) = gradient(a)
        let (db, accumulateB) = gradient(b)
        timed("bwd add") {
          Add.backward(gradOutput: grads[output], gradA: da, accumulateA: accumulateA,
                       gradB: db, accumulateB: accumulateB)
        }
      case let .convolution(conv, depthwise, bn, input, pre, output):
        let z = values[pre], y = values[output], dy = grads[output]
        let (dx, accumulate): (Tensor?, Bool) = input == 0 ? (nil, false) : gradient(input)
        if let conv {
          // The convolution consumes batch norm's input gradient chunk by chunk.
          timed("bwd batchnorm") {
            bn.prepareBackward(input: z, output: y, gradOutput: dy,
                               sumsAccumulated: sumsFromConsumer[index])
          }
          timed(conv.kernel.height == 1 ? "bwd conv1x1" : "bwd conv3x3") {
            if let (source, sourcePre) = producedInput[input] {
              conv.backward(input: values[sourcePre],
                            producingInput: BatchNormOutput(source, input: values[sourcePre]),
                            producingGradOutput: BatchNormInputGradient(bn, input: z, output: y,
                                                                        gradOutput: dy),
                            gradInput: dx, accumulate: accumulate)
              return
            }
            conv.backward(input: values[input],
                          producingGradOutput: BatchNormInputGradient(bn, input: z, output: y,
                                                                      gradOutput: dy),
                          gradInput: dx, accumulate: accumulate)
          }
        }
        if let depthwise {
          // The depthwise filter-gradient pass produces batch norm's input gradient row by row.
          timed("bwd batchnorm") { bn.prepareBackward(input: z, output: y, gradOutput: dy) }
          timed("bwd depthwise") {
            let produced = BatchNormInputGradient(bn, input: z, output: y, gradOutput: dy)
            if let dx, index > 0, sumsFromConsumer[index - 1],
               case let .convolution(_, _, source, _, sourcePre, _) = nodes[index - 1] {
              // Its input-gradient pass also sums the producer's batch-norm statistics.
              source.beginStatistics()
              depthwise.backward(input: values[input], producingGradOutput: produced,
                                 storage: preNormGrad, gradInput: dx, accumulate: accumulate,
                                 gradInputEpilogue: BatchNormGradientSums(
                                   source, input: values[sourcePre], output: values[input],
                                   gradOutput: dx))
              return
            }
            depthwise.backward(input: values[input], producingGradOutput: produced,
                               storage: preNormGrad, gradInput: dx, accumulate: accumulate,
                               gradInputEpilogue: NoEpilogue())
          }
        }
      }
    }
  }

  /// Inference (moving statistics) over the batch in `input`, results in `outputs`.
  ///
  /// Runs `BandedInference`: each inverted-residual block in row bands that keep its
  /// expanded tensor in cache; batch 1 splits each step's rows across the pool, larger
  /// batches give each worker whole images. Equals `forward(training: false)`.
  package func infer() {
    let batch = input.rank == 4 ? input.shape[0] : 0
    for (output, layer) in zip(outputs, headLayers) {
      output.resize(Shape(batch, layer.outSize.0, layer.outSize.1, layer.outChannels))
    }
    if banded == nil { banded = BandedInference(self, pool: pool) }
    inferenceWasBanded = banded != nil
    guard let banded else {
      forward(training: false)
      for (k, id) in headOutputs.enumerated() { outputs[k].copy(from: values[id]) }
      return
    }
    for bn in batchNorms { bn.prepareInference() }
    for case let .head(conv, _, _) in nodes { conv.prepareTapWeights() }
    banded.bandBytes = inferenceBandBytes
    banded.run(input: input, outputs: outputs)
  }
}
