#if canImport(Glibc)
import Glibc
#endif

/// A float32 tensor: contiguous, row-major, NHWC for images (TensorFlow's layout).
///
/// The buffer is owned by the tensor and kept across `resize` calls as long as
/// the new element count fits, so buffers created during the first training step
/// are reused by every later one. Contents after a growing `resize` are
/// undefined; callers that need zeros call `zero()`.
package final class Tensor: @unchecked Sendable {
  package private(set) var shape: Shape
  package private(set) var capacity: Int
  /// The first element; valid for `count` elements.
  package private(set) var data: UnsafeMutablePointer<Float>

  /// A zero-filled tensor.
  package init(_ shape: Shape) {
    self.shape = shape
    capacity = max(shape.count, 1)
    data = Tensor.allocate(capacity)
    data.initialize(repeating: 0, count: capacity)
  }

  /// Buffers of at least this many bytes are placed on 2 MiB boundaries and
  /// offered to the kernel as transparent huge pages: the large activations of
  /// a training step are streamed layer after layer, and 4 KiB pages would
  /// spend much of that time in TLB misses.
  private static let hugePageBytes = 2 << 20

  private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
    let bytes = count * MemoryLayout<Float>.stride
    if bytes >= 2 * hugePageBytes {
      let rounded = (bytes + hugePageBytes - 1) / hugePageBytes * hugePageBytes
      var raw: UnsafeMutableRawPointer?
      if posix_memalign(&raw, hugePageBytes, rounded) == 0, let raw {
        _ = madvise(raw, rounded, MADV_HUGEPAGE)
        return raw.bindMemory(to: Float.self, capacity: count)
      }
    }
    // Small buffers (and the unlikely failure above) use malloc's usual alignment.
    guard let raw = malloc(max(bytes, 16)) else { preconditionFailure("out of memory for \(count) floats") }
    return raw.bindMemory(to: Float.self, capacity: count)
  }

  package convenience init(_ dims: [Int]) { self.init(Shape(dims)) }

  /// A tensor holding `values` in row-major order.
  package convenience init(_ shape: Shape, values: [Float]) {
    precondition(values.count == shape.count,
                 "\(values.count) values given for a tensor of shape \(shape) (\(shape.count) elements)")
    self.init(shape)
    values.withUnsafeBufferPointer { src in
      if let base = src.baseAddress { data.update(from: base, count: values.count) }
    }
  }

  deinit { free(data) }

  package var count: Int { shape.count }
  package var rank: Int { shape.rank }

  /// Changes the shape, reusing the buffer unless it is too small.
  package func resize(_ newShape: Shape) {
    if newShape == shape { return }
    let n = max(newShape.count, 1)
    if n > capacity {
      free(data)
      data = Tensor.allocate(n)
      data.initialize(repeating: 0, count: n)
      capacity = n
    }
    shape = newShape
  }

  /// Reinterprets the same elements under another shape of equal count.
  package func reshape(_ newShape: Shape) {
    precondition(newShape.count == shape.count,
                 "cannot reshape \(shape) (\(shape.count) elements) to \(newShape) (\(newShape.count))")
    shape = newShape
  }

  package func zero() { data.update(repeating: 0, count: count) }
  package func fill(_ value: Float) { data.update(repeating: value, count: count) }

  /// Copies the elements of `other`, taking its shape.
  package func copy(from other: Tensor) {
    resize(other.shape)
    data.update(from: other.data, count: count)
  }

  package subscript(i: Int) -> Float {
    get {
      precondition(i >= 0 && i < count, "index \(i) out of range for tensor of shape \(shape)")
      return data[i]
    }
    set {
      precondition(i >= 0 && i < count, "index \(i) out of range for tensor of shape \(shape)")
      data[i] = newValue
    }
  }

  /// The element at `[n, y, x, c]` of a rank-4 tensor.
  package subscript(n: Int, y: Int, x: Int, c: Int) -> Float {
    get { data[offset(n, y, x, c)] }
    set { data[offset(n, y, x, c)] = newValue }
  }

  private func offset(_ n: Int, _ y: Int, _ x: Int, _ c: Int) -> Int {
    precondition(rank == 4, "4-index access to a tensor of shape \(shape)")
    precondition(n >= 0 && n < shape[0] && y >= 0 && y < shape[1] && x >= 0 && x < shape[2]
                 && c >= 0 && c < shape[3], "index [\(n), \(y), \(x), \(c)] out of range for \(shape)")
    return ((n * shape[1] + y) * shape[2] + x) * shape[3] + c
  }

  /// The elements as an array (allocates; for tests and reports).
  package var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

  /// Requires a rank-4 tensor and returns its `[N, H, W, C]` sizes.
  package func nhwc(_ what: @autoclosure () -> String) -> (n: Int, h: Int, w: Int, c: Int) {
    precondition(rank == 4, "\(what()) must be [N, H, W, C], got shape \(shape)")
    return (shape[0], shape[1], shape[2], shape[3])
  }

  /// Requires that this tensor has exactly `expected` shape.
  package func expect(_ expected: Shape, _ what: @autoclosure () -> String) {
    precondition(shape == expected, "\(what()) has shape \(shape), expected \(expected)")
  }
}
