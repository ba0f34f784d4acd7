import COpenBLAS

/// The only door to OpenBLAS: single-precision GEMM and the library's thread count.
///
/// The runtime parallelises across its own `WorkerPool` and calls GEMM from
/// each worker on a slice of the work, so OpenBLAS itself is set to one thread
/// (`BLAS.threads = 1`) to keep both cores busy without oversubscribing them.
package enum BLAS {
  /// OpenBLAS's own thread count.
  package static var threads: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(newValue)) }
  }

  /// `C[m, n] = alpha * op(A) * op(B) + beta * C`, all row-major.
  ///
  /// `op(A)` is `[m, k]` (stored `[k, m]` when `transA`), `op(B)` is `[k, n]`
  /// (stored `[n, k]` when `transB`); `lda`, `ldb`, `ldc` are row strides.
  @inline(__always)
  package static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      // OpenBLAS leaves C untouched for k == 0 with any beta; make beta's meaning hold.
      for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : c[i * ldc + j] * beta } }
      return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
}

/// Heap statistics, reached through the same C module as BLAS (the runtime's only C door).
package enum SystemHeap {
  /// Bytes currently allocated by malloc (glibc's `mallinfo2().uordblks`).
  package static var bytesInUse: Int { Int(pipec_heap_bytes_in_use()) }
}
