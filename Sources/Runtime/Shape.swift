/// The dimensions of a tensor, rank 0 to 4, stored inline.
///
/// Inline storage keeps shape arithmetic off the heap, so a training step that
/// re-derives its shapes every iteration still allocates nothing. Shapes are
/// written `[N, H, W, C]` (TensorFlow's NHWC) wherever a layer expects rank 4.
package struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
  package private(set) var rank: Int
  private var d0 = 1, d1 = 1, d2 = 1, d3 = 1

  package init() { rank = 0 }
  package init(_ a: Int) { rank = 1; d0 = a; Shape.check(self) }
  package init(_ a: Int, _ b: Int) { rank = 2; d0 = a; d1 = b; Shape.check(self) }
  package init(_ a: Int, _ b: Int, _ c: Int) {
    rank = 3; d0 = a; d1 = b; d2 = c; Shape.check(self)
  }
  package init(_ a: Int, _ b: Int, _ c: Int, _ d: Int) {
    rank = 4; d0 = a; d1 = b; d2 = c; d3 = d; Shape.check(self)
  }
  package init(_ dims: [Int]) {
    precondition(dims.count <= 4, "tensor rank \(dims.count) exceeds the supported rank 4")
    rank = dims.count
    for (i, d) in dims.enumerated() { self[i] = d }
    Shape.check(self)
  }

  private static func check(_ s: Shape) {
    for i in 0..<s.rank {
      precondition(s[i] >= 0, "negative dimension \(s[i]) at axis \(i) of shape \(s)")
    }
  }

  package subscript(axis: Int) -> Int {
    get {
      precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for rank \(rank)")
      switch axis {
      case 0: return d0
      case 1: return d1
      case 2: return d2
      default: return d3
      }
    }
    set {
      precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for rank \(rank)")
      switch axis {
      case 0: d0 = newValue
      case 1: d1 = newValue
      case 2: d2 = newValue
      default: d3 = newValue
      }
    }
  }

  /// The number of elements (1 for rank 0).
  package var count: Int {
    var n = 1
    for i in 0..<rank { n *= self[i] }
    return n
  }

  package var dims: [Int] { (0..<rank).map { self[$0] } }

  package var description: String {
    "[" + dims.map(String.init).joined(separator: ", ") + "]"
  }
}
