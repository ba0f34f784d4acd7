import Runtime

/// `pipec-bench step`: RefSSD-MNv2-0.35 training step and inference, timed as
/// tf_bench.py times TensorFlow, next to TensorFlow's figures on this machine.
enum StepBench {
  /// TensorFlow 2.21, 2 threads, images/s (from /work/shared/bench/README.md).
  static let tensorFlow: [String: (Double, Double)] = [
    "128 train 8": (88, 114), "128 train 16": (125, 146), "128 infer 1": (114, 117),
    "128 infer 8": (413, 420), "320 train 8": (27, 27), "320 train 16": (27, 27),
    "320 infer 1": (67, 67), "320 infer 8": (107, 107),
  ]

  static func run(_ args: [String]) {
    let sizes = (option("size", in: args) ?? "128,320").split(separator: ",").compactMap { Int($0) }
    let reps = Int(option("reps", in: args) ?? "") ?? 20
    let what = option("what", in: args) ?? "train,infer"
    let noTaps = args.contains("--no-taps")
    let noDirect = args.contains("--no-direct")
    let trainBatches = (option("train-batches", in: args) ?? "8,16").split(separator: ",").compactMap { Int($0) }
    let inferBatches = (option("infer-batches", in: args) ?? "1,8").split(separator: ",").compactMap { Int($0) }
    let pool = WorkerPool.shared
    print("RefSSD-MNv2-0.35, \(pool.parts) worker threads, OpenBLAS threads \(BLAS.threads); median of \(reps)")
    print("| size | kind | batch | ms/step | images/s | GFLOP/s | TF images/s | × TF (vs TF best) | heap growth | dropped |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes {
      let model = RefSSD(size: size, seed: 1)
      if noTaps { for case let .head(c, _, _) in model.nodes { c.usesTapProducts = false } }
      if noDirect {
        for node in model.nodes {
          if case let .convolution(c?, _, _, _, _, _) = node { c.usesDirectKernel = false }
          if case let .head(c, _, _) = node { c.usesDirectKernel = false }
        }
      }
      let spec = model.spec
      var random = SeededRandom(seed: 2)
      var momentum = MomentumOptimizer(momentum: 0.9)
      let regularizer = Regularizer.l2(weight: 4e-5)
      for batch in trainBatches where what.contains("train") {
        fillInput(model, batch: batch, random: &random)
        let targets = SSDTargets.synthetic(batch: batch, anchors: spec.anchorCount,
                                           numClasses: RefSSDSpec.numClasses, random: &random)
        var heads: [(Tensor, Tensor)] = []
        var grads: [(Tensor, Tensor)] = []
        var loss = 0.0
        let step = {
          model.forward(training: true)
          model.prepareBackward()
          if heads.isEmpty {
            let h = model.heads, g = model.headGrads
            heads = [(h[0], h[1]), (h[2], h[3])]
            grads = [(g[0], g[1]), (g[2], g[3])]
          }
          loss = SSDLoss.evaluate(heads: heads, grads: grads, targets: targets,
                                  numClasses: RefSSDSpec.numClasses)
          model.backward()
          loss += regularizer.apply(model.parameters)
          momentum.apply(model.parameters, learningRate: 0.01)
        }
        for _ in 0..<3 { step() }
        let times = measure(warmup: 0, reps: reps, step)
        let growth = heapGrowth(over: 3, step)
        report(size: size, kind: "train", batch: batch, seconds: median(times),
               flops: Double(spec.trainingFlops), growth: growth, note: "loss \(fmt(loss, 3))")
        if args.contains("--profile") { profile(model, reps: 3, step) }
      }
      for batch in inferBatches where what.contains("infer") {
        fillInput(model, batch: batch, random: &random)
        let infer = { model.infer() }
        for _ in 0..<3 { infer() }
        let times = measure(warmup: 0, reps: reps * (batch == 1 ? 4 : 1), infer)
        report(size: size, kind: "infer", batch: batch, seconds: median(times),
               flops: Double(spec.forwardFlops), growth: heapGrowth(over: 3, infer), note: "")
        if args.contains("--profile") { profile(model, reps: 3, infer) }
      }
    }
    print("target: at least 2× TensorFlow on every row; heap growth: malloc'd bytes in use after 3")
    print("more steady-state calls minus before them; dropped: calls retaken because other processes")
    print("used > 3% of the machine meanwhile (as tf_bench.py does)")
  }

  /// Prints milliseconds per call spent in each phase of the model.
  static func profile(_ model: RefSSD, reps: Int, _ body: () -> Void) {
    model.profile = [:]
    let start = now()
    for _ in 0..<reps { body() }
    let total = (now() - start) / Double(reps)
    let phases = model.profile ?? [:]
    model.profile = nil
    let inside = phases.values.reduce(0, +) / Double(reps)
    var line = "    profile ms/call: total \(fmt(total * 1e3, 2)), outside layers \(fmt((total - inside) * 1e3, 2))"
    for (name, t) in phases.sorted(by: { $0.value > $1.value }) {
      line += "; \(name) \(fmt(t / Double(reps) * 1e3, 2))"
    }
    print(line)
  }

  /// Bytes of heap in use after `count` more calls minus before them.
  static func heapGrowth(over count: Int, _ body: () -> Void) -> Int {
    let before = SystemHeap.bytesInUse
    for _ in 0..<count { body() }
    return SystemHeap.bytesInUse - before
  }

  static func fillInput(_ model: RefSSD, batch: Int, random: inout SeededRandom) {
    let size = model.spec.size
    model.input.resize(Shape(batch, size, size, 3))
    for i in 0..<model.input.count { model.input.data[i] = Float(random.uniform(-1, 1)) }
  }

  static func report(size: Int, kind: String, batch: Int, seconds: Double, flops: Double,
                     growth: Int, note: String) {
    let images = Double(batch) / seconds
    let tf = tensorFlow["\(size) \(kind) \(batch)"] ?? (0, 0)
    let versusTF = tf.1 > 0 ? "\(fmt(images / tf.0, 2))× (\(fmt(images / tf.1, 2))×)" : "-"
    print("| \(size) | \(kind) | \(batch) | \(fmt(seconds * 1e3, 2)) | \(fmt(images, 1)) | "
          + "\(fmt(flops * Double(batch) / seconds / 1e9, 1)) | \(Int(tf.0))–\(Int(tf.1)) | "
          + "\(versusTF) | \(growth) B \(note) | \(lastDropped) |")
  }
}
