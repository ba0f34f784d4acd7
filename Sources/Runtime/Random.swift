#if canImport(Glibc)
import Glibc
#endif

/// A seeded pseudo-random generator (xoshiro256**) with the distributions the
/// runtime needs.
///
/// Sequences are reproducible for a seed but are not TensorFlow's: a config run
/// here and in TensorFlow draws different (identically distributed) numbers.
package struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0, s1, s2, s3: UInt64
  private var spareNormal: Double?

  package init(seed: UInt64) {
    // SplitMix64 expands the seed so that nearby seeds give unrelated streams.
    var z = seed
    func next() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    s0 = next(); s1 = next(); s2 = next(); s3 = next()
  }

  package mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform in [0, 1).
  package mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in [low, high).
  package mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// Standard normal (Box-Muller, both values used).
  package mutating func normal() -> Double {
    if let spare = spareNormal { spareNormal = nil; return spare }
    var u = uniform()
    while u <= 0 { u = uniform() }
    let v = uniform()
    let r = (-2 * _log(u)).squareRoot()
    spareNormal = r * _sin(2 * Double.pi * v)
    return r * _cos(2 * Double.pi * v)
  }
}

@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
