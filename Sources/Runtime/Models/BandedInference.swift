/// RefSSD inference in row bands: each inverted-residual block runs its
/// producer (expand 1×1, or `layer_1` for the first block), depthwise and
/// project convolutions a few output rows at a time, so the expanded tensor
/// (6× the block's channels; 9.8 MB for one 320×320 image at `layer_3`) exists
/// only as a band in a per-worker scratch that stays in the L2 cache.
///
/// The layers' own row kernels do the arithmetic (`Conv2D.forwardRows`,
/// `DepthwiseConv2D.forwardRows`, batch norm's inference transform as their
/// epilogue), so results equal the layer-by-layer `forward(training: false)`.
/// Expanded rows shared by consecutive bands slide to the front of the scratch
/// instead of being recomputed.
///
/// Two schedules: `images` gives each worker whole images with its own
/// activations (no synchronisation between layers); `rows` splits every step's
/// output rows across the workers of one image (batch 1). Buffers are sized on
/// the first call and reused, so steady-state calls allocate nothing.
final class BandedInference {
  /// Expand (or any producer conv) → depthwise → project, with batch norm after each,
  /// then an optional residual add.
  struct Block {
    /// The producer and its norm; nil when the depthwise reads a stored tensor.
    var producer: (conv: Conv2D, norm: BatchNorm)?
    /// The producer's input (or the depthwise input when there is no producer).
    var input: Int
    /// The producer's output, the depthwise input.
    var expanded: Int
    var depthwise: DepthwiseConv2D, depthwiseNorm: BatchNorm
    var project: Conv2D, projectNorm: BatchNorm
    /// The tensor added to the project output (the block input), if any.
    var residual: Int?
    /// The block's stored output: the add's id, or the project's.
    var output: Int
  }

  enum Step {
    case block(Block)
    /// A convolution whose output is stored (layer_19, a feature map read by heads).
    case convolution(Conv2D, BatchNorm, input: Int, output: Int)
    /// A head writing `outputs[index]`.
    case head(Conv2D, input: Int, index: Int)
  }

  /// Per-worker buffers: stored activations by tensor id, and the band scratch.
  final class Lane {
    var values: [Tensor]
    let expanded = Tensor(Shape(0))
    let depthwise = Tensor(Shape(0))
    init(count: Int) { values = (0..<count).map { _ in Tensor(Shape(0)) } }
  }

  let steps: [Step]
  /// `[height, width, channels]` of every tensor id for the current input size.
  private var dims: [(h: Int, w: Int, c: Int)]
  private var lanes: [Lane] = []
  /// Ids of the tensors kept whole (block inputs and outputs, feature maps); the rest
  /// exist only as bands.
  private let stored: [Int]
  private let pool: WorkerPool
  /// Scratch budget of one band (expanded rows plus depthwise rows), in bytes.
  var bandBytes = 512 << 10

  /// Groups `model`'s nodes into steps; nil when a node does not fit the scheme.
  init?(_ model: RefSSD, pool: WorkerPool) {
    self.pool = pool
    let nodes = model.nodes
    var consumers = [Int](repeating: 0, count: model.tensorCount)
    for node in nodes {
      switch node {
      case let .convolution(_, _, _, input, _, _): consumers[input] += 1
      case let .add(a, b, _): consumers[a] += 1; consumers[b] += 1
      case let .head(_, input, _): consumers[input] += 1
      }
    }
    var steps: [Step] = []
    var i = 0
    var headIndex = 0
    while i < nodes.count {
      switch nodes[i] {
      case let .head(conv, input, _):
        steps.append(.head(conv, input: input, index: headIndex))
        headIndex += 1
        i += 1
      case .add:
        return nil
      case let .convolution(conv, depthwise, norm, input, _, output):
        // A producer conv is fused with the block of the depthwise it feeds, when
        // nothing outside that block reads its output.
        if let conv, depthwise == nil {
          if let found = BandedInference.block(nodes, at: i + 1, producer: (conv, norm),
                                               input: input, expanded: output),
             consumers[output] == 1 + (found.block.residual == output ? 1 : 0) {
            steps.append(.block(found.block))
            i = found.next
          } else {
            steps.append(.convolution(conv, norm, input: input, output: output))
            i += 1
          }
        } else {
          guard let found = BandedInference.block(nodes, at: i, producer: nil, input: input,
                                                  expanded: input)
          else { return nil }
          steps.append(.block(found.block))
          i = found.next
        }
      }
    }
    self.steps = steps
    var stored = Set<Int>()
    for step in steps {
      switch step {
      case let .block(b):
        stored.formUnion([b.input, b.output])
        if let r = b.residual, r != b.expanded || b.producer == nil { stored.insert(r) }
      case let .convolution(_, _, input, output): stored.formUnion([input, output])
      case let .head(_, input, _): stored.insert(input)
      }
    }
    stored.remove(0)
    self.stored = stored.sorted()
    dims = Array(repeating: (0, 0, 0), count: model.tensorCount)
    lanes = (0..<pool.parts).map { _ in Lane(count: model.tensorCount) }
  }

