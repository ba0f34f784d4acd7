import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Runs `body` `warmup` times, then `reps` timed times; returns sorted seconds.
func measure(warmup: Int, reps: Int, _ body: () -> Void) -> [Double] {
  for _ in 0..<warmup { body() }
  var times = [Double]()
  times.reserveCapacity(reps)
  for _ in 0..<reps {
    let start = now()
    body()
    times.append(now() - start)
  }
  return times.sorted()
}

func median(_ sorted: [Double]) -> Double { sorted.isEmpty ? 0 : sorted[sorted.count / 2] }

/// Bytes currently allocated by malloc (glibc `mallinfo().uordblks`).
func heapBytesInUse() -> Int { SystemHeap.bytesInUse }

func fmt(_ v: Double, _ digits: Int = 1) -> String {
  var s = String(format: v, digits)
  while s.count < 7 { s = " " + s }
  return s
}

private func String(format v: Double, _ digits: Int) -> String {
  let scale = pow(10.0, Double(digits))
  let r = (v * scale).rounded() / scale
  var s = "\(r)"
  if let dot = s.firstIndex(of: ".") {
    let decimals = s.distance(from: dot, to: s.endIndex) - 1
    if digits == 0 { s = String(s[..<dot]) } else if decimals < digits {
      s += String(repeating: "0", count: digits - decimals)
    }
  }
  return s
}

/// Value of `--name` in `args`, if present.
func option(_ name: String, in args: [String]) -> String? {
  guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
  return args[i + 1]
}
