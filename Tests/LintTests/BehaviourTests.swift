import Diagnostics
import Foundation
import Lint
import Syntax
import Testing

/// The numbers a headline finding states, and its rendered form (goldens).
struct GoldenCase: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  var target: Target? = nil
  var testDescription: String { name }
}

@Test(arguments: [
  // The schedule of the zoo's ssd_mobilenet_v2_coco.config (and the pets focal-loss config).
  GoldenCase(name: "decay-steps", source: """
    train_config {
      batch_size: 24
      optimizer {
        rms_prop_optimizer {
          learning_rate {
            exponential_decay_learning_rate {
              initial_learning_rate: 0.004
              decay_steps: 800720
              decay_factor: 0.95
            }
          }
          momentum_optimizer_value: 0.9
          decay: 0.9
          epsilon: 1.0
        }
        use_moving_average: false
      }
      num_steps: 200000
    }

    """),
  GoldenCase(name: "open-images-metrics", source: "eval_config {\n  metrics_set: \"open_images_V2_detection_metrics\"\n}\n"),
  GoldenCase(name: "checkpoint-v1-tf2", source: """
    model {
      ssd {
        feature_extractor {
          type: "ssd_mobilenet_v2_fpn_keras"
        }
      }
    }
    train_config {
      fine_tune_checkpoint: "ckpt/ckpt-0"
      fine_tune_checkpoint_type: "detection"
    }

    """),
  // CenterNet's Hourglass restores only its whole network ('detection'); ResNet v1 FPN, the
  // near miss, takes 'classification' (its ImageNet base model).
  GoldenCase(name: "centernet-checkpoint-type", source: centerNetCheckpoint("hourglass_104", "classification")),
  GoldenCase(
    name: "centernet-checkpoint-type-near-miss", source: centerNetCheckpoint("resnet_v1_50_fpn", "classification")),
])
func headlineFindingsRender(_ c: GoldenCase) throws {
  let result = lintText(c.source, path: "\(c.name).config", target: c.target)
  let text = DiagnosticRenderer.render(result.lint, in: result.sources, as: .text)
  #expect(try matchesGolden(text, "\(c.name).diagnostics"), "\(text)")
}

@Test func decayFindingStatesTheNumbers() {
  let result = lintText(LintRule.decayStepsBeyondNumSteps.bad, rules: [.decayStepsBeyondNumSteps])
  let message = result.lint.first?.message ?? ""
  #expect(message.contains("800720") && message.contains("200000") && message.contains("0.004"))
}

// MARK: Target

struct TargetCase: Sendable, CustomTestStringConvertible {
  let source: String
  let target: Target?
  var testDescription: String { source }
}

@Test(arguments: [
  TargetCase(source: "model { ssd { feature_extractor { type: \"ssd_mobilenet_v2_keras\" } } }", target: .tf2),
  TargetCase(source: "model { center_net { } }", target: .tf2),
  TargetCase(source: "model { ssd { feature_extractor { type: \"ssd_mobilenet_v2\" } } }", target: .tf1),
  TargetCase(source: "train_config { num_steps: 5 }", target: nil),
])
func targetIsInferredAndSaid(_ c: TargetCase) {
  let result = lintText(c.source, rules: [])
  let notes = result.lint.filter { $0.code == .inferredTarget }
  if let target = c.target {
    #expect(notes.count == 1 && notes[0].severity == .note && notes[0].message.contains(target.display))
  } else {
    #expect(notes.isEmpty)
  }
  // A given target is not inferred, so nothing is said.
  #expect(lintText(c.source, target: .tf1, rules: []).lint.isEmpty)
}

// MARK: Suppression

let lowMomentum = "train_config { optimizer { momentum_optimizer { momentum_optimizer_value: 0.5 } } }"

struct SuppressionCase: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  /// Codes expected after suppression, sorted.
  let codes: [String]
  var testDescription: String { name }
}

