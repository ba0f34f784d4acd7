/// Dropout with TensorFlow's `keep_prob` convention: in training each element
/// is kept with probability `keepProbability` and scaled by `1 / keepProbability`;
/// in inference it passes unchanged. The mask comes from a seeded generator, so
/// a run is reproducible (its draws are not TensorFlow's).
package final class Dropout {
  package let keepProbability: Float
  package var training = true
  private var random: SeededRandom
  /// `1 / keep` where kept, 0 where dropped; shaped like the last input.
  package private(set) var mask = Tensor(Shape(0))

  package init(keepProbability: Float, seed: UInt64) {
    precondition(keepProbability > 0 && keepProbability <= 1,
                 "keep probability must be in (0, 1], got \(keepProbability)")
    self.keepProbability = keepProbability
    random = SeededRandom(seed: seed)
  }

  package func forward(_ x: Tensor, into y: Tensor) {
    y.resize(x.shape)
    if !training || keepProbability == 1 {
      if y !== x { y.data.update(from: x.data, count: x.count) }
      mask.resize(x.shape)
      mask.fill(1)
      return
    }
    mask.resize(x.shape)
    let scale = 1 / keepProbability
    for i in 0..<x.count {
      let m: Float = random.uniform() < Double(keepProbability) ? scale : 0
      mask.data[i] = m
      y.data[i] = x.data[i] * m
    }
  }

  /// Adds `dy * mask` into `dx`.
  package func backward(gradOutput dy: Tensor, gradInput dx: Tensor) {
    dy.expect(mask.shape, "dropout output gradient")
    dx.expect(mask.shape, "dropout input gradient")
    for i in 0..<dy.count { dx.data[i] += dy.data[i] * mask.data[i] }
  }
}
