/// Weight initialisers named as the TF OD API schema names them.
///
/// Fans follow TF-slim and Keras for an HWIO kernel `[kh, kw, in, out]`:
/// `fanIn = kh * kw * in`, `fanOut = kh * kw * out`; a rank-1 shape uses its
/// length for both. Draws come from `SeededRandom`, so the numbers (not the
/// distribution) differ from TensorFlow's.
package enum Initializer: Sendable, Equatable {
  /// Normal, redrawn until within 2 standard deviations of the mean (TF's truncated normal).
  case truncatedNormal(mean: Float, stddev: Float)
  case randomNormal(mean: Float, stddev: Float)
  case constant(Float)
  /// TF-slim's `variance_scaling_initializer` (the OD API's slim path): with
  /// `n` the fan picked by `mode`, uniform in `±sqrt(3 * factor / n)` or
  /// truncated normal with stddev `sqrt(1.3 * factor / n)`. With `keras` set,
  /// Keras's `VarianceScaling` instead: stddev `sqrt(factor / n) / 0.87962566`.
  case varianceScaling(factor: Float, mode: FanMode, uniform: Bool, keras: Bool = false)

  package enum FanMode: Sendable, Equatable { case fanIn, fanOut, fanAverage }

  /// `(fanIn, fanOut)` of a weight of this shape.
  package static func fans(_ shape: Shape) -> (Double, Double) {
    switch shape.rank {
    case 0: return (1, 1)
    case 1: return (Double(shape[0]), Double(shape[0]))
    default:
      var receptive = 1
      for i in 0..<(shape.rank - 2) { receptive *= shape[i] }
      return (Double(receptive * shape[shape.rank - 2]), Double(receptive * shape[shape.rank - 1]))
    }
  }

  /// Overwrites `tensor` with draws from this initialiser.
  package func fill(_ tensor: Tensor, random: inout SeededRandom) {
    switch self {
    case let .constant(value):
      tensor.fill(value)
    case let .randomNormal(mean, stddev):
      for i in 0..<tensor.count {
        tensor.data[i] = Float(Double(mean) + Double(stddev) * random.normal())
      }
    case let .truncatedNormal(mean, stddev):
      Initializer.truncated(tensor, mean: Double(mean), stddev: Double(stddev), random: &random)
    case let .varianceScaling(factor, mode, uniform, keras):
      let (fanIn, fanOut) = Initializer.fans(tensor.shape)
      let n: Double
      switch mode {
      case .fanIn: n = fanIn
      case .fanOut: n = fanOut
      case .fanAverage: n = (fanIn + fanOut) / 2
      }
      let f = Double(factor)
      if uniform {
        let limit = (3 * f / n).squareRoot()
        for i in 0..<tensor.count { tensor.data[i] = Float(random.uniform(-limit, limit)) }
      } else {
        let stddev = keras ? (f / n).squareRoot() / 0.879_625_661_034_239_78 : (1.3 * f / n).squareRoot()
        Initializer.truncated(tensor, mean: 0, stddev: stddev, random: &random)
      }
    }
  }

  private static func truncated(_ t: Tensor, mean: Double, stddev: Double,
                                random: inout SeededRandom) {
    for i in 0..<t.count {
      var z = random.normal()
      while abs(z) > 2 { z = random.normal() }
      t.data[i] = Float(mean + stddev * z)
    }
  }
}
