/// Elementwise sum of two tensors of the same shape (residual connections).
package enum Add {
  /// `y = a + b`; `y` is resized and may alias `a` or `b`.
  package static func forward(_ a: Tensor, _ b: Tensor, into y: Tensor,
                              pool: WorkerPool = .shared) {
    precondition(a.shape == b.shape, "add operands differ in shape: \(a.shape) and \(b.shape)")
    y.resize(a.shape)
    pool.forEachRange(a.count, AddWork(xa: a.data, xb: b.data, ys: y.data))
  }

  /// Passes `dy` to both operands: adds it into (or copies it over) `da` and `db`.
  package static func backward(gradOutput dy: Tensor, gradA da: Tensor?, accumulateA: Bool = true,
                               gradB db: Tensor?, accumulateB: Bool = true,
                               pool: WorkerPool = .shared) {
    if let da { pass(dy, into: da, accumulate: accumulateA, pool: pool) }
    if let db { pass(dy, into: db, accumulate: accumulateB, pool: pool) }
  }

  private static func pass(_ dy: Tensor, into d: Tensor, accumulate: Bool, pool: WorkerPool) {
    d.expect(dy.shape, "add operand gradient")
    pool.forEachRange(dy.count, PassGradientWork(gs: dy.data, ds: d.data, accumulate: accumulate))
  }
}

private struct AddWork: RangeWork {
  let xa: UnsafeMutablePointer<Float>, xb: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>
  func run(_ range: Range<Int>, part: Int) {
    for i in range { ys[i] = xa[i] + xb[i] }
  }
}

private struct PassGradientWork: RangeWork {
  let gs: UnsafeMutablePointer<Float>, ds: UnsafeMutablePointer<Float>
  let accumulate: Bool
  func run(_ range: Range<Int>, part: Int) {
    if accumulate {
      for i in range { ds[i] += gs[i] }
    } else {
      (ds + range.lowerBound).update(from: gs + range.lowerBound, count: range.count)
    }
  }
}
