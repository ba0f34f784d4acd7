// pipec-bench: release-only benchmarks, dispatched on the first argument.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "conv": ConvBench.run(arguments)
case "step": StepBench.run(arguments)
default: print("usage: pipec-bench conv|step [options]")
}
