import Check
import Diagnostics
import Plan
import Schema
import Syntax

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench plan [DIR|FILE...]`: lowering time against checking time.
///
/// The comparison it exists for (issue 6): planning a config (parse + check +
/// lower) takes well under the time of checking it twice, i.e. lowering costs
/// clearly less than checking. Lowering is timed on already-checked configs;
/// checking is parse + check, what `pipec plan` does before lowering. With no
/// arguments it measures `examples` and `stdlib-configs` apart.
func runPlanBench(_ arguments: [String]) -> Int32 {
  let sets = arguments.isEmpty ? [["examples"], ["stdlib-configs"]] : [arguments]
  var first: SourceFile?
  for set in sets {
    guard let file = runPlanBench(over: set) else { return 2 }
    first = first ?? file
  }
  guard let first else { return 2 }
  return runPlanProcessBench(on: first)
}

/// Times parse + check and lowering over one set of configs; returns its first file.
private func runPlanBench(over arguments: [String]) -> SourceFile? {
  let paths = collectConfigFiles(arguments).filter { $0.hasSuffix(".config") }
  var sources = SourceMap()
  for path in paths {
    if let bytes = readWholeFile(path) { sources.add(path: path, bytes: bytes) }
  }
  let files = sources.files
  guard !files.isEmpty else {
    print("pipec-bench plan: no *.config files under \(arguments)")
    return nil
  }
  let schema = Schema.bundled()
  guard let pipeline = schema.message(named: Schema.pipelineRoot) else { return nil }
  let configs = files.map { check(Parser.parse($0).tree, against: schema, root: pipeline).config }
  if let mode = environmentValue("PIPEC_BENCH_PROFILE"),
    let rounds = Int(environmentValue("PIPEC_BENCH_PROFILE_ROUNDS") ?? "200")
  {
    // For instruction counters (perf stat, callgrind): one stage only, a fixed number of rounds.
    var n = 0
    for _ in 0..<rounds {
      if mode == "lower" {
        for config in configs { n += lower(config).0.cost.parameters }
      } else {
        for file in files {
          n += check(Parser.parse(file).tree, against: schema, root: pipeline).config.bindings.count
        }
      }
    }
    blackHole(n)
    exit(0)
  }
  var layers = 0
  for config in configs { layers += lower(config).0.model.allLayers.count }
  print(
    "pipec-bench plan \(arguments.joined(separator: " ")): \(files.count) files, \(layers) layers derived (median of 7 samples)"
  )

  // Interleaved samples, so load from other processes hits both stages alike.
  var ratios: [Double] = []
  var checkTimes: [Double] = []
  var lowerTimes: [Double] = []
  for _ in 0..<7 {
    let checking = medianSecondsPerCall(samples: 1, minimum: 0.1) {
      var n = 0
      for file in files {
        n += check(Parser.parse(file).tree, against: schema, root: pipeline).config.bindings.count
      }
      blackHole(n)
    }
    let planning = medianSecondsPerCall(samples: 1, minimum: 0.1) {
      var n = 0
      for config in configs { n += lower(config).0.cost.parameters }
      blackHole(n)
    }
    checkTimes.append(checking)
    lowerTimes.append(planning)
    ratios.append(planning / checking)
  }
  let perFile = Double(files.count)
  let ratio = median(ratios.sorted())
  print("  parse + check  \(format(median(checkTimes.sorted()) / perFile * 1e6, 1).leftPad(9)) us per file")
  print("  lower          \(format(median(lowerTimes.sorted()) / perFile * 1e6, 1).leftPad(9)) us per file")
  print("  lower / check  \(format(ratio, 2).leftPad(9)) x  (in process; target: well under 1)")
  print(
    "  plan / 2 check \(format((1 + ratio) / 2, 2).leftPad(9)) x  (parse + check + lower against checking twice; target: well under 1)"
  )
  return files.first
}

/// What a user sees: `pipec plan FILE` against `pipec check FILE`, start-up included.
private func runPlanProcessBench(on first: SourceFile) -> Int32 {
  let binary = siblingExecutable("pipec")
  guard access(binary, X_OK) == 0 else {
    print("  process        (build it first: swift build -c release --product pipec)")
    return 0
  }
  var processRatios: [Double] = []
  var planTimes: [Double] = []
  for _ in 0..<31 {
    let start = now()
    guard runQuietly([binary, "check", first.path]) else { return 1 }
    let middle = now()
    guard runQuietly([binary, "plan", first.path]) else { return 1 }
    let end = now()
    planTimes.append(end - middle)
    processRatios.append((end - middle) / (middle - start))
  }
  print(
    "  pipec plan     \(format(median(planTimes.sorted()) * 1e3, 2).leftPad(9)) ms  median of 31 runs on \(first.path)"
  )
  print(
    "  plan / check   \(format(median(processRatios.sorted()), 2).leftPad(9)) x  (whole process; target: well under 2)"
  )
  return 0
}
