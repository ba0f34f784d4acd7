import Check
import Diagnostics
import Lint
import Schema
import Syntax

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench check DIR|FILE...`: parse + check throughput, and the whole
/// `pipec check FILE` process.
///
/// The comparisons it exists for (issue 3): parse + check >= 250 MB/s on
/// realistic configs (protobuf's C++ parser, which also checks against the
/// schema, reaches about 52-64 MB/s here, swift-protobuf about 74, the Python
/// parser TensorFlow uses about 3); `pipec check one.config` as a process no
/// slower than protobuf's C++ parser in a minimal program (about 7.5 ms).
func runCheckBench(_ arguments: [String]) -> Int32 {
  let paths = collectConfigFiles(arguments.isEmpty ? ["examples"] : arguments)
  var sources = SourceMap()
  for path in paths {
    if let bytes = readWholeFile(path) { sources.add(path: path, bytes: bytes) }
  }
  let files = sources.files
  guard let first = files.first else {
    print("pipec-bench check: no *.config or *.pbtxt files under \(arguments)")
    return 2
  }
  let schema = Schema.bundled()
  guard let pipeline = schema.message(named: Schema.pipelineRoot),
    let labelMap = schema.message(named: Schema.labelMapRoot)
  else { return 2 }
  let roots = files.map { $0.path.hasSuffix(".pbtxt") ? labelMap : pipeline }
  if let rounds = Int(environmentValue("PIPEC_BENCH_PROFILE_ROUNDS") ?? "") {
    // For profilers (callgrind): parse + check (+ lint with PIPEC_BENCH_LINT=1), a fixed number of rounds.
    // PIPEC_BENCH_LINT_RULES=PC305,PC306 runs only those rules (none with an empty list), to
    // attribute the lint cost rule by rule.
    let withLint = environmentValue("PIPEC_BENCH_LINT") == "1"
    let rules = environmentValue("PIPEC_BENCH_LINT_RULES").map { list in
      list.split(separator: ",").compactMap { lintRule(named: String($0)) }
    } ?? allLintRules
    var n = 0
    for _ in 0..<rounds {
      for (file, root) in zip(files, roots) {
        let checked = check(Parser.parse(file).tree, against: schema, root: root)
        n += checked.diagnostics.count
        if withLint { n += lint(checked.config, rules: rules).count }
      }
    }
    blackHole(n)
    return 0
  }
  let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
  let megabytes = Double(totalBytes) / 1e6
  var errors = 0
  for (file, root) in zip(files, roots) {
    errors += check(Parser.parse(file).tree, against: schema, root: root).diagnostics.count { $0.severity == .error }
  }
  print("pipec-bench check: \(files.count) files, \(totalBytes) bytes, \(errors) errors (median of 7 samples)")

  let parse = medianSecondsPerCall {
    var n = 0
    for file in files { n += Parser.parse(file).tree.fieldStorage.count }
    blackHole(n)
  }
  let parseCheck = medianSecondsPerCall {
    var n = 0
    for (file, root) in zip(files, roots) {
      n += check(Parser.parse(file).tree, against: schema, root: root).config.bindings.count
    }
    blackHole(n)
  }
  let parseCheckLint = medianSecondsPerCall {
    var n = 0
    for (file, root) in zip(files, roots) {
      n += lint(check(Parser.parse(file).tree, against: schema, root: root).config).count
    }
    blackHole(n)
  }
  print("  parse          \(format(megabytes / parse, 1).leftPad(9)) MB/s")
  print("  parse + check  \(format(megabytes / parseCheck, 1).leftPad(9)) MB/s  (target >= 250; protobuf C++ ~52-64, swift-protobuf ~74, Python ~3)")
  print("  check's share  \(format(100 * (parseCheck - parse) / parseCheck, 0).leftPad(9)) %")
  print("  + lint         \(format(megabytes / parseCheckLint, 1).leftPad(9)) MB/s  (parse + check + all \(allLintRules.count) lint rules)")
  print("  lint overhead  \(format(100 * (parseCheckLint - parseCheck) / parseCheck, 0).leftPad(9)) %  over parse + check (target <= 20, issue 4)")

  // The whole process, start-up included, on one config.
  let binary = siblingExecutable("pipec")
  guard access(binary, X_OK) == 0 else {
    print("  process        (build it first: swift build -c release --product pipec)")
    return 0
  }
  var times: [Double] = []
  for _ in 0..<31 {
    let start = now()
    guard runQuietly([binary, "check", first.path]) else {
      print("  process        could not run \(binary)")
      return 1
    }
    times.append(now() - start)
  }
  times.sort()
  print("  process        \(format(times[times.count / 2] * 1e3, 2).leftPad(9)) ms  median of 31 runs of 'pipec check \(first.path)' (target <= 7.5 ms, protobuf C++)")
  return 0
}

/// A binary beside this one (the same build folder).
func siblingExecutable(_ name: String) -> String {
  let me = CommandLine.arguments[0]
  guard let slash = me.lastIndex(of: "/") else { return name }
  return String(me[...slash]) + name
}

/// Runs a command with its output discarded; true when it could be started.
func runQuietly(_ argv: [String]) -> Bool {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var cArgs = argv.map { strdup($0) } + [nil]
  defer { for p in cArgs { free(p) } }
  var pid: pid_t = 0
  guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return false }
  var status: Int32 = 0
  waitpid(pid, &status, 0)
  return true
}
