import Foundation
import Testing

/// The stdlib names, read from the folder the binary bundles.
private func stdlibNames() throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("stdlib-configs").path)
    .filter { $0.hasSuffix(".config") }.map { String($0.dropLast(".config".count)) }.sorted()
}

@Test(arguments: [
  CLICase(arguments: ["new", "--help"], status: 0, stdout: ["Usage: pipec new NAME -o FILE", "--num-classes N", "--force"]),
  CLICase(arguments: ["new"], status: 2, stderr: ["no pipeline NAME given", "pipec new --list"]),
  CLICase(arguments: ["new", "ssd_mobilenet_v2_320x320"], status: 2, stderr: ["no output file", "-o FILE"]),
  CLICase(arguments: ["new", "a", "b", "-o", "-"], status: 2, stderr: ["expected one NAME, found 2"]),
  CLICase(arguments: ["new", "--list", "x"], status: 2, stderr: ["--list takes no NAME"]),
  CLICase(
    arguments: ["new", "ssd_mobilenet_v2_300x300", "-o", "-"], status: 2,
    stderr: [
      "error: no standard pipeline named 'ssd_mobilenet_v2_300x300'",
      "did you mean 'ssd_mobilenet_v1_300x300' or 'ssd_mobilenet_v2_320x320'?",
    ]),
  CLICase(
    arguments: ["new", "efficientdet", "-o", "-"], status: 2,
    stderr: ["did you mean 'ssd_efficientdet_d0_512x512' or 'ssd_efficientdet_d1_640x640'?"]),
  CLICase(arguments: ["new", "yolo", "-o", "-"], status: 2, stderr: ["no standard pipeline named 'yolo'", "pipec new --list"]),
  CLICase(
    arguments: ["new", "ssd_mobilenet_v2_320x320", "--num-classes", "0", "-o", "-"], status: 2,
    stderr: ["--num-classes must be a positive integer, not '0'"]),
  CLICase(
    arguments: ["new", "ssd_mobilenet_v2_320x320", "--num-classes", "three", "-o", "-"], status: 2,
    stderr: ["--num-classes must be a positive integer, not 'three'"]),
  CLICase(
    arguments: ["new", "pipec_tiny_ssd_128x128", "--checkpoint", "ckpt-0", "-o", "-"], status: 2,
    stderr: ["pipec_tiny_ssd_128x128 has no train_config.fine_tune_checkpoint to set with --checkpoint"]),
  CLICase(
    arguments: ["new", "stdlib:ssd_mobilenet_v2_320x320", "--num-classes", "7", "-o", "-"], status: 0,
    stdout: ["# SSD MobileNet v2 320x320", "    num_classes: 7\n", "PATH_TO_BE_CONFIGURED/label_map.pbtxt"],
    stderr: ["still to set (PATH_TO_BE_CONFIGURED): train_config.fine_tune_checkpoint, train_input_reader.label_map_path"]),
  CLICase(
    arguments: ["new", "ssd_mobilenet_v2_320x320", "-o", "no/such/dir/x.config"], status: 2,
    stderr: ["cannot write 'no/such/dir/x.config'"]),
])
func newCommandBehaves(_ c: CLICase) throws {
  let result = try runPipec(c.arguments, stdin: c.stdin)
  #expect(result.status == c.status, "stderr: \(result.stderr)")
  for s in c.stdout { #expect(result.stdout.contains(s), "stdout: \(result.stdout)") }
  for s in c.stderr { #expect(result.stderr.contains(s), "stderr: \(result.stderr)") }
}

/// `--list` names every bundled config, one a line, with its title.
@Test func newListsEveryStdlibConfig() throws {
  let result = try runPipec(["new", "--list"])
  #expect(result.status == 0)
  let names = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
  #expect(names == (try stdlibNames()))
  #expect(result.stdout.contains("ssd_resnet50_v1_fpn_640x640         SSD ResNet-50 v1 FPN 640x640, better known as RetinaNet\n"))
}

/// The acceptance path: copy one out with every value filled in; the
/// result checks, is formatted, and differs from the stdlib file only in those values.
@Test func newFillsTheValuesAndTheResultChecks() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let result = try runPipec(
    [
      "new", "faster_rcnn_resnet50_v1_640x640", "--num-classes", "20", "--label-map", "data/label map \"v2\".pbtxt",
      "--train-record", "data/train-?????-of-00010", "--eval-record", "data/val.record",
      "--checkpoint", "pretrained/resnet50/ckpt-1", "-o", "frcnn.config",
    ], in: directory)
  #expect(result.status == 0, "\(result.stderr)")
  #expect(result.stderr == "pipec: wrote frcnn.config from stdlib:faster_rcnn_resnet50_v1_640x640\n")

  let written = try String(contentsOf: directory.appendingPathComponent("frcnn.config"), encoding: .utf8)
  let original = try String(
    contentsOf: packageRoot.appendingPathComponent("stdlib-configs/faster_rcnn_resnet50_v1_640x640.config"),
    encoding: .utf8)
  let before = original.split(separator: "\n", omittingEmptySubsequences: false)
  let after = written.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(before.count == after.count, "the layout is kept, line for line")
  let changed = zip(before, after).filter { $0 != $1 }.map { String($0.1) }
  #expect(changed == [
    "    num_classes: 20",
    "  fine_tune_checkpoint: \"pretrained/resnet50/ckpt-1\"",
    "  label_map_path: \"data/label map \\\"v2\\\".pbtxt\"",
    "    input_path: \"data/train-?????-of-00010\"",
    "  label_map_path: \"data/label map \\\"v2\\\".pbtxt\"",
    "    input_path: \"data/val.record\"",
  ])
  #expect(!written.contains("PATH_TO_BE_CONFIGURED\""))

  let check = try runPipec(["check", "--warnings-as-errors", "frcnn.config"], in: directory)
  #expect(check.status == 0, "\(check.stderr)")
  let fmt = try runPipec(["fmt", "--check", "frcnn.config"], in: directory)
  #expect(fmt.status == 0, "\(fmt.stdout)")
}

