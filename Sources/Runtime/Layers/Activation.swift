#if canImport(Glibc)
import Glibc
#endif

/// An elementwise nonlinearity: ReLU, ReLU6, sigmoid, swish or identity.
///
/// Used on its own as a layer and fused into `BatchNorm`. Derivatives at the
/// kinks follow TensorFlow's gradient kernels: ReLU passes gradient only where
/// the output is > 0, ReLU6 only where 0 < output < 6.
package enum Activation: Sendable, Equatable, CaseIterable {
  case identity, relu, relu6, sigmoid, swish

  @inline(__always) package func apply(_ z: Float) -> Float {
    switch self {
    case .identity: return z
    case .relu: return max(z, 0)
    case .relu6: return min(max(z, 0), 6)
    case .sigmoid: return 1 / (1 + expf(-z))
    case .swish: return z / (1 + expf(-z))
    }
  }

  /// `d output / d input` at pre-activation `z` with output `y`.
  @inline(__always) package func derivative(z: Float, y: Float) -> Float {
    switch self {
    case .identity: return 1
    case .relu: return z > 0 ? 1 : 0
    case .relu6: return z > 0 && z < 6 ? 1 : 0
    case .sigmoid: return y * (1 - y)
    case .swish:
      let s = 1 / (1 + expf(-z))
      return s + z * s * (1 - s)
    }
  }

  /// Applies the activation to `count` elements of `z`, writing `y` (may alias `z`).
  package func apply(_ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .identity: if UnsafePointer(y) != z { y.update(from: z, count: count) }
    case .relu: for i in 0..<count { y[i] = max(z[i], 0) }
    case .relu6: for i in 0..<count { y[i] = min(max(z[i], 0), 6) }
    case .sigmoid, .swish: for i in 0..<count { y[i] = apply(z[i]) }
    }
  }
}

/// An activation as a layer over a tensor of any shape.
package struct ActivationLayer: Sendable {
  package var activation: Activation
  package var pool: WorkerPool

  package init(_ activation: Activation, pool: WorkerPool = .shared) {
    self.activation = activation
    self.pool = pool
  }

  /// `y = activation(x)`, `y` resized to `x`'s shape (may be `x` itself).
  package func forward(_ x: Tensor, into y: Tensor) {
    y.resize(x.shape)
    let xs = x.data, ys = y.data, act = activation
    pool.forEachRange(x.count) { r, _ in
      act.apply(xs + r.lowerBound, into: ys + r.lowerBound, count: r.count)
    }
  }

  /// Adds (or with `accumulate` false writes) `dy * activation'(x)` into `dx`.
  package func backward(input x: Tensor, output y: Tensor, gradOutput dy: Tensor,
                        gradInput dx: Tensor, accumulate: Bool = true) {
    dy.expect(x.shape, "activation output gradient")
    dx.expect(x.shape, "activation input gradient")
    let xs = x.data, ys = y.data, gs = dy.data, ds = dx.data, act = activation
    pool.forEachRange(x.count) { r, _ in
      for i in r {
        let g = gs[i] * act.derivative(z: xs[i], y: ys[i])
        ds[i] = accumulate ? ds[i] + g : g
      }
    }
  }
}
