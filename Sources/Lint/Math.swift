#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `x` to the power `y`, for schedule arithmetic.
func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// The cosine schedule's factor at a fraction `t` (0...1) of its decay: 1 at the start, 0 at the end.
func cosineFactor(_ t: Double) -> Double { 0.5 * (1 + cos(Double.pi * Swift.min(Swift.max(t, 0), 1))) }

/// `0.25` -> `25%`.
func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
