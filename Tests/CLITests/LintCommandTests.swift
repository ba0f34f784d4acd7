import Foundation
import Testing

@Test(arguments: [
  CLICase(arguments: ["rules"], status: 0, stdout: ["PC101  warning decay-steps-beyond-num-steps", "PC501  error", "[TF2]"]),
  CLICase(arguments: ["explain", "PC101"], status: 0,
          stdout: ["PC101 decay-steps-beyond-num-steps (warning", "Bad:", "Good:", "warning[decay-steps-beyond-num-steps]: decay_steps 800720"]),
  CLICase(arguments: ["explain", "unknown-metrics-set"], status: 0, stdout: ["did you mean \"oid_V2_detection_metrics\"?"]),
  CLICase(arguments: ["explain", "low-momentun"], status: 2, stderr: ["no lint rule 'low-momentun'; did you mean 'low-momentum'?"]),
  CLICase(arguments: ["check", "-"], stdin: "eval_config { metrics_set: \"open_images_V2_detection_metrics\" }", status: 1,
          stderr: ["error[unknown-metrics-set]"]),
  CLICase(arguments: ["check", "--target", "tf2", "-"], stdin: "train_config { fine_tune_checkpoint: \"x\" fine_tune_checkpoint_type: \"detection\" num_steps: 5 }",
          status: 1, stderr: ["error[checkpoint-v1-under-tf2]"]),
  CLICase(arguments: ["check", "--target", "tf3", "-"], stdin: "", status: 2, stderr: ["--target must be one of tf1, tf2"]),
  CLICase(arguments: ["check", "--unsafe", "-"], stdin: "", status: 2, stderr: ["--unsafe only goes with --fix"]),
  CLICase(arguments: ["check", "-"], stdin: "<!DOCTYPE html>\n<html><body>x</body></html>\n", status: 1,
          stderr: ["error[not-a-config]: this is an HTML page", "1 error emitted"]),
  CLICase(arguments: ["check", "--format", "json", "-"], stdin: "model { ssd { feature_extractor { type: \"ssd_mobilenet_v2_keras\" } } }",
          status: 0, stdout: ["\"code\": \"inferred-target\"", "\"severity\": \"note\""]),
])
func lintCommandsBehave(_ c: CLICase) throws {
  let result = try runPipec(c.arguments, stdin: c.stdin)
  #expect(result.status == c.status, "stderr: \(result.stderr)")
  for s in c.stdout { #expect(result.stdout.contains(s), "stdout: \(result.stdout)") }
  for s in c.stderr { #expect(result.stderr.contains(s), "stderr: \(result.stderr)") }
}

@Test func explainWorksForEveryRule() throws {
  let listing = try runPipec(["rules"]).stdout
  let ids = listing.split(separator: "\n").compactMap { line -> String? in
    let word = line.split(separator: " ").first.map(String.init) ?? ""
    return word.hasPrefix("PC") ? word : nil
  }
  #expect(ids.count >= 45)
  for id in ids {
    let result = try runPipec(["explain", id])
    #expect(result.status == 0)
    #expect(result.stdout.contains("pipec check on the bad example:"), "\(id) shows its diagnostic")
  }
}

@Test func sarifCarriesRuleMetadataAndFixes() throws {
  let result = try runPipec(["check", "--format", "sarif", "-"], stdin: "eval_config { metrics_set: \"pascal_voc_metrics\" }")
  let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  #expect(log["version"] as? String == "2.1.0")
  let run = try #require((log["runs"] as? [[String: Any]])?.first)
  let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
  let rule = try #require((driver["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "unknown-metrics-set" })
  #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == "an unknown metrics_set name")
  #expect(rule["fullDescription"] != nil && rule["help"] != nil)
  let result0 = try #require((run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "unknown-metrics-set" })
  #expect(result0["level"] as? String == "error")
  #expect((result0["fixes"] as? [[String: Any]])?.isEmpty == false)
}

@Test func fixAppliesSafeFixesKeepsCommentsAndFormat() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let file = directory.appendingPathComponent("p.config")
  let original = """
    # evaluation settings
    eval_config {
      metrics_set: "pascal_voc_metrics"  # the VOC protocol
    }
    eval_input_reader {
      num_epochs: 0
    }

    """
  try Data(original.utf8).write(to: file)
  let safe = try runPipec(["check", "--fix", file.path])
  #expect(safe.status == 0, "stderr: \(safe.stderr)")
  #expect(safe.stderr.contains("fixed 1 file"))
  let fixed = try String(contentsOf: file, encoding: .utf8)
  #expect(fixed == original.replacingOccurrences(of: "pascal_voc_metrics", with: "pascal_voc_detection_metrics")
    .replacingOccurrences(of: "num_epochs: 0", with: "num_epochs: 1"))
  // Canonical before, canonical after.
  #expect(try runPipec(["fmt", "--check", file.path]).status == 0)
}

