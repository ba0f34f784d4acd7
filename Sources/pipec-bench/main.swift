#if canImport(Glibc)
  import Glibc
#endif

// pipec-bench: release-only benchmarks; each prints its figures and the comparison it exists for.
// Usage: swift run -c release pipec-bench <benchmark> [arguments]
let benchmarks: [(name: String, summary: String, run: ([String]) -> Int32)] = [
  ("parse", "lex and parse throughput over config files (DIR|FILE...)", runParseBench),
  ("schema", "time to load the bundled schema", runSchemaBench),
  ("check", "parse + check throughput and pipec check start-up (DIR|FILE...)", runCheckBench),
  ("expand", "a 10,000-point grid over a full SSD config: expand + check + lint + format + hash + write\n"
     + "           [BASE.config] [--side 100: points per axis] [--in /tmp: where DIR is made]", runExpandBench),
  ("plan", "lowering time vs checking time (DIR|FILE...)", runPlanBench),
  ("conv", "every convolution of RefSSD-MNv2-0.35, forward and backward, against raw sgemm\n"
     + "           [--size 128] [--batch 8] [--reps 10] [--no-direct: im2col for the RGB layer] [--no-guard]",
   { ConvBench.run($0); return 0 }),
  ("step", "RefSSD-MNv2-0.35 training step and inference (TensorFlow baseline in ../shared/bench)\n"
     + "           [--size 128,320] [--what train,infer] [--train-batches 8,16] [--infer-batches 1,8]\n"
     + "           [--reps 20] [--profile: ms per phase] [--no-taps] [--no-direct] [--no-guard]",
   { StepBench.run($0); return 0 }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) else {
  print("usage: pipec-bench <benchmark> [arguments]\n\nbenchmarks:")
  for b in benchmarks { print("  \(b.name.rightPad(8)) \(b.summary)") }
  exit(2)
}
exit(benchmark.run(Array(arguments.dropFirst())))
