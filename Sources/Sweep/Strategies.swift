#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The value a point gives one dimension.
package enum Pick: Hashable, Sendable {
  /// The index-th value of a `@choice` or `@range` (of every linked axis).
  case index(Int)
  /// A draw from a distribution.
  case number(DecimalNumber)
}

/// One point of a study: a pick per dimension.
package struct Point: Sendable {
  /// 1-based, in the strategy's order.
  package var trial: Int
  package var picks: [Pick]
}

/// SplitMix64: a small, fast generator whose stream is fixed by its seed, so
/// a random study gives the same trials on every machine and run.
/// Reference: Steele, Lea and Flood, "Fast splittable pseudorandom number generators" (2014).
package struct SplitMix64: Sendable {
  private var state: UInt64
  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1), from the top 53 bits.
  package mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

extension Study {
  /// How many points the strategy makes; nil when the count overflows.
  package var pointCount: Int? {
    switch strategy {
    case .grid:
      var total = 1
      for dimension in dimensions {
        let (product, overflow) = total.multipliedReportingOverflow(by: max(dimension.count, 1))
        if overflow { return nil }
        total = product
      }
      return total
    case .oneAtATime:
      return 1 + dimensions.reduce(0) { $0 + max($1.count - 1, 0) }
    case .random(let trials, _):
      return trials
    }
  }

  /// The `n`-th point (0-based) of the strategy; computed alone, so points stream.
  ///
  /// Grid: the first axis varies slowest, as nested loops in file order.
  /// One at a time: the baseline (every axis at its first value), then each
  /// axis through its other values with the rest at baseline. Random: trial n
  /// draws from its own generator seeded by (seed, n), so a trial does not
  /// change when the trial count does.
  package func point(_ n: Int) -> Point {
    var picks = [Pick](repeating: .index(0), count: dimensions.count)
    switch strategy {
    case .grid:
      var rest = n
      for d in dimensions.indices.reversed() {
        let count = max(dimensions[d].count, 1)
        picks[d] = .index(rest % count)
        rest /= count
      }
    case .oneAtATime:
      var rest = n - 1
      if n > 0 {
        for d in dimensions.indices {
          let others = max(dimensions[d].count - 1, 0)
          if rest < others {
            picks[d] = .index(rest + 1)
            break
          }
          rest -= others
        }
      }
    case .random(_, let seed):
      var generator = SplitMix64(seed: seed ^ (UInt64(n) &* 0xD1B5_4A32_D192_ED03))
      _ = generator.next()
      for d in dimensions.indices {
        picks[d] = draw(dimensions[d], &generator)
      }
    }
    return Point(trial: n + 1, picks: picks)
  }

  private func draw(_ dimension: Dimension, _ generator: inout SplitMix64) -> Pick {
    let axis = axes[dimension.axes[0]]
    let u = generator.nextUnit()
    switch axis.kind {
    case .values:
      guard let weights = axis.weights else { return .index(min(Int(u * Double(dimension.count)), dimension.count - 1)) }
      var target = u * weights.reduce(0, +)
      for (i, w) in weights.enumerated() {
        if target < w { return .index(i) }
        target -= w
      }
      return .index(weights.count - 1)
    case .uniform:
      let value = axis.low.doubleValue + u * (axis.high.doubleValue - axis.low.doubleValue)
      return .number(DecimalNumber(rounding: value, significantDigits: 4) ?? axis.low)
    case .loguniform:
      let (a, b) = (log(axis.low.doubleValue), log(axis.high.doubleValue))
      return .number(DecimalNumber(rounding: exp(a + u * (b - a)), significantDigits: 4) ?? axis.low)
    case .randint:
      let (a, b) = (axis.low.integerValue ?? 0, axis.high.integerValue ?? 0)
      let span = Double(b - a + 1)
      return .number(DecimalNumber(a + Int128(min(u * span, span - 1).rounded(.down))))
    }
  }

  /// Whether an axis exists in a point: every alternative enclosing it is chosen.
  package func isActive(axis a: Int, in point: Point) -> Bool {
    axes[a].condition.allSatisfy { condition in
      point.picks[axes[condition.axis].dimension] == .index(condition.index)
    }
  }

  package func isActive(dimension d: Int, in point: Point) -> Bool {
    dimensions[d].axes.contains { isActive(axis: $0, in: point) }
  }

  /// How a dimension's pick reads: `adam`, `0.3`, `low`.
  package func valueText(dimension d: Int, in point: Point) -> String {
    switch point.picks[d] {
    case .index(let i):
      let axis = axes[dimensions[d].axes[0]]
      return i < axis.values.count ? axis.values[i].text : "?"
    case .number(let n):
      return n.description
    }
  }

  /// The point's assignments, for headers, names and manifests: active dimensions only.
  package func assignments(_ point: Point) -> [(label: String, value: String)] {
    dimensions.indices.filter { isActive(dimension: $0, in: point) }.map {
      (dimensions[$0].label, valueText(dimension: $0, in: point))
    }
  }
}