@Test(arguments: [
  SuppressionCase(name: "unsuppressed", source: lowMomentum, codes: ["low-momentum"]),
  SuppressionCase(
    name: "same line, with reason", source: lowMomentum + "  # pipec: disable=low-momentum reason=\"tuned\"", codes: []),
  SuppressionCase(
    name: "by ID", source: lowMomentum + "  # pipec: disable=PC202 reason=\"tuned\"", codes: []),
  SuppressionCase(
    name: "line before", source: "# pipec: disable=low-momentum reason=\"tuned\"\n" + lowMomentum, codes: []),
  SuppressionCase(
    name: "two lines before does not count",
    source: "# pipec: disable=low-momentum reason=\"tuned\"\nmodel { }\n" + lowMomentum,
    codes: ["low-momentum", "unused-suppression"]),
  SuppressionCase(
    name: "without reason", source: lowMomentum + "  # pipec: disable=low-momentum",
    codes: ["suppression-without-reason"]),
  SuppressionCase(
    name: "other rule", source: lowMomentum + "  # pipec: disable=manual-schedule-empty reason=\"x\"",
    codes: ["low-momentum", "unused-suppression"]),
  SuppressionCase(
    name: "unknown rule", source: lowMomentum + "  # pipec: disable=low-momentun reason=\"x\"",
    codes: ["low-momentum", "unknown-lint-rule"]),
  SuppressionCase(
    name: "malformed", source: lowMomentum + "  # pipec: disabel=low-momentum", codes: ["low-momentum", "malformed-suppression"]),
  SuppressionCase(
    name: "block", source: """
      # pipec: disable-next-block=low-momentum reason="tuned"
      train_config {
        optimizer {
          momentum_optimizer {
            momentum_optimizer_value: 0.5
          }
        }
      }
      """, codes: []),
  SuppressionCase(
    name: "file", source: "# pipec: disable-file=low-momentum reason=\"a template\"\n\n\n" + lowMomentum, codes: []),
])
func suppressionsSilenceWhatTheyCover(_ c: SuppressionCase) {
  let rules: [LintRule] = [.lowMomentum, .manualScheduleEmpty]
  let result = lintText(c.source, target: .tf1, rules: rules)
  #expect(result.lint.map(\.code.rawValue).sorted() == c.codes, "\(result.lint.map(\.message))")
}

@Test func aSuppressionSilencesExactlyOneOfTwoFindings() {
  let source = """
    train_config {
      optimizer { momentum_optimizer { momentum_optimizer_value: 0.5 } }  # pipec: disable=low-momentum reason="tuned"
    }
    eval_config {
      metrics_set: "coco_detection_metrcs"
      metrics_set: "pascal_voc_metrics"  # pipec: disable=unknown-metrics-set reason="our fork has it"
    }
    """
  let before = lintText(source.replacingOccurrences(of: "# pipec", with: "# off"), target: .tf1)
  let after = lintText(source, target: .tf1)
  #expect(before.lint.count - after.lint.count == 2)
  #expect(after.lint.filter { $0.code.rawValue == "unknown-metrics-set" }.count == 1)
}

@Test func unusedSuppressionHasASafeRemovalFix() {
  var sources = SourceMap()
  let text = "train_config { num_steps: 5 }  # pipec: disable=low-momentum reason=\"x\"\n"
  let id = sources.add(path: "t.config", text: text)
  let result = lintText(text, target: .tf1)
  let (bytes, applied) = applyFixes(result.lint, to: sources[id], unsafe: false)
  #expect(applied == 1)
  #expect(String(decoding: bytes, as: UTF8.self) == "train_config { num_steps: 5 }\n")
}

// MARK: Severity and disabling

@Test func projectSettingsChangeSeveritiesAndDisableRules() {
  let raised = lintText(lowMomentum, target: .tf1, severities: ["low-momentum": .error]).lint
  #expect(raised.first { $0.code.rawValue == "low-momentum" }?.severity == .error)
  let off = lintText(lowMomentum, target: .tf1, disabled: ["low-momentum"]).lint
  #expect(!off.contains { $0.code.rawValue == "low-momentum" })
}

struct ProjectCase: Sendable, CustomTestStringConvertible {
  let source: String
  let settings: ProjectSettings
  let codes: [String]
  var testDescription: String { source }
}

