import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds used by the whole machine (cgroup v1 root `cpuacct.usage`), if readable.
private func machineBusySeconds() -> Double? {
  guard let f = fopen("/sys/fs/cgroup/cpuacct/cpuacct.usage", "r") else { return nil }
  defer { fclose(f) }
  var buffer = [CChar](repeating: 0, count: 64)
  guard fgets(&buffer, 64, f) != nil else { return nil }
  let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  return UInt64(line.filter(\.isNumber)).map { Double($0) * 1e-9 }
}

private func ownCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Set by `--no-guard`: time every call, dropping none.
nonisolated(unsafe) var guardDisabled = CommandLine.arguments.contains("--no-guard")

/// Calls dropped as disturbed by other processes in the last `measure`.
nonisolated(unsafe) var lastDropped = 0

/// Runs `body` `warmup` times, then `reps` timed times; returns sorted seconds.
///
/// As tf_bench.py does, a call during which other processes used more than 3% of
/// the machine (root cpuacct minus our own CPU time) is dropped and retaken, at
/// most 4 × reps calls in all, so a shared machine disturbs both sides alike.
func measure(warmup: Int, reps: Int, _ body: () -> Void) -> [Double] {
  for _ in 0..<warmup { body() }
  let cores = Double(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  var times = [Double]()
  times.reserveCapacity(reps)
  var tries = 0
  var disturbed = [Double]()
  lastDropped = 0
  while times.count < reps && tries < 4 * reps {
    tries += 1
    // The guard itself allocates (fopen, strings); `--no-guard` leaves it out, e.g. to count
    // the step's own mallocs.
    let busy0 = guardDisabled ? nil : machineBusySeconds(), own0 = ownCPUSeconds()
    let start = now()
    body()
    let wall = now() - start
    if let busy0, let busy1 = machineBusySeconds() {
      let other = ((busy1 - busy0) - (ownCPUSeconds() - own0)) / (wall * cores)
      if other > 0.03 { lastDropped += 1; disturbed.append(wall); continue }
    }
    times.append(wall)
  }
  // Never report nothing: a machine busy throughout gives its disturbed times (see `dropped`).
  return (times.count >= max(1, reps / 2) ? times : times + disturbed).sorted()
}

func median(_ sorted: [Double]) -> Double { sorted.isEmpty ? 0 : sorted[sorted.count / 2] }

func fmt(_ v: Double, _ digits: Int = 1) -> String {
  var s = String(format: v, digits)
  while s.count < 7 { s = " " + s }
  return s
}

/// `format(v, digits)` with exactly `digits` decimals.
private func String(format v: Double, _ digits: Int) -> String {
  var s = format(v, digits)
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
