import Diagnostics
import Foundation
import Testing

@testable import Plan

@Test func unsupportedExtractorIsReportedAtItsTypeAndTheRestIsPlanned() throws {
  let config = try quickstart(size: 300).replacingOccurrences(
    of: "ssd_mobilenet_v2_keras", with: "ssd_pnasnet")
  let (plan, diagnostics, sources) = planPipeline(config)
  let d = try #require(diagnostics.first)
  #expect(diagnostics.count == 1)
  #expect(d.code == .unsupportedExtractor)
  #expect(
    d.message
      == "shape inference does not support feature extractor 'ssd_pnasnet'; the plan has no layers, anchors or cost for it"
  )
  #expect(d.path == "model.ssd.feature_extractor.type")
  let file = sources[d.span.file]
  #expect(String(decoding: file.bytes[d.span.start..<d.span.end], as: UTF8.self) == "\"ssd_pnasnet\"")
  // Everything else is still there.
  #expect(plan.model.featureExtractor == nil && !plan.cost.isComplete)
  #expect(plan.model.numClasses == 3 && plan.model.input?.height == 300)
  #expect(
    plan.training.batchSize == 16
      && plan.training.augmentation.map(\.kind) == ["random_horizontal_flip", "ssd_random_crop"])
  #expect(plan.model.components.map(\.role).contains("matcher"))
}

@Test func defaultsAreResolvedAndMarked() throws {
  let (plan, _, _) = planPipeline(try quickstart(size: 300))
  let flip = try #require(plan.training.augmentation.first)
  let probability = try #require(flip.parameters.first { $0.name(in: plan.schema) == "probability" })
  #expect(probability.value == .number(0.5) && !probability.isSet)
  let optimizer = try #require(plan.training.optimizer)
  #expect(optimizer.kind == "momentum_optimizer")
  #expect(optimizer.parameter("momentum_optimizer_value", in: plan.schema) == .number(0.9))
  #expect(plan.training.optimizerSlots == 1 && plan.training.movingAverageDecay == nil)
  #expect(plan.training.fineTuneCheckpointType == "detection")
}

@Test func provenancePointsAtTheConfig() throws {
  let text = try quickstart(size: 300)
  let (plan, _, _) = planPipeline(text)
  let origin = try #require(plan.training.scheduleOrigin)
  #expect(origin.path == "train_config.optimizer.momentum_optimizer.learning_rate.cosine_decay_learning_rate")
  let range = try #require(origin.range)
  let bytes = Array(text.utf8)[range.lowerBound..<range.upperBound]
  #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{"))
}

@Test func costFollowsTheBatchAndTheCard() throws {
  let (plan, _, _) = planPipeline(try quickstart(size: 300), options: LoweringOptions(datasetSize: 3680))
  let c = plan.cost
  #expect(c.stepsPerEpoch == 230)  // ceil(3680 / 16)
  #expect(c.bytesPerStep == c.stateBytes + 16 * (c.activationBytesPerImage + c.inputBytesPerImage))
  // State: weights, gradients and one momentum slot, float32.
  #expect(c.stateBytes == c.parameters * 3 * 4)
  let card = 16 << 30
  let largest = c.largestBatch(fitting: card)
  #expect(c.stateBytes + largest * (c.activationBytesPerImage + c.inputBytesPerImage) <= card)
  #expect(c.stateBytes + (largest + 1) * (c.activationBytesPerImage + c.inputBytesPerImage) > card)
}

/// Extractors the plan must derive: every reachable config using one plans without an unsupported-extractor warning.
let requiredExtractors: Set<String> = [
  "ssd_mobilenet_v1", "ssd_mobilenet_v1_keras", "ssd_mobilenet_v2", "ssd_mobilenet_v2_keras",
  "ssd_mobilenet_v1_fpn", "ssd_mobilenet_v1_fpn_keras", "ssd_mobilenet_v2_fpn", "ssd_mobilenet_v2_fpn_keras",
  "ssd_resnet50_v1_fpn", "ssd_resnet50_v1_fpn_keras", "faster_rcnn_resnet50", "faster_rcnn_resnet101",
  "faster_rcnn_resnet50_keras", "faster_rcnn_resnet101_keras", "faster_rcnn_resnet50_fpn_keras",
  "faster_rcnn_inception_resnet_v2", "faster_rcnn_inception_resnet_v2_keras",
  "ssd_efficientnet-b0_bifpn_keras", "hourglass_104", "resnet_v2_50", "resnet_v1_50_fpn",
]

