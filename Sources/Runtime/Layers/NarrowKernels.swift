/// Products with 8 or 16 columns, where GEMM libraries run far below their peak: OpenBLAS
/// packs both operands for every call and its kernels are tuned for wide matrices, while the
/// RGB input layer has 16 outputs and the 0.35-width MobileNet's first 1×1 convolutions 16
/// inputs or outputs. Here the columns are one or two 8-float vectors held in registers.
extension Conv2D {
  /// `out[rows, co] (+)= a[rows, depth] · weight[depth, co]` for 8 or 16 outputs (the RGB
  /// input layer's 27 × 16; a 1×1 convolution's 96 × 16 forward or, with the filter
  /// transposed, its 16-channel input gradient). Four rows at a time give four (or eight)
  /// independent FMA chains; the weight rows are read from L1.
  static func narrowProduct(_ a: UnsafePointer<Float>, rows: Int, depth k: Int,
                            weight: UnsafeMutablePointer<Float>, outputs co: Int,
                            into out: UnsafeMutablePointer<Float>, accumulate: Bool) {
    var r = 0
    if co == 16 {
      while r + 4 <= rows {
        let a0 = a + r * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
        var p0 = SIMD8<Float>(), q0 = SIMD8<Float>(), p1 = SIMD8<Float>(), q1 = SIMD8<Float>()
        var p2 = SIMD8<Float>(), q2 = SIMD8<Float>(), p3 = SIMD8<Float>(), q3 = SIMD8<Float>()
        for t in 0..<k {
          let wp = load8(weight + t * 16), wq = load8(weight + t * 16 + 8)
          let x0 = SIMD8(repeating: a0[t]), x1 = SIMD8(repeating: a1[t])
          let x2 = SIMD8(repeating: a2[t]), x3 = SIMD8(repeating: a3[t])
          p0 = p0.addingProduct(x0, wp); q0 = q0.addingProduct(x0, wq)
          p1 = p1.addingProduct(x1, wp); q1 = q1.addingProduct(x1, wq)
          p2 = p2.addingProduct(x2, wp); q2 = q2.addingProduct(x2, wq)
          p3 = p3.addingProduct(x3, wp); q3 = q3.addingProduct(x3, wq)
        }
        let o = out + r * 16
        if accumulate {
          p0 += load8(o); q0 += load8(o + 8); p1 += load8(o + 16); q1 += load8(o + 24)
          p2 += load8(o + 32); q2 += load8(o + 40); p3 += load8(o + 48); q3 += load8(o + 56)
        }
        store8(p0, o); store8(q0, o + 8); store8(p1, o + 16); store8(q1, o + 24)
        store8(p2, o + 32); store8(q2, o + 40); store8(p3, o + 48); store8(q3, o + 56)
        r += 4
      }
    }
    // Remaining rows (and 8 outputs): one row at a time.
    while r < rows {
      let row = a + r * k
      var block = 0
      while block < co {
        var acc = accumulate ? load8(out + r * co + block) : SIMD8<Float>()
        for t in 0..<k { acc = acc.addingProduct(SIMD8(repeating: row[t]), load8(weight + t * co + block)) }
        store8(acc, out + r * co + block)
        block += 8
      }
      r += 1
    }
  }

  /// `gw[depth, 16] += a[rows, depth]ᵀ · g[rows, 16]`: the filter gradient of a 1×1
  /// convolution with 16 outputs. Six input channels at a time keep twelve accumulators in
  /// registers over all rows; `a` and `g` are read from L2.
  static func narrowGradient(_ a: UnsafePointer<Float>, rows: Int, depth k: Int,
                             gradient g: UnsafePointer<Float>, into gw: UnsafeMutablePointer<Float>) {
    // Blocks of rows small enough that `a` and `g` stay in L2 across the channel groups.
    let block = max(16, (48 << 10) / (k + 16))
    var first = 0
    while first < rows {
      let count = min(block, rows - first)
      narrowGradientBlock(a + first * k, rows: count, depth: k, gradient: g + first * 16, into: gw)
      first += count
    }
  }

  @inline(__always)
  private static func narrowGradientBlock(_ a: UnsafePointer<Float>, rows: Int, depth k: Int,
                                          gradient g: UnsafePointer<Float>,
                                          into gw: UnsafeMutablePointer<Float>) {
    var i = 0
    while i + 6 <= k {
      var p0 = SIMD8<Float>(), q0 = SIMD8<Float>(), p1 = SIMD8<Float>(), q1 = SIMD8<Float>()
      var p2 = SIMD8<Float>(), q2 = SIMD8<Float>(), p3 = SIMD8<Float>(), q3 = SIMD8<Float>()
      var p4 = SIMD8<Float>(), q4 = SIMD8<Float>(), p5 = SIMD8<Float>(), q5 = SIMD8<Float>()
      var x = a + i, gr = g
      for _ in 0..<rows {
        let gp = load8(gr), gq = load8(gr + 8)
        let x0 = SIMD8(repeating: x[0]), x1 = SIMD8(repeating: x[1]), x2 = SIMD8(repeating: x[2])
        p0 = p0.addingProduct(x0, gp); q0 = q0.addingProduct(x0, gq)
        p1 = p1.addingProduct(x1, gp); q1 = q1.addingProduct(x1, gq)
        p2 = p2.addingProduct(x2, gp); q2 = q2.addingProduct(x2, gq)
        let x3 = SIMD8(repeating: x[3]), x4 = SIMD8(repeating: x[4]), x5 = SIMD8(repeating: x[5])
        p3 = p3.addingProduct(x3, gp); q3 = q3.addingProduct(x3, gq)
        p4 = p4.addingProduct(x4, gp); q4 = q4.addingProduct(x4, gq)
        p5 = p5.addingProduct(x5, gp); q5 = q5.addingProduct(x5, gq)
        x += k
        gr += 16
      }
      let o = gw + i * 16
      store8(load8(o) + p0, o); store8(load8(o + 8) + q0, o + 8)
      store8(load8(o + 16) + p1, o + 16); store8(load8(o + 24) + q1, o + 24)
      store8(load8(o + 32) + p2, o + 32); store8(load8(o + 40) + q2, o + 40)
      store8(load8(o + 48) + p3, o + 48); store8(load8(o + 56) + q3, o + 56)
      store8(load8(o + 64) + p4, o + 64); store8(load8(o + 72) + q4, o + 72)
      store8(load8(o + 80) + p5, o + 80); store8(load8(o + 88) + q5, o + 88)
      i += 6
    }
    while i < k {
      var p = SIMD8<Float>(), q = SIMD8<Float>()
      var x = a + i, gr = g
      for _ in 0..<rows {
        let xv = SIMD8(repeating: x[0])
        p = p.addingProduct(xv, load8(gr)); q = q.addingProduct(xv, load8(gr + 8))
        x += k
        gr += 16
      }
      let o = gw + i * 16
      store8(load8(o) + p, o); store8(load8(o + 8) + q, o + 8)
      i += 1
    }
  }
}