  /// The block whose depthwise node is `nodes[at]`, followed by its project and
  /// optional add, and the index of the node after it; nil when the nodes do not form one.
  private static func block(_ nodes: [RefSSD.Node], at: Int, producer: (conv: Conv2D, norm: BatchNorm)?,
                            input: Int, expanded: Int) -> (block: Block, next: Int)? {
    guard at + 1 < nodes.count,
          case let .convolution(nil, dw?, dwNorm, dwInput, _, dwOutput) = nodes[at],
          dwInput == expanded,
          case let .convolution(project?, nil, projectNorm, projectInput, _, projectOutput)
            = nodes[at + 1],
          projectInput == dwOutput, project.kernel == (1, 1), project.stride == (1, 1)
    else { return nil }
    var next = at + 2
    var residual: Int?, output = projectOutput
    if next < nodes.count, case let .add(a, b, addOutput) = nodes[next],
       a == projectOutput || b == projectOutput {
      residual = a == projectOutput ? b : a
      output = addOutput
      next += 1
    }
    return (Block(producer: producer, input: input, expanded: expanded, depthwise: dw,
                  depthwiseNorm: dwNorm, project: project, projectNorm: projectNorm,
                  residual: residual, output: output), next)
  }

  /// Runs `input` (`[N, H, W, 3]`) through the network into `outputs` (resized
  /// by the caller to `[N, OH, OW, K]` each). Batch norms must be prepared for
  /// inference (`prepareInference`) first.
  func run(input: Tensor, outputs: [Tensor]) {
    let (n, h, w, c) = input.nhwc("RefSSD input")
    setDims(height: h, width: w, channels: c)
    let byRows = n == 1 || pool.parts == 1
    // Shaped here, before any worker reads them (no allocation after the first call).
    for lane in lanes[0..<(byRows ? 1 : lanes.count)] {
      for id in stored { lane.values[id].resize(Shape(1, dims[id].h, dims[id].w, dims[id].c)) }
    }
    if byRows {
      for image in 0..<n {
        for step in steps {
          pool.run(BandedRowsWork(engine: self, step: step, input: input, outputs: outputs,
                                  image: image))
        }
      }
    } else {
      pool.run(BandedImagesWork(engine: self, input: input, outputs: outputs, batch: n))
    }
  }

  /// Worker `part` runs images `part`, `part + parts`, … through every step alone.
  fileprivate func runImages(part: Int, input: Tensor, outputs: [Tensor], batch: Int) {
    var image = part
    while image < batch {
      for step in steps {
        run(step, input: input, outputs: outputs, image: image, lane: lanes[part], part: part,
            share: 0)
      }
      image += pool.parts
    }
  }

  fileprivate func runShare(_ step: Step, input: Tensor, outputs: [Tensor], image: Int, part: Int) {
    run(step, input: input, outputs: outputs, image: image, lane: lanes[0], part: part,
        share: part, of: pool.parts)
  }

  /// Computes shape `[h, w, c]` of every tensor from the steps.
  private func setDims(height: Int, width: Int, channels: Int) {
    dims[0] = (height, width, channels)
    func convolved(_ conv: Conv2D, _ d: (h: Int, w: Int, c: Int)) -> (h: Int, w: Int, c: Int) {
      let win = conv.window(height: d.h, width: d.w)
      return (win.y.output, win.x.output, conv.outChannels)
    }
    for step in steps {
      switch step {
      case let .block(b):
        var d = dims[b.input]
        if let producer = b.producer { d = convolved(producer.conv, d); dims[b.expanded] = d }
        let win = b.depthwise.window(height: d.h, width: d.w)
        dims[b.output] = (win.y.output, win.x.output, b.project.outChannels)
      case let .convolution(conv, _, input, output):
        dims[output] = convolved(conv, dims[input])
      case .head: break
      }
    }
  }

  /// The stored tensor `id` of `lane` for one image; id 0 is the image itself.
  private func pointer(_ id: Int, input: Tensor, image: Int, lane: Lane) -> UnsafeMutablePointer<Float> {
    let d = dims[id]
    return id == 0 ? input.data + image * d.h * d.w * d.c : lane.values[id].data
  }

