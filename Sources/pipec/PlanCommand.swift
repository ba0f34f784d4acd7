import Check
import Diagnostics
import Plan
import Schema
import Syntax

let planCommand = Command(
  name: "plan",
  summary: "lower a config to its execution plan: layers, anchors, schedule, cost",
  usage:
    "pipec plan [--json] [--layers] [--device-memory SIZE] [--dataset-size N] [--lr-plot FILE [--log]] FILE|-",
  help: """
    Shows what a config really means, every default resolved and every number
    derived: the model as a table of layers (output shapes, parameters, FLOPs;
    one row per block unless --layers), the anchors per feature map and in
    total, the box coder, matcher, losses and post-processing, the optimizer
    and the learning rate at its milestones with a sparkline, the
    augmentation ops in order, the inputs, the evaluation, and the cost:
    parameters, forward FLOPs per image, training memory per image and per
    step. Problems that stop part of the plan (an extractor whose shapes pipec
    cannot derive, a schedule TensorFlow would reject) are reported on standard
    error with their line and column; the rest of the plan is still printed.

    Options:
      --json                 the plan as JSON on standard output, for tools
      --layers               one row per layer instead of per block
      --device-memory SIZE   compare the memory per step with a card (16GiB,
                             24GB, 8192MiB) and name the largest batch that fits
      --dataset-size N       training examples, for steps per epoch and epochs
      --lr-plot FILE         draw the learning rate over the steps as SVG
      --log                  use a logarithmic rate axis in the plot
      --proto-path DIR       use the .proto files under DIR (see pipec check)

    Examples:
      pipec plan pipeline.config
      pipec plan --device-memory 16GiB --lr-plot lr.svg pipeline.config

    Exit status: 0 planned (warnings allowed); 1 errors in the config; 2 usage
    or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--json", "--layers", "--log"],
    options: ["--device-memory": nil, "--dataset-size": nil, "--lr-plot": nil, "--proto-path": nil],
    repeatable: ["--proto-path"]),
  run: runPlan)

func runPlan(_ arguments: ParsedArguments) -> Int32 {
  guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
    return usageError(
      arguments.positionals.isEmpty ? "no input file" : "plan takes one config file",
      help: "pass one pipeline.config, or '-' for standard input")
  }
  var deviceMemory: Int?
  if let text = arguments.value("--device-memory") {
    guard let bytes = Units.parseBytes(text), bytes > 0 else {
      return usageError("--device-memory needs a size such as 16GiB, not '\(text)'")
    }
    deviceMemory = bytes
  }
  var datasetSize: Int?
  if let text = arguments.value("--dataset-size") {
    guard let n = Int(text), n > 0 else {
      return usageError("--dataset-size needs a positive count, not '\(text)'")
    }
    datasetSize = n
  }
  if arguments.has("--log") && arguments.value("--lr-plot") == nil {
    return usageError("--log only applies to --lr-plot")
  }
  guard let schema = selectSchema(protoPath: arguments.values("--proto-path")) else {
    return ExitStatus.usage
  }
  guard case .success(let root) = rootMessage(for: path, type: "pipeline", in: schema) else {
    return ExitStatus.usage
  }
  var reporter = Reporter(format: .text)
  guard let source = reporter.load(path) else {
    reporter.flush()
    return ExitStatus.usage
  }
  let (tree, syntax) = Parser.parse(source)
  reporter.add(syntax)
  if syntax.hasErrors {
    reporter.flush()
    return ExitStatus.problems
  }
  let checked = check(tree, against: schema, root: root)
  reporter.add(checked.diagnostics)
  let (plan, lowering) = lower(checked.config, options: LoweringOptions(datasetSize: datasetSize))
  reporter.add(lowering)
  reporter.flush()

  if arguments.has("--json") {
    writeStdout(renderJSON(plan, deviceMemory: deviceMemory) + "\n")
  } else {
    writeStdout(
      renderSummary(
        plan, options: SummaryOptions(layers: arguments.has("--layers"), deviceMemory: deviceMemory)))
  }
  if let plotPath = arguments.value("--lr-plot") {
    guard let schedule = plan.training.schedule else {
      writeStderr("pipec: error: the config has no learning-rate schedule to plot\n")
      return ExitStatus.problems
    }
    let svg = renderLearningRateSVG(
      schedule, lastStep: plan.training.lastStep, logScale: arguments.has("--log"))
    if case .failure(let error) = writeAtomically(plotPath, Array(svg.utf8)) {
      writeStderr("pipec: error: \(error.message)\n")
      return ExitStatus.usage
    }
  }
  return reporter.diagnostics.hasErrors ? ExitStatus.problems : ExitStatus.clean
}
