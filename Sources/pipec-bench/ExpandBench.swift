import Diagnostics
import Schema
import Sweep
import Syntax

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench expand [BASE.config] [--side K] [--in DIR]`: a 10,000-point grid
/// (100 × 100) over a full SSD config, expanded, checked, linted, formatted,
/// hashed and written to a temporary directory. Target (issue 5): under 2 s,
/// memory flat in the points.
func runExpandBench(_ arguments: [String]) -> Int32 {
  let values = ["side", "in"].compactMap { option($0, in: arguments) }
  let basePath = arguments.first { !$0.hasPrefix("--") && !values.contains($0) }
    ?? "examples/quickstart/pipeline.config"
  // `--in DIR`: where the output directory is made (default /tmp; file creation cost depends on it).
  let parent = option("in", in: arguments) ?? "/tmp"
  // `--side K`: a K x K grid (default 100), e.g. a small one under callgrind.
  let side = option("side", in: arguments).flatMap { Int($0) }.map { max(1, min($0, 100)) } ?? 100
  guard let baseBytes = readWholeFile(basePath) else {
    print("pipec-bench expand: cannot read \(basePath)")
    return 2
  }
  // K momentum values 0.005, 0.015, ...: the last is (10 K - 5) thousandths.
  let thousandths = String(10 * side - 5)
  let lastMomentum = "0." + String(repeating: "0", count: 3 - thousandths.count) + thousandths
  let sweep = """
    @extends "base"
    train_config {
      batch_size: @range(1 to \(side))
      optimizer { momentum_optimizer { momentum_optimizer_value: @range(0.005 to \(lastMomentum) step 0.01) } }
    }
    """
  var sources = SourceMap()
  let id = sources.add(path: "bench.sweep", text: sweep)
  let schema = Schema.bundled()
  guard let root = schema.message(named: Schema.pipelineRoot) else { return 2 }
  var template = Array("\(parent)/pipec-bench-expand-XXXXXX".utf8CString)
  guard template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.map { mkdtemp($0) } ?? nil }) != nil else { return 2 }
  let directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  var usage0 = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage0)
  let start = now()
  let (tree, _) = Parser.parse(sources[id], options: ParseOptions(sweep: true))
  var diagnostics: [Diagnostic] = []
  guard let study = Study.load(
    tree, schema: schema, root: root, sources: &sources, loadBase: { _ in .success((basePath, baseBytes)) },
    diagnostics: &diagnostics)
  else { return 2 }
  var bytesWritten = 0
  var rows = 0
  var options = ExpandOptions(sourceName: "bench.sweep")
  // As `pipec expand` does: each worker writes the files it prints.
  options.write = { name, bytes in
    let fd = open(directory + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return "cannot create \(name)" }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    return written == bytes.count ? nil : "cannot write \(name)"
  }
  let summary = study.expand(options, diagnostics: &diagnostics) { point in
    rows += 1
    if point.duplicateOf == nil { bytesWritten += point.bytes.count }
  }
  let seconds = now() - start
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func cpuSeconds(_ u: rusage) -> Double {
    Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
  }
  let cpu = cpuSeconds(usage) - cpuSeconds(usage0)
  let threads = ExpandOptions(sourceName: "").workers
  print(
    "expand: \(summary.points) points, \(summary.distinct) configs, \(bytesWritten / 1_000_000) MB over \(basePath), written under \(parent)"
  )
  print(
    "  expand + check + lint + format + hash + write: \(format(seconds, 3)) s (target < 2 s); errors: \(diagnostics.hasErrors)"
  )
  print("  \(threads) thread\(threads == 1 ? "" : "s") (PIPEC_THREADS), CPU \(format(cpu, 3)) s: \(format(cpu / seconds, 2)) cores busy")
  print("  peak RSS \(usage.ru_maxrss / 1024) MB (flat in the points beyond one manifest row each: compare --side 50)")
  system("rm -rf '\(directory)'")
  return 0
}