@Test func fixUnsafeAppliesTheRest() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let file = directory.appendingPathComponent("p.config")
  try Data("train_input_reader { shuffle: false }\n".utf8).write(to: file)
  _ = try runPipec(["check", "--fix", file.path])
  #expect(try String(contentsOf: file, encoding: .utf8).contains("shuffle: false"), "unsafe fixes wait for --unsafe")
  _ = try runPipec(["check", "--fix", "--unsafe", file.path])
  #expect(try String(contentsOf: file, encoding: .utf8) == "train_input_reader { shuffle: true }\n")
}

@Test func suppressionAndProjectFileFromTheCommandLine() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let nested = directory.appendingPathComponent("configs/a")
  try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
  let file = nested.appendingPathComponent("p.config")
  try Data("""
    train_config {
      num_steps: 10
      optimizer { momentum_optimizer { momentum_optimizer_value: 0.5 } use_moving_average: false }  # pipec: disable=low-momentum reason="tuned"
    }
    train_input_reader { shuffle: false }

    """.utf8).write(to: file)
  let plain = try runPipec(["check", file.path])
  #expect(!plain.stderr.contains("low-momentum") && plain.stderr.contains("warning[training-shuffle-off]"), "\(plain.stderr)")

  // .pipec.config two levels up: shuffle findings become errors, momentum rules off.
  try Data("rule { name: \"training-shuffle-off\" severity: ERROR }\ndisable: \"PC202\"\n".utf8)
    .write(to: directory.appendingPathComponent(".pipec.config"))
  let project = try runPipec(["check", file.path])
  #expect(project.status == 1)
  #expect(project.stderr.contains("error[training-shuffle-off]"), "\(project.stderr)")
  #expect(!project.stderr.contains("unused-suppression"), "a disabled rule's suppression is not unused")

  try Data("disable: \"no-such-rule\"\n".utf8).write(to: directory.appendingPathComponent(".pipec.config"))
  let broken = try runPipec(["check", file.path])
  #expect(broken.stderr.contains(".pipec.config:1:10: warning[unknown-lint-rule]"), "\(broken.stderr)")
}

/// The points of a sweep are linted with the run's settings, by `pipec check` and by
/// `pipec expand` alike: `.pipec.config` severities and disabled rules, `--target`, and label
/// maps read relative to the sweep file, as they reach a plain config.
@Test(arguments: [["check", "s.sweep"], ["expand", "s.sweep", "--dry-run"]])
func sweepPointsFollowTheRunSettings(_ command: [String]) throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  try Data("""
    model { ssd { num_classes: @choice(2, 3) } }
    train_config {
      num_steps: 10
      optimizer {
        momentum_optimizer { momentum_optimizer_value: @choice(0.5, 0.9) }
        use_moving_average: false
      }
      fine_tune_checkpoint: "ckpt/model.ckpt"
      fine_tune_checkpoint_type: "detection"
      fine_tune_checkpoint_version: V1
    }
    train_input_reader { shuffle: false label_map_path: "labels.pbtxt" }

    """.utf8).write(to: directory.appendingPathComponent("s.sweep"))
  try Data("item { id: 1 name: \"cat\" }\nitem { id: 2 name: \"dog\" }\n".utf8)
    .write(to: directory.appendingPathComponent("labels.pbtxt"))
  let plain = try runPipec(command, in: directory)
  #expect(plain.stderr.contains("warning[low-momentum]") && plain.stderr.contains("warning[training-shuffle-off]"),
          "\(plain.stderr)")
  // The label map, read beside the sweep, has 2 classes: only the points with 3 disagree.
  #expect(plain.stderr.contains("num-classes-label-map") && plain.stderr.contains("num_classes=3"), "\(plain.stderr)")
  #expect(!plain.stderr.contains("checkpoint-v1-under-tf2"), "\(plain.stderr)")

  let tf2 = try runPipec(command + ["--target", "tf2"], in: directory)
  #expect(tf2.stderr.contains("checkpoint-v1-under-tf2"), "\(tf2.stderr)")

  try Data("rule { name: \"training-shuffle-off\" severity: ERROR }\ndisable: \"low-momentum\"\n".utf8)
    .write(to: directory.appendingPathComponent(".pipec.config"))
  let project = try runPipec(command, in: directory)
  #expect(project.status == 1)
  #expect(project.stderr.contains("error[training-shuffle-off]"), "\(project.stderr)")
  #expect(!project.stderr.contains("low-momentum"), "\(project.stderr)")
}