@Test(arguments: [
  ProjectCase(source: "target: TF2\ndisable: \"rmsprop-sensitive\"\n",
              settings: ProjectSettings(target: .tf2, disabled: ["rmsprop-sensitive"]), codes: []),
  ProjectCase(source: "rule { name: \"PC202\" severity: ERROR }\nrule { name: \"zero-num-steps\" severity: OFF }\n",
              settings: ProjectSettings(disabled: ["zero-num-steps"], severities: ["low-momentum": .error]), codes: []),
  ProjectCase(source: "disable: \"low-momentun\"\n", settings: ProjectSettings(), codes: ["unknown-lint-rule"]),
  ProjectCase(source: "disabled: \"low-momentum\"\n", settings: ProjectSettings(), codes: ["unknown-field"]),
  ProjectCase(source: "target: TF3\n", settings: ProjectSettings(), codes: ["unknown-enum-value"]),
])
func projectFileIsCheckedAgainstItsSchema(_ c: ProjectCase) {
  var sources = SourceMap()
  let id = sources.add(path: ".pipec.config", text: c.source)
  let (settings, diagnostics) = loadProjectSettings(sources[id])
  #expect(settings == c.settings)
  #expect(diagnostics.map(\.code.rawValue) == c.codes)
}

// MARK: Robustness

@Test func rulesCopeWithSchemaErrors() {
  // Unbound fields are simply not seen; nothing crashes and the bound ones still count.
  let source = """
    train_config { num_steps: "many" nmu_steps: 3 optimizer { momentum_optimizer { momentum_optimizer_value: 0.5 } } }
    model { ssd { num_classes: 1 num_classes: 2 } }
    """
  let result = lintText(source, target: .tf1)
  #expect(result.check.hasErrors)
  #expect(result.lint.contains { $0.code.rawValue == "low-momentum" })
}

@Test func notAConfigRecognisesHTMLAndProto() {
  #expect(notAConfigKind(Array("\n<!DOCTYPE html><html>".utf8)) == "html")
  #expect(notAConfigKind(Array("// c\nsyntax = \"proto2\";\nmessage A {}".utf8)) == "proto")
  #expect(notAConfigKind(Array("model { ssd { } }".utf8)) == nil)
}

@Test func overlappingFixesAreAppliedOnce() {
  var sources = SourceMap()
  let id = sources.add(path: "t", text: "abcdef")
  let span = SourceSpan(file: id, start: 1, end: 3)
  let overlapping = SourceSpan(file: id, start: 2, end: 4)
  let diagnostics = [
    Diagnostic(.inferredTarget, .note, at: span, "a", fixes: [Fix("x", edits: [Edit(span, "X")])]),
    Diagnostic(.inferredTarget, .note, at: overlapping, "b", fixes: [Fix("y", edits: [Edit(overlapping, "Y")])]),
    Diagnostic(.inferredTarget, .note, at: span, "c", fixes: [Fix("z", edits: [Edit(SourceSpan(file: id, start: 5, end: 6), "Z")], isSafe: false)]),
  ]
  let safe = applyFixes(diagnostics, to: sources[id], unsafe: false)
  #expect(String(decoding: safe.bytes, as: UTF8.self) == "aXdef" && safe.applied == 1)
  let all = applyFixes(diagnostics, to: sources[id], unsafe: true)
  #expect(String(decoding: all.bytes, as: UTF8.self) == "aXdeZ" && all.applied == 2)
}

// MARK: Device memory

struct MemoryCase: Sendable, CustomTestStringConvertible {
  let name: String
  let batch: String
  let deviceMemory: Int?
  /// The finding's message and help, or nil when the rule must stay silent.
  let expected: (message: String, help: String)?
  var testDescription: String { name }
}

