import Schema

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench schema`: time to parse and resolve the bundled `.proto` files.
///
/// The comparison it exists for (issue 3): every `pipec check` loads the schema
/// before reading a config, so loading must stay under 2 ms in a release build.
/// `PIPEC_BENCH_PROFILE_ROUNDS=N` just loads N times, for callgrind.
func runSchemaBench(_ arguments: [String]) -> Int32 {
  if let rounds = Int(environmentValue("PIPEC_BENCH_PROFILE_ROUNDS") ?? "") {
    var messages = 0
    for _ in 0..<rounds { messages += Schema.loadBundled().schema.messages.count }
    blackHole(messages)
    return 0
  }
  let first = Schema.loadBundled()
  guard first.diagnostics.isEmpty else {
    print("pipec-bench schema: the bundled schema has \(first.diagnostics.count) diagnostics")
    return 1
  }
  let bytes = first.sources.files.reduce(0) { $0 + $1.bytes.count }
  let fields = first.schema.messages.reduce(0) { $0 + $1.fields.count }
  print(
    "pipec-bench schema: \(first.sources.files.count) files, \(bytes) bytes, \(first.schema.messages.count) messages, "
      + "\(first.schema.enums.count) enums, \(fields) fields (median of 7 samples)")
  let seconds = medianSecondsPerCall {
    blackHole(Schema.loadBundled().schema.messages.count)
  }
  let milliseconds = seconds * 1e3
  // CPU time of this thread as well: on a shared machine wall time includes waiting for a core.
  let cpuMilliseconds = medianSecondsPerCall(clock: threadCPUSeconds) {
    blackHole(Schema.loadBundled().schema.messages.count)
  } * 1e3
  let verdict = milliseconds < 2 ? "meets" : "MISSES"
  print("  load bundled schema \(format(milliseconds, 3).leftPad(8)) ms wall  (\(verdict) the target of < 2 ms)")
  print("  load bundled schema \(format(cpuMilliseconds, 3).leftPad(8)) ms CPU   (thread CPU time, unaffected by other load)")
  return milliseconds < 2 ? 0 : 1
}

private func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
