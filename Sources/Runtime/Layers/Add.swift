/// Elementwise sum of two tensors of the same shape (residual connections).
package enum Add {
  /// `y = a + b`; `y` is resized and may alias `a` or `b`.
  package static func forward(_ a: Tensor, _ b: Tensor, into y: Tensor,
                              pool: WorkerPool = .shared) {
    precondition(a.shape == b.shape, "add operands differ in shape: \(a.shape) and \(b.shape)")
    y.resize(a.shape)
    let xa = a.data, xb = b.data, ys = y.data
    pool.forEachRange(a.count) { r, _ in
      for i in r { ys[i] = xa[i] + xb[i] }
    }
  }

  /// Passes `dy` to both operands: adds it into (or copies it over) `da` and `db`.
  package static func backward(gradOutput dy: Tensor, gradA da: Tensor?, accumulateA: Bool = true,
                               gradB db: Tensor?, accumulateB: Bool = true,
                               pool: WorkerPool = .shared) {
    for (d, accumulate) in [(da, accumulateA), (db, accumulateB)] {
      guard let d else { continue }
      d.expect(dy.shape, "add operand gradient")
      let gs = dy.data, ds = d.data
      pool.forEachRange(dy.count) { r, _ in
        if accumulate {
          for i in r { ds[i] += gs[i] }
        } else {
          (ds + r.lowerBound).update(from: gs + r.lowerBound, count: r.count)
        }
      }
    }
  }
}