  /// Runs share `share` of `parts` equal row ranges of `step` for one image.
  private func run(_ step: Step, input: Tensor, outputs: [Tensor], image: Int, lane: Lane,
                   part: Int, share: Int, of parts: Int = 1) {
    switch step {
    case let .block(b):
      let rows = WorkerPool.split(dims[b.output].h, parts: parts, part: share)
      if !rows.isEmpty { runBlock(b, rows: rows, input: input, image: image, lane: lane, part: part) }
    case let .convolution(conv, norm, inputID, outputID):
      let d = dims[inputID], o = dims[outputID]
      let x = pointer(inputID, input: input, image: image, lane: lane)
      let y = pointer(outputID, input: input, image: image, lane: lane)
      let rows = WorkerPool.split(o.h * o.w, parts: parts, part: share)
      if rows.isEmpty { return }
      let win = conv.window(height: d.h, width: d.w)
      conv.forwardRows(x, y, win, plain: conv.isPlainGEMM(win), chunkRows: conv.forwardChunkRows,
                       epilogue: BatchNormInference(norm), range: rows, part: part)
    case let .head(conv, inputID, index):
      let d = dims[inputID]
      let x = pointer(inputID, input: input, image: image, lane: lane)
      let win = conv.window(height: d.h, width: d.w)
      let pixels = win.y.output * win.x.output
      let rows = WorkerPool.split(pixels, parts: parts, part: share)
      if rows.isEmpty { return }
      let y = outputs[index].data + image * pixels * conv.outChannels
      conv.forwardRows(x, y, win, plain: false, chunkRows: conv.forwardChunkRows,
                       epilogue: NoEpilogue(), range: rows, part: part)
    }
  }

  /// Output rows `rows` of block `b` for one image, in bands.
  private func runBlock(_ b: Block, rows: Range<Int>, input: Tensor, image: Int, lane: Lane,
                        part: Int) {
    let scratch = lanes[part]
    let d = dims[b.input], e = dims[b.expanded], o = dims[b.output]
    let x = pointer(b.input, input: input, image: image, lane: lane)
    let out = pointer(b.output, input: input, image: image, lane: lane)
    let residual = b.residual.map { id in
      id == b.expanded && b.producer != nil ? nil : pointer(id, input: input, image: image, lane: lane)
    }
    let dwin = b.depthwise.window(height: e.h, width: e.w)
    let pwin = b.project.window(height: o.h, width: o.w)
    let s = dwin.y.stride, reach = (dwin.y.kernel - 1) * dwin.y.dilation + 1
    let ec = e.c, ew = e.w, ow = o.w, oc = o.c
    // Output rows per band: expanded rows (reach + (R - 1) * s) plus depthwise rows within budget.
    let rowBytes = ew * ec * 4
    var band = 1
    while band < rows.count
      && ((band * s + reach) * rowBytes + (band + 1) * ow * ec * 4) <= bandBytes { band += 1 }
    let pwin1 = b.producer.map { $0.conv.window(height: d.h, width: d.w) }
    if b.producer != nil {
      scratch.expanded.resize(Shape(((band - 1) * s + reach) * ew * ec))
    }
    scratch.depthwise.resize(Shape(band * ow * ec))
    var low = 0, high = 0  // expanded rows held in scratch.expanded
    var oy0 = rows.lowerBound
    while oy0 < rows.upperBound {
      let oy1 = min(oy0 + band, rows.upperBound)
      let need0 = max(0, oy0 * s - dwin.y.padBefore)
      let need1 = min(e.h, (oy1 - 1) * s - dwin.y.padBefore + reach)
      let expanded: UnsafeMutablePointer<Float>
      if let (conv, norm) = b.producer, let cwin = pwin1 {
        // Keep rows still needed, compute the rest.
        if high <= need0 {
          low = need0; high = need0
        } else if low < need0 {
          let base = scratch.expanded.data
          base.update(from: base + (need0 - low) * ew * ec, count: (high - need0) * ew * ec)
          low = need0
        }
        expanded = scratch.expanded.data - low * ew * ec
        if high < need1 {
          conv.forwardRows(x, expanded, cwin, plain: conv.isPlainGEMM(cwin),
                           chunkRows: conv.forwardChunkRows, epilogue: BatchNormInference(norm),
                           range: (high * ew)..<(need1 * ew), part: part)
          high = need1
        }
      } else {
        expanded = x
      }
      let dws = scratch.depthwise.data - oy0 * ow * ec
      b.depthwise.forwardRows(expanded, dws, dwin, epilogue: BatchNormInference(b.depthwiseNorm),
                              rows: oy0..<oy1, part: part)
      b.project.forwardRows(dws, out, pwin, plain: true, chunkRows: b.project.forwardChunkRows,
                            epilogue: BatchNormInference(b.projectNorm),
                            range: (oy0 * ow)..<(oy1 * ow), part: part)
      if let residual {
        // The block input is stored, or (first block) it is the producer's band.
        let r = (residual ?? expanded) + oy0 * ow * oc, y = out + oy0 * ow * oc
        for i in 0..<((oy1 - oy0) * ow * oc) { y[i] += r[i] }
      }
      oy0 = oy1
    }
  }
}

private struct BandedRowsWork: ParallelWork {
  let engine: BandedInference
  let step: BandedInference.Step
  let input: Tensor
  let outputs: [Tensor]
  let image: Int
  func run(part: Int) {
    engine.runShare(step, input: input, outputs: outputs, image: image, part: part)
  }
}

private struct BandedImagesWork: ParallelWork {
  let engine: BandedInference
  let input: Tensor
  let outputs: [Tensor]
  let batch: Int
  func run(part: Int) {
    engine.runImages(part: part, input: input, outputs: outputs, batch: batch)
  }
}