@Test(arguments: [
  // fakeMemory: 1 GiB + 200 MiB per image. 16 GiB holds (16384 - 1024) / 200 = 76 images.
  MemoryCase(
    name: "TPU batch on one card", batch: "batch_size: 128", deviceMemory: 16 * gib,
    expected: ("batch_size 128 needs about 26 GiB per training step by the memory estimate, more than --device-memory 16 GiB",
               "the largest batch that fits is 76: use batch_size 76")),
  MemoryCase(
    name: "one image too many", batch: "batch_size: 77", deviceMemory: 16 * gib,
    expected: ("batch_size 77 needs about 16424 MiB", "the largest batch that fits is 76")),
  MemoryCase(name: "exactly full (near miss)", batch: "batch_size: 76", deviceMemory: 1024 * mib + 76 * 200 * mib, expected: nil),
  MemoryCase(
    name: "the default batch", batch: "", deviceMemory: 4 * gib,
    expected: ("batch_size 32 (the default) needs about 7424 MiB", "the largest batch that fits is 15")),
  MemoryCase(
    name: "not even one image", batch: "batch_size: 2", deviceMemory: gib,
    expected: ("batch_size 2 needs about 1424 MiB", "not even a batch of 1 fits (1224 MiB)")),
  MemoryCase(name: "no --device-memory", batch: "batch_size: 128", deviceMemory: nil, expected: nil),
])
func batchIsCheckedAgainstDeviceMemory(_ c: MemoryCase) {
  let source = "train_config { \(c.batch) }"
  let result = lintText(source, target: .tf2, rules: [.batchBeyondDeviceMemory], deviceMemory: c.deviceMemory)
  let found = result.lint.filter { $0.code == LintRule.batchBeyondDeviceMemory.code }
  guard let expected = c.expected else {
    #expect(found.isEmpty, "\(found.map(\.message))")
    return
  }
  #expect(found.count == 1)
  #expect(found.first?.message.hasPrefix(expected.message) == true, "\(found.map(\.message))")
  #expect(found.first?.help?.hasPrefix(expected.help) == true, "\(found.map(\.help))")
}

// MARK: Metrics sets

@Test(arguments: [
  ("coco_keypoint_metrics", "keypoint metrics are configured per class"),
  ("open_images_V2_detection_metrics", "unknown metrics_set"),
  ("coco_detection_metrics", nil),
  ("lvis_mask_metrics", nil),
] as [(String, String?)])
func metricsSetsAreThoseEvalUtilBuilds(_ name: String, _ expected: String?) {
  let result = lintText("eval_config { metrics_set: \"\(name)\" }", rules: [.unknownMetricsSet])
  let found = result.lint.filter { $0.code == LintRule.unknownMetricsSet.code }
  if let expected {
    #expect(found.count == 1 && found[0].message.contains(expected), "\(found.map(\.message))")
  } else {
    #expect(found.isEmpty, "\(found.map(\.message))")
  }
}

// MARK: Rules over every matching message

// A rule that visits every message with a field must not stop at the first one
// that is fine: SSD's feature extractor has use_depthwise too.
@Test func depthwiseRuleChecksThePredictorAfterTheExtractor() {
  let source = """
    model { ssd {
      feature_extractor { type: "ssd_mobilenet_v2" use_depthwise: true }
      box_predictor { convolutional_box_predictor { use_depthwise: true } }
    } }
    """
  let found = lintText(source, rules: [.depthwiseOneByOne]).lint.filter { $0.code == LintRule.depthwiseOneByOne.code }
  #expect(found.count == 1, "\(found.map(\.message))")
}

// TF1's legacy evaluator still takes the deprecated Open Images name; eval_util does not.
@Test(arguments: [(Target.tf1, Severity.warning), (Target.tf2, Severity.error)])
func deprecatedOpenImagesNameIsAWarningOnlyUnderTF1(_ target: Target, _ severity: Severity) {
  let result = lintText(
    "eval_config { metrics_set: \"open_images_V2_detection_metrics\" }", target: target, rules: [.unknownMetricsSet])
  let found = result.lint.filter { $0.code == LintRule.unknownMetricsSet.code }
  #expect(found.count == 1 && found[0].severity == severity, "\(found.map(\.message))")
  #expect(found.first?.fixes.first?.edits.first?.replacement == "\"oid_V2_detection_metrics\"")
}

