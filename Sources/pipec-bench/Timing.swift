import Runtime

/// Seconds on the monotonic clock.
func now() -> Double { monotonicSeconds() }

/// Runs `body` repeatedly for at least `minimum` seconds per sample and returns
/// the median seconds per call over `samples` samples (after one warm-up sample).
/// `clock` is the monotonic clock unless given (e.g. this thread's CPU time).
func medianSecondsPerCall(
  samples: Int = 7, minimum: Double = 0.2, clock: () -> Double = now, _ body: () -> Void
) -> Double {
  var results: [Double] = []
  for sample in 0...samples {
    var calls = 0
    let start = clock()
    var elapsed = 0.0
    repeat {
      body()
      calls += 1
      elapsed = clock() - start
    } while elapsed < minimum
    if sample > 0 { results.append(elapsed / Double(calls)) }
  }
  results.sort()
  return results[results.count / 2]
}

nonisolated(unsafe) private var benchmarkSink: UInt64 = 0

/// Keeps the optimiser from deleting work whose result is otherwise unused.
@inline(never) @_optimize(none)
func blackHole<T: BinaryInteger>(_ value: T) {
  benchmarkSink &+= UInt64(truncatingIfNeeded: value)
}

func format(_ value: Double, _ digits: Int = 1) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  return "\(rounded)"
}
