import Foundation
import Testing

@Test(arguments: [
  CLICase(
    arguments: ["plan", "--help"], status: 0,
    stdout: ["Usage: pipec plan", "--device-memory SIZE", "--lr-plot FILE"]),
  CLICase(arguments: ["--help"], status: 0, stdout: ["plan"]),
  CLICase(arguments: ["plan"], status: 2, stderr: ["no input file"]),
  CLICase(arguments: ["plan", "a.config", "b.config"], status: 2, stderr: ["plan takes one config file"]),
  CLICase(
    arguments: ["plan", "--device-memory", "lots", "x"], status: 2,
    stderr: ["--device-memory needs a size such as 16GiB, not 'lots'"]),
  CLICase(arguments: ["plan", "--log", "x"], status: 2, stderr: ["--log only applies to --lr-plot"]),
  CLICase(arguments: ["plan", "no/such.config"], status: 2, stderr: ["cannot read 'no/such.config'"]),
  CLICase(
    arguments: ["plan", "examples/quickstart/pipeline.config"], status: 0,
    stdout: [
      "model  ssd, 3 classes, input 320x320", "anchors  ssd_anchor_generator: 2034 in total",
      "learning rate: cosine decay", "step      1000  0.08         end of warm-up", "▁",
      "augmentation  2 ops, in order",
      "memory per step",
    ]),
  CLICase(
    arguments: ["plan", "--layers", "examples/quickstart/pipeline.config"], status: 0,
    stdout: ["layer_3/depthwise", "80x80x96"]),
  CLICase(
    arguments: [
      "plan", "--device-memory", "16GiB", "--dataset-size", "3680", "examples/quickstart/pipeline.config",
    ], status: 0,
    stdout: [
      "16 GiB: batch 16 fits", "largest batch that fits:", "steps per epoch       230 (3680 examples)",
    ]),
  CLICase(
    arguments: ["plan", "--device-memory", "1GiB", "examples/quickstart/pipeline.config"], status: 0,
    stdout: ["1 GiB: batch 16 does not fit"]),
  CLICase(
    arguments: ["plan", "--json", "examples/quickstart/pipeline.config"], status: 0,
    stdout: ["\"meta_architecture\": \"ssd\"", "\"total\": 2034", "\"forward_flops_per_image\":"]),
  CLICase(
    arguments: ["plan", "-"],
    stdin:
      "model { ssd { num_classes: 2 image_resizer { fixed_shape_resizer { } } feature_extractor { type: 'ssd_pnasnet' } } }",
    status: 0, stdout: ["model  ssd, 2 classes, input 300x300", "cost  not derived"],
    stderr: [
      "<stdin>:1:98: warning[unsupported-extractor]: shape inference does not support feature extractor 'ssd_pnasnet'"
    ]),
  CLICase(
    arguments: ["plan", "-"],
    stdin:
      "train_config { optimizer { adam_optimizer { learning_rate { cosine_decay_learning_rate { total_steps: 10 warmup_steps: 20 } } } } }",
    status: 1, stderr: ["error[unplannable-setting]: total_steps (10) must be at least warmup_steps (20)"]),
  CLICase(arguments: ["plan", "-"], stdin: "train_config { batch_size: }", status: 1, stderr: ["error["]),
])
func planCommandBehaves(_ c: CLICase) throws {
  let result = try runPipec(c.arguments, stdin: c.stdin)
  #expect(result.status == c.status, "stderr: \(result.stderr)")
  for s in c.stdout { #expect(result.stdout.contains(s), "stdout: \(result.stdout)") }
  for s in c.stderr { #expect(result.stderr.contains(s), "stderr: \(result.stderr)") }
}

@Test func planWritesTheLearningRatePlotAtomically() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let svg = directory.appendingPathComponent("lr.svg")
  let result = try runPipec(["plan", "--lr-plot", svg.path, "--log", "examples/quickstart/pipeline.config"])
  #expect(result.status == 0, "stderr: \(result.stderr)")
  let text = try String(contentsOf: svg, encoding: .utf8)
  #expect(text.hasPrefix("<svg") && text.contains("(log scale)") && text.hasSuffix("</svg>\n"))
  let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
    $0 != "lr.svg"
  }
  #expect(leftovers.isEmpty)
  let missing = try runPipec([
    "plan", "--lr-plot", directory.appendingPathComponent("no/dir/lr.svg").path,
    "examples/quickstart/pipeline.config",
  ])
  #expect(missing.status == 2 && missing.stderr.contains("cannot write"))
}