/// The repository's configs, and the public sample corpus when this machine has it.
func reachableConfigs() -> [URL] {
  var roots = [
    packageRoot.appendingPathComponent("examples"), packageRoot.appendingPathComponent("stdlib-configs"),
  ]
  roots += ["/work/corpus/samples", "/work/corpus/tf2"].map { URL(fileURLWithPath: $0) }
  var found: [URL] = []
  for root in roots {
    guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
      continue
    }
    for case let url as URL in files where url.pathExtension == "config" { found.append(url) }
  }
  return found.sorted { $0.path < $1.path }
}

@Test func everyReachableConfigWithAListedExtractorPlansFully() throws {
  let configs = reachableConfigs()
  var met: Set<String> = []
  for url in configs {
    let (plan, diagnostics) = try planFile(url)
    let type =
      plan.model.featureExtractor?.type ?? diagnostics.first { $0.code == .unsupportedExtractor }?.message
      ?? ""
    let listed = requiredExtractors.filter { type == $0 || type.contains("'\($0)'") }
    met.formUnion(listed)
    #expect(
      !diagnostics.contains { $0.severity == .error },
      "\(url.lastPathComponent): \(diagnostics.map(\.message))")
    if !listed.isEmpty {
      #expect(!diagnostics.contains { $0.code == .unsupportedExtractor }, "\(url.lastPathComponent)")
      #expect(plan.cost.isComplete && plan.cost.parameters > 0, "\(url.lastPathComponent)")
    }
  }
  // With the public corpus, every listed extractor is met (none passes by being skipped).
  if configs.contains(where: { $0.path.hasPrefix("/work/corpus/") }) {
    let missed = requiredExtractors.subtracting(met).sorted()
    #expect(missed.isEmpty, "never met: \(missed)")
  }
}

@Test func maskRCNNRunsItsMaskHeadPerDetection() throws {
  let (plan, diagnostics, _) = planPipeline(
    """
    model { faster_rcnn {
      num_classes: 90
      image_resizer { fixed_shape_resizer { height: 512 width: 512 } }
      feature_extractor { type: 'faster_rcnn_resnet50_keras' }
      first_stage_anchor_generator { grid_anchor_generator { scales: [1.0] aspect_ratios: [1.0] } }
      first_stage_max_proposals: 300 initial_crop_size: 14 maxpool_kernel_size: 2 maxpool_stride: 2
      second_stage_box_predictor { mask_rcnn_box_predictor {
        predict_instance_masks: true mask_height: 33 mask_width: 33 mask_prediction_conv_depth: 0
        mask_prediction_num_conv_layers: 4 } }
      second_stage_post_processing { batch_non_max_suppression { max_total_detections: 100 } }
    } }
    """)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  let masks = plan.model.perDetection.filter { $0.name.hasPrefix("MaskPredictor/") }
  // Depth 0 means 2^round((2 log2(2048) + 3 log2(90)) / 5) = 2^round(8.29) = 256.
  #expect(
    masks.map(\.output) == [
      Shape(33, 33, 2048), Shape(33, 33, 256), Shape(33, 33, 256), Shape(33, 33, 256), Shape(33, 33, 90),
    ])
  #expect(plan.model.detectionsPerImage == 100)
  let perDetection = plan.model.perDetection.reduce(0) { $0 + $1.macs }
  let perProposal = plan.model.secondStage.reduce(0) { $0 + $1.macs }
  let firstStage = plan.model.allLayers.reduce(0) { $0 + $1.macs }
  #expect(plan.cost.forwardMACs == firstStage + 300 * perProposal + 100 * perDetection)
}

/// Each lowering code's catalogue example produces that code.
@Test(arguments: planCodeCatalog.map(\.code.rawValue))
func planCodeExampleProducesItsCode(_ code: String) throws {
  let info = try #require(planCodeCatalog.first { $0.code.rawValue == code })
  let (_, diagnostics, _) = planPipeline(info.example)
  #expect(diagnostics.contains { $0.code == info.code }, "\(diagnostics.map(\.message))")
}