/// An existing file is never replaced without --force; with it, it is.
@Test func newRefusesToOverwriteWithoutForce() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let target = directory.appendingPathComponent("pipeline.config")
  try Data("# mine\n".utf8).write(to: target)

  let refused = try runPipec(["new", "ssd_mobilenet_v2_320x320", "--num-classes", "3", "-o", "pipeline.config"], in: directory)
  #expect(refused.status == 2)
  #expect(refused.stderr.contains("'pipeline.config' already exists"))
  #expect(refused.stderr.contains("--force"))
  #expect(try String(contentsOf: target, encoding: .utf8) == "# mine\n")

  let forced = try runPipec(
    ["new", "ssd_mobilenet_v2_320x320", "--num-classes", "3", "-o", "pipeline.config", "--force"], in: directory)
  #expect(forced.status == 0, "\(forced.stderr)")
  #expect(try String(contentsOf: target, encoding: .utf8).contains("num_classes: 3\n"))
  // No temporary file is left behind.
  #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipeline.config"])
}

/// Every stdlib config, copied out with every option, checks and is formatted.
@Test(arguments: try stdlibNames())
func everyStdlibConfigCopiesOutClean(_ name: String) throws {
  var arguments = ["new", name, "--num-classes", "5", "--label-map", "d/labels.pbtxt"]
  arguments += ["--train-record", "d/train.record", "--eval-record", "d/val.record", "-o", "-"]
  if name != "pipec_tiny_ssd_128x128" { arguments += ["--checkpoint", "d/ckpt-0"] }
  let result = try runPipec(arguments)
  #expect(result.status == 0, "\(result.stderr)")
  #expect(!result.stdout.contains("\"PATH_TO_BE_CONFIGURED"), "a path field was left out")
  #expect(result.stdout.contains("num_classes: 5\n"))
  let check = try runPipec(["check", "--warnings-as-errors", "-"], stdin: result.stdout)
  #expect(check.status == 0, "\(check.stderr)")
  let fmt = try runPipec(["fmt", "--check", "-"], stdin: result.stdout)
  #expect(fmt.status == 0)
}