// A name shared by many items is one finding that lists the ids, at the name.
@Test func repeatedLabelMapNameIsOneFindingWithEveryID() {
  let source = (1...8).map { "item { id: \($0) name: \"\($0 == 4 ? "dog" : "NA")\" }" }.joined(separator: "\n")
  let result = lintText(source, path: "map.pbtxt", rules: [.labelMapDuplicateNames, .labelMapIDs])
  #expect(result.lint.count == 1, "\(result.lint.map(\.message))")
  #expect(result.lint.first?.message == "label map name 'NA' is used by 7 items (ids 1, 2, 3, 5, 6, … 8): looking the name up gives only id 8")
  #expect(result.lint.first?.severity == .warning)
}

/// Three placeholders and an empty path, written out of field order.
private let placeholderSource = """
  eval_input_reader { label_map_path: "PATH_TO_BE_CONFIGURED/map.pbtxt" }
  train_config { fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/ckpt" }
  train_input_reader {
    label_map_path: ""
    tf_record_input_reader { input_path: "PATH_TO_BE_CONFIGURED/train.record" }
  }
  """

@Test func placeholdersAreOneFindingAtTheFirstWithALabelOnEachOther() throws {
  let result = lintText(placeholderSource, rules: [.placeholderPath])
  let placeholder = try #require(result.lint.first { $0.message.hasPrefix("3 paths") })
  #expect(placeholder.message == "3 paths still hold the placeholder PATH_TO_BE_CONFIGURED: label_map_path, fine_tune_checkpoint, input_path")
  let text = placeholderSource
  func offset(_ needle: String) -> Int { text.utf8.count - (text.range(of: needle).map { text[$0.lowerBound...].utf8.count } ?? 0) }
  #expect(placeholder.span.start == offset("\"PATH_TO_BE_CONFIGURED/map"))
  #expect(placeholder.labels.map(\.span.start) == [offset("\"PATH_TO_BE_CONFIGURED/ckpt"), offset("\"PATH_TO_BE_CONFIGURED/train")])
  // The empty path stays a finding of its own.
  #expect(result.lint.map(\.message).sorted() == [placeholder.message, "label_map_path is empty"])
}

@Test func aSuppressionOnTheFirstPlaceholderSilencesThemAll() {
  let first = placeholderSource.replacingOccurrences(
    of: "map.pbtxt\" }", with: "map.pbtxt\" }  # pipec: disable=placeholder-path reason=\"a template\"")
  #expect(lintText(first, rules: [.placeholderPath]).lint.map(\.message) == ["label_map_path is empty"])
  // On another placeholder's line it silences nothing, and says so.
  let other = placeholderSource.replacingOccurrences(
    of: "ckpt\" }", with: "ckpt\" }  # pipec: disable=placeholder-path reason=\"a template\"")
  let codes = lintText(other, rules: [.placeholderPath]).lint.map(\.code.rawValue)
  #expect(codes.filter { $0 == "placeholder-path" }.count == 2)
  #expect(codes.contains("unused-suppression"))
}

@Test func oneSettingHoldsTheOldMessage() {
  let result = lintText("train_config { fine_tune_checkpoint: \"PATH_TO_BE_CONFIGURED/ckpt\" }", rules: [.placeholderPath])
  #expect(result.lint.map(\.message) == ["fine_tune_checkpoint is still the placeholder \"PATH_TO_BE_CONFIGURED/ckpt\""])
  #expect(result.lint.first?.labels.isEmpty == true)
}

@Test func labelMapNamesAreComparedAsText() {
  // Precomposed "é" and e + combining accent are equal Strings; names are compared as
  // text, so the byte-wise path for ASCII names must not change what non-ASCII names do.
  let source = "item { id: 1 name: \"caf\u{E9}\" }\nitem { id: 2 name: \"cafe\u{301}\" }\nitem { id: 3 name: \"tea\" }"
  let result = lintText(source, path: "map.pbtxt", rules: [.labelMapDuplicateNames])
  #expect(result.lint.map(\.message) == ["label map name 'caf\u{E9}' is used by 2 items (ids 1, 2): looking the name up gives only id 2"])
}

