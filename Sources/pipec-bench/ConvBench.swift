import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// `pipec-bench conv`: every convolution shape of RefSSD-MNv2-0.35, forward and
/// backward, as GFLOP/s and as a fraction of raw `cblas_sgemm` (OpenBLAS with as many
/// threads as the pool has workers) on the same GEMM shapes.
enum ConvBench {
  static func run(_ args: [String]) {
    let size = Int(option("size", in: args) ?? "") ?? 128
    let batch = Int(option("batch", in: args) ?? "") ?? 8
    let reps = Int(option("reps", in: args) ?? "") ?? 10
    let pool = WorkerPool.shared
    let spec = RefSSDSpec(size: size)
    print("RefSSD-MNv2-0.35 convolutions at \(size)×\(size), batch \(batch), \(pool.parts) workers")
    rawLargeGEMM()
    print("| layer | k/s | in → out | fwd ms | fwd GFLOP/s | raw sgemm | fwd/raw | bwd ms | bwd GFLOP/s | raw sgemm | bwd/raw | dropped |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    var seen = Set<String>()
    var totals = (ours: 0.0, raw: 0.0)
    for l in spec.layers where l.kind == .conv || l.kind == .head || l.kind == .depthwise {
      let key = "\(l.kind) \(l.kernel) \(l.stride) \(l.inChannels) \(l.outChannels) \(l.inSize)"
      if !seen.insert(key).inserted { continue }
      let x = Tensor(Shape(batch, l.inSize.0, l.inSize.1, l.inChannels))
      var random = SeededRandom(seed: 1)
      for i in 0..<x.count { x.data[i] = Float(random.normal()) }
      let y = Tensor(Shape(0)), dx = Tensor(x.shape)
      let needsInputGrad = l.name != "layer_1"
      let pixels = batch * l.outSize.0 * l.outSize.1
      let forward: () -> Void, backward: () -> Void
      if l.kind == .depthwise {
        let d = DepthwiseConv2D(channels: l.inChannels, kernel: (3, 3), stride: (l.stride, l.stride))
        d.forward(x, into: y)
        let dy = Tensor(y.shape); dy.fill(0.01)
        forward = { d.forward(x, into: y) }
        backward = { d.backward(input: x, gradOutput: dy, gradInput: dx, accumulate: false) }
      } else {
        let c = Conv2D(inChannels: l.inChannels, outChannels: l.outChannels,
                       kernel: (l.kernel, l.kernel), stride: (l.stride, l.stride), bias: l.bias)
        if args.contains("--no-direct") { c.usesDirectKernel = false }
        c.forward(x, into: y)
        let dy = Tensor(y.shape); dy.fill(0.01)
        forward = { c.forward(x, into: y) }
        backward = {
          c.backward(input: x, gradOutput: dy, gradInput: needsInputGrad ? dx : nil, accumulate: false)
        }
      }
      let fwd = median(measure(warmup: 2, reps: reps, forward))
      var dropped = lastDropped
      let bwd = median(measure(warmup: 2, reps: reps, backward))
      dropped += lastDropped
      let macs = Double(l.macs * batch)
      let bwdFlops = 2 * macs * (needsInputGrad ? 2 : 1)
      var row = "| \(l.name) | \(l.kernel)/\(l.stride) | \(l.inSize.0)²×\(l.inChannels) → "
        + "\(l.outSize.0)²×\(l.outChannels) | \(fmt(fwd * 1e3, 3)) | \(fmt(2 * macs / fwd / 1e9)) | "
      if l.kind == .depthwise {
        row += "- | - | \(fmt(bwd * 1e3, 3)) | \(fmt(bwdFlops / bwd / 1e9)) | - | - | \(dropped) |"
      } else {
        let k = l.kernel * l.kernel * l.inChannels, co = l.outChannels
        let rawForward = rawGEMM(m: pixels, n: co, k: k, transA: false, transB: false, reps: reps)
        var rawBackward = rawGEMM(m: k, n: co, k: pixels, transA: true, transB: false, reps: reps)
        if needsInputGrad {
          rawBackward += rawGEMM(m: pixels, n: k, k: co, transA: false, transB: true, reps: reps)
        }
        totals.ours += fwd + bwd
        totals.raw += rawForward + rawBackward
        row += "\(fmt(2 * macs / rawForward / 1e9)) | \(fmt(100 * rawForward / fwd, 0))% | "
          + "\(fmt(bwd * 1e3, 3)) | \(fmt(bwdFlops / bwd / 1e9)) | \(fmt(bwdFlops / rawBackward / 1e9)) | "
          + "\(fmt(100 * rawBackward / bwd, 0))% | \(dropped) |"
      }
      print(row)
    }
    print("GEMM-bound layers (distinct shapes) overall: \(fmt(100 * totals.raw / totals.ours, 0))% "
          + "of raw sgemm time-weighted (target ≥ 70%)")
    print("bwd = weight gradient + input gradient (weight gradient only for layer_1); raw sgemm = the")
    print("same GEMM shapes through cblas_sgemm with OpenBLAS on \(pool.parts) threads; dropped = timed")
    print("calls retaken because other processes used > 3% of the machine")
  }

  /// Median seconds of one raw sgemm of this shape with OpenBLAS on the pool's thread count.
  static func rawGEMM(m: Int, n: Int, k: Int, transA: Bool, transB: Bool, reps: Int) -> Double {
    let a = Tensor(Shape(m * k)), b = Tensor(Shape(k * n)), c = Tensor(Shape(m * n))
    a.fill(0.5); b.fill(0.25)
    let saved = BLAS.threads
    BLAS.threads = WorkerPool.shared.parts
    defer { BLAS.threads = saved }
    return median(measure(warmup: 2, reps: reps) {
      BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a.data,
                lda: transA ? m : k, b: b.data, ldb: transB ? k : n, beta: 0, c: c.data, ldc: n)
    })
  }

  static func rawLargeGEMM() {
    let n = 2048
    for threads in [1, 2] {
      let a = Tensor(Shape(n * n)), b = Tensor(Shape(n * n)), c = Tensor(Shape(n * n))
      let saved = BLAS.threads
      BLAS.threads = threads
      let t = median(measure(warmup: 1, reps: 3) {
        BLAS.gemm(transA: false, transB: false, m: n, n: n, k: n, a: a.data, lda: n, b: b.data,
                  ldb: n, beta: 0, c: c.data, ldc: n)
      })
      BLAS.threads = saved
      print("raw sgemm 2048³, \(threads) thread(s): \(fmt(2 * pow(Double(n), 3) / t / 1e9)) GFLOP/s")
    }
  }
}
