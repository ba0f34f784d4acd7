import Check
import Diagnostics
import Plan
import Schema
import Syntax

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench plan DIR|FILE...`: lowering time against checking time.
///
/// The comparison it exists for (issue 6): planning a config takes well under
/// the time of checking it twice. Lowering is timed on already-checked configs;
/// checking is parse + check, what `pipec plan` does before lowering.
func runPlanBench(_ arguments: [String]) -> Int32 {
  let paths = collectConfigFiles(arguments.isEmpty ? ["examples"] : arguments).filter {
    $0.hasSuffix(".config")
  }
  var sources = SourceMap()
  for path in paths {
    if let bytes = readWholeFile(path) { sources.add(path: path, bytes: bytes) }
  }
  let files = sources.files
  guard !files.isEmpty else {
    print("pipec-bench plan: no *.config files under \(arguments)")
    return 2
  }
  let schema = Schema.bundled().0
  guard let pipeline = schema.message(named: Schema.pipelineRoot) else { return 2 }
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
    return 0
  }
  var layers = 0
  for config in configs { layers += lower(config).0.model.allLayers.count }
  print("pipec-bench plan: \(files.count) files, \(layers) layers derived (median of 7 samples)")

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
  func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
  let perFile = Double(files.count)
  print("  parse + check  \(format(median(checkTimes) / perFile * 1e6, 1).leftPad(9)) us per file")
  print("  lower          \(format(median(lowerTimes) / perFile * 1e6, 1).leftPad(9)) us per file")
  print("  lower / check  \(format(median(ratios), 2).leftPad(9)) x  (in process; target: under 2)")

  // What a user sees: `pipec plan FILE` against `pipec check FILE`, start-up included.
  let binary = siblingExecutable("pipec")
  guard access(binary, X_OK) == 0, let first = files.first else {
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
    "  pipec plan     \(format(median(planTimes) * 1e3, 2).leftPad(9)) ms  median of 31 runs on \(first.path)"
  )
  print(
    "  plan / check   \(format(median(processRatios), 2).leftPad(9)) x  (whole process; target: well under 2)"
  )
  return 0
}