struct LabelMapIDCase: Sendable, CustomTestStringConvertible {
  let name: String
  let ids: [Int]
  let messages: [String]
  var testDescription: String { name }
}

@Test(arguments: [
  LabelMapIDCase(name: "distinct ids", ids: [1, 2, 3], messages: []),
  LabelMapIDCase(name: "a repeated small id", ids: [1, 2, 1], messages: ["label map id 1 is used twice ('c1' and 'c3')"]),
  // Ids far apart and negative ones take the dictionary, not the table by id.
  LabelMapIDCase(name: "a repeated large id", ids: [7_000_000, 2, 7_000_000], messages: ["label map id 7000000 is used twice ('c1' and 'c3')"]),
  LabelMapIDCase(name: "a repeated negative id", ids: [-4, 2, -4], messages: ["label map id -4 is used twice ('c1' and 'c3')"]),
  LabelMapIDCase(
    name: "id 0 not named background", ids: [0, 1],
    messages: ["label map id 0 is reserved for the background class: TensorFlow raises ValueError"]),
])
func labelMapIDsAreCheckedWhateverTheirRange(_ c: LabelMapIDCase) {
  let source = c.ids.enumerated().map { "item { id: \($1) name: \"c\($0 + 1)\" }" }.joined(separator: "\n")
  let result = lintText(source, path: "map.pbtxt", rules: [.labelMapIDs])
  #expect(result.lint.map(\.message) == c.messages)
}

// MARK: CenterNet checkpoint types

/// A TF2 CenterNet config with `backbone` restoring a checkpoint of type `type`.
func centerNetCheckpoint(_ backbone: String, _ type: String) -> String {
  """
  model {
    center_net {
      num_classes: 90
      feature_extractor {
        type: "\(backbone)"
      }
    }
  }
  train_config {
    num_steps: 1000
    fine_tune_checkpoint: "ckpt/ckpt-0"
    fine_tune_checkpoint_type: "\(type)"
    fine_tune_checkpoint_version: V2
  }

  """
}

struct BackboneCheckpointCase: Sendable, CustomTestStringConvertible {
  let backbone: String
  let type: String
  let fires: Bool
  var testDescription: String { "\(backbone) \(type)" }
}

@Test(arguments: [
  BackboneCheckpointCase(backbone: "hourglass_104", type: "detection", fires: false),
  BackboneCheckpointCase(backbone: "hourglass_104", type: "classification", fires: true),
  BackboneCheckpointCase(backbone: "hourglass_104", type: "fine_tune", fires: false),
  BackboneCheckpointCase(backbone: "hourglass_104", type: "full", fires: true),
  BackboneCheckpointCase(backbone: "mobilenet_v2", type: "classification", fires: true),
  BackboneCheckpointCase(backbone: "mobilenet_v2_fpn", type: "classification", fires: false),
  BackboneCheckpointCase(backbone: "mobilenet_v2_fpn", type: "detection", fires: true),
  BackboneCheckpointCase(backbone: "resnet_v2_50", type: "classification", fires: false),
  BackboneCheckpointCase(backbone: "resnet_v2_50", type: "detection", fires: true),
  BackboneCheckpointCase(backbone: "resnet_v1_101_fpn", type: "detection", fires: true),
  BackboneCheckpointCase(backbone: "resnet_v1_101_fpn", type: "fine_tune", fires: false),
  // A backbone pipec does not know is given every type CenterNet can take.
  BackboneCheckpointCase(backbone: "some_future_backbone", type: "detection", fires: false),
  BackboneCheckpointCase(backbone: "some_future_backbone", type: "classification", fires: false),
])
func centerNetCheckpointTypeFollowsTheBackbone(_ c: BackboneCheckpointCase) {
  let result = lintText(centerNetCheckpoint(c.backbone, c.type), rules: [.invalidCheckpointType])
  #expect(result.check.isEmpty, "\(result.check)")
  #expect(result.lint.contains { $0.code.rawValue == "invalid-checkpoint-type" } == c.fires, "\(result.lint)")
}
